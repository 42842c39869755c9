import { SECURE_CONFIGURATION } from '../lib/compliance.js';
import { defineDatabaseFlagCheck, flagIs } from './database-flag.js';

/** CIS 6.3.5: SQL Server's `remote access` is explicitly off (SQL Server's default is on). */
export const check = defineDatabaseFlagCheck({
  id: 'gcp-sql-sqlserver-remote-access-on',
  cis: '6.3.5',
  engine: 'SQLSERVER',
  flag: 'remote access',
  wanted: 'off',
  ok: (value) => flagIs(value, 'off'),
  severity: 'medium',
  title: 'Cloud SQL SQL Server instance allows remote access (remote stored procedures)',
  risk: 'Remote access lets stored procedures be run from and on other servers, which can be abused for denial of service by offloading query processing to the target, or for lateral movement.',
  compliance: SECURE_CONFIGURATION,
});
