import { SECURE_CONFIGURATION } from '../lib/compliance.js';
import { defineDatabaseFlagCheck, flagIs } from './database-flag.js';

/** CIS 6.1.3: MySQL's `local_infile` is explicitly off (CIS audits the flag itself: not set does not pass). */
export const check = defineDatabaseFlagCheck({
  id: 'gcp-sql-mysql-local-infile-on',
  cis: '6.1.3',
  engine: 'MYSQL',
  flag: 'local_infile',
  wanted: 'off',
  ok: (value) => flagIs(value, 'off'),
  severity: 'medium',
  title: 'Cloud SQL MySQL instance does not set local_infile to off',
  risk: 'With local_infile on, LOAD DATA LOCAL lets the server ask a client for any file the client can read; a malicious or compromised server, or SQL injection, can read files from application hosts.',
  compliance: SECURE_CONFIGURATION,
});
