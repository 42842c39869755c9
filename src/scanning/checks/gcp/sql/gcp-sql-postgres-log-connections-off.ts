import { LOGGING } from '../lib/compliance.js';
import { defineDatabaseFlagCheck, flagIs } from './database-flag.js';

/** CIS 6.2.2: PostgreSQL's `log_connections` is on (off by default). */
export const check = defineDatabaseFlagCheck({
  id: 'gcp-sql-postgres-log-connections-off',
  cis: '6.2.2',
  engine: 'POSTGRES',
  flag: 'log_connections',
  wanted: 'on',
  ok: (value) => flagIs(value, 'on'),
  severity: 'medium',
  title: 'Cloud SQL PostgreSQL instance does not log connections',
  risk: 'Without connection logging, brute-force attempts, unexpected clients and the start of a breach leave no trace in the database\'s logs.',
  compliance: LOGGING,
});
