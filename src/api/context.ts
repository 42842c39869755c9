/** What the REST API is given (I/O passed in, nothing global) and who is calling. */
import type { ApiConfig, Config, Role } from '../config.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { JobPayloads } from '../jobs/queues.js';
import type { Logger } from '../logger.js';
import type { Keyring } from '../store/crypto.js';
import type { Db } from '../store/db.js';

export interface ApiDeps {
  db: Db;
  queue: JobQueue<JobPayloads>;
  keyring: Keyring;
  logger: Logger;
  config: Pick<Config, 'aws' | 'azure' | 'gcp' | 'github' | 'defaultRole' | 'admins'> & { api: ApiConfig };
  clock?: () => Date;
}

/** An authenticated caller: an API token (`cst_…`) or a JWT subject, always of one tenant. */
export interface ApiPrincipal {
  kind: 'api_token' | 'jwt';
  /** The token's id, or the JWT's `sub`. */
  id: string;
  tenantId: string;
  role: Role;
  /** How the audit log names them: `api:<token id>` or `jwt:<sub>`. */
  actor: string;
}
