import { SECURE_CONFIGURATION } from '../lib/compliance.js';
import { defineDatabaseFlagCheck, flagIs } from './database-flag.js';

/** CIS 6.1.2: MySQL's `skip_show_database` is on, so SHOW DATABASES shows a user only the databases they hold privileges on (the default, off, shows all). */
export const check = defineDatabaseFlagCheck({
  id: 'gcp-sql-mysql-skip-show-database-off',
  cis: '6.1.2',
  engine: 'MYSQL',
  flag: 'skip_show_database',
  wanted: 'on',
  ok: (value) => flagIs(value, 'on'),
  severity: 'low',
  title: 'Cloud SQL MySQL instance does not set skip_show_database to on',
  risk: 'Without skip_show_database, any user can run SHOW DATABASES and learn every database on the instance, including ones they have no privileges on — a map for the next step of an attack.',
  compliance: SECURE_CONFIGURATION,
});
