import { LEAST_PRIVILEGE } from '../lib/compliance.js';
import { defineDatabaseFlagCheck, flagIs } from './database-flag.js';

/** CIS 6.3.2: SQL Server's `cross db ownership chaining` is off (not set is off). */
export const check = defineDatabaseFlagCheck({
  id: 'gcp-sql-sqlserver-cross-db-ownership-chaining',
  cis: '6.3.2',
  engine: 'SQLSERVER',
  flag: 'cross db ownership chaining',
  wanted: 'off',
  ok: (value) => value === null || flagIs(value, 'off'),
  severity: 'medium',
  title: 'Cloud SQL SQL Server instance allows cross-database ownership chaining',
  risk: 'Cross-database ownership chaining lets a user who owns objects in one database reach objects in another without being granted access there — a path to privilege escalation.',
  compliance: LEAST_PRIVILEGE,
});
