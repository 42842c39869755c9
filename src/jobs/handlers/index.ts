import type { Logger } from '../../logger.js';
import type { ScannerRegistry } from '../../scanning/scanner.js';
import type { Keyring } from '../../store/crypto.js';
import type { Db } from '../../store/db.js';
import type { JobHandler, JobQueue } from '../job-queue.js';
import type { JobPayloads, QueueName } from '../queues.js';
import { maintenanceHandler } from './maintenance.js';
import { scanHandler } from './scan.js';

export type JobHandlers = { [Q in QueueName]: JobHandler<JobPayloads[Q]> };

export interface HandlerDeps {
  db: Db;
  queue: JobQueue<JobPayloads>;
  logger: Logger;
  clock?: () => Date;
}

/**
 * The handlers this build has. Queues without one (sync, notify, refresh until their capabilities
 * land) keep their jobs queued for a process that has them.
 */
export function createJobHandlers(deps: HandlerDeps & { keyring: Keyring; scanners: ScannerRegistry }): Partial<JobHandlers> {
  return { maintenance: maintenanceHandler(deps), scan: scanHandler(deps) };
}
