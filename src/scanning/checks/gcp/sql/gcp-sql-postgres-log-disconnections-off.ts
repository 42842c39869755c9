import { LOGGING } from '../lib/compliance.js';
import { defineDatabaseFlagCheck, flagIs } from './database-flag.js';

/** CIS 6.2.3: PostgreSQL's `log_disconnections` is on (off by default). */
export const check = defineDatabaseFlagCheck({
  id: 'gcp-sql-postgres-log-disconnections-off',
  cis: '6.2.3',
  engine: 'POSTGRES',
  flag: 'log_disconnections',
  wanted: 'on',
  ok: (value) => flagIs(value, 'on'),
  severity: 'medium',
  title: 'Cloud SQL PostgreSQL instance does not log disconnections',
  risk: 'Without disconnection logging, session ends and durations are not recorded, so unusually long or short sessions cannot be spotted or reconstructed after an incident.',
  compliance: LOGGING,
});
