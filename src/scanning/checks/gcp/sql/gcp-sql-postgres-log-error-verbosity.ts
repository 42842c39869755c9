import { LOGGING } from '../lib/compliance.js';
import { defineDatabaseFlagCheck, flagIs } from './database-flag.js';

/** CIS 6.2.1: PostgreSQL's `log_error_verbosity` is DEFAULT or stricter (TERSE); not set is DEFAULT. */
export const check = defineDatabaseFlagCheck({
  id: 'gcp-sql-postgres-log-error-verbosity',
  cis: '6.2.1',
  engine: 'POSTGRES',
  flag: 'log_error_verbosity',
  wanted: 'default',
  ok: (value) => value === null || flagIs(value, 'default', 'terse'),
  severity: 'low',
  title: 'Cloud SQL PostgreSQL instance logs errors verbosely',
  risk: 'log_error_verbosity=verbose writes source file names, line numbers and internal details for every message, bloating the logs and exposing internals to everyone who reads them.',
  compliance: LOGGING,
});
