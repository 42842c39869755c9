import { LOGGING } from '../lib/compliance.js';
import { defineDatabaseFlagCheck, flagIs } from './database-flag.js';

/** CIS 6.2.8: PostgreSQL's `cloudsql.enable_pgaudit` is on, for centralized audit logging through Cloud Logging. */
export const check = defineDatabaseFlagCheck({
  id: 'gcp-sql-postgres-pgaudit-disabled',
  cis: '6.2.8',
  engine: 'POSTGRES',
  flag: 'cloudsql.enable_pgaudit',
  wanted: 'on',
  ok: (value) => flagIs(value, 'on'),
  severity: 'medium',
  title: 'Cloud SQL PostgreSQL instance does not enable pgAudit',
  risk: 'Without pgAudit, who read or changed which data is not recorded in Cloud Logging, so misuse of database access cannot be detected or investigated.',
  compliance: LOGGING,
});
