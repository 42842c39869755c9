import { CREDENTIALS } from '../lib/compliance.js';
import { defineDatabaseFlagCheck, flagIs } from './database-flag.js';

/** CIS 6.3.7: SQL Server's `contained database authentication` is off (not set is off). */
export const check = defineDatabaseFlagCheck({
  id: 'gcp-sql-sqlserver-contained-database-authentication',
  cis: '6.3.7',
  engine: 'SQLSERVER',
  flag: 'contained database authentication',
  wanted: 'off',
  ok: (value) => value === null || flagIs(value, 'off'),
  severity: 'medium',
  title: 'Cloud SQL SQL Server instance allows contained database authentication',
  risk: 'Users of a contained database authenticate in the database itself, outside the server\'s login policies; a database owner can create users the server administrators cannot see or control.',
  compliance: CREDENTIALS,
});
