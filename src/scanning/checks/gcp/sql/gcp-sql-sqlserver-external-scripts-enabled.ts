import { SECURE_CONFIGURATION } from '../lib/compliance.js';
import { defineDatabaseFlagCheck, flagIs } from './database-flag.js';

/** CIS 6.3.1: SQL Server's `external scripts enabled` is off (not set is off). */
export const check = defineDatabaseFlagCheck({
  id: 'gcp-sql-sqlserver-external-scripts-enabled',
  cis: '6.3.1',
  engine: 'SQLSERVER',
  flag: 'external scripts enabled',
  wanted: 'off',
  ok: (value) => value === null || flagIs(value, 'off'),
  severity: 'high',
  title: 'Cloud SQL SQL Server instance allows external scripts',
  risk: 'External scripts run R or Python code outside the database engine\'s security boundary; anyone who can run sp_execute_external_script gets code execution on the host.',
  compliance: SECURE_CONFIGURATION,
});
