import { SECURE_CONFIGURATION } from '../lib/compliance.js';
import { defineDatabaseFlagCheck } from './database-flag.js';

/** CIS 6.2.7: PostgreSQL's `log_min_duration_statement` is -1 (disabled, the default). */
export const check = defineDatabaseFlagCheck({
  id: 'gcp-sql-postgres-log-min-duration-statement-enabled',
  cis: '6.2.7',
  engine: 'POSTGRES',
  flag: 'log_min_duration_statement',
  wanted: '-1',
  ok: (value) => value === null || value.trim() === '-1',
  severity: 'low',
  title: 'Cloud SQL PostgreSQL instance logs full statements by duration',
  risk: 'log_min_duration_statement logs the full text of slow statements, which may carry passwords, personal data or other sensitive values into logs that many people can read.',
  compliance: SECURE_CONFIGURATION,
});
