import type { NotifierRegistry } from '../../bot/core/types.js';
import type { Logger } from '../../logger.js';
import type { EvidenceCollectorRegistry } from '../../evidence/types.js';
import type { ScannerRegistry } from '../../scanning/scanner.js';
import type { Keyring } from '../../store/crypto.js';
import type { Db } from '../../store/db.js';
import type { JobHandler, JobQueue } from '../job-queue.js';
import type { JobPayloads, QueueName } from '../queues.js';
import { healthNoticeHandler } from './health.js';
import { maintenanceHandler, type HealthCheck } from './maintenance.js';
import { notifyHandler } from './notify.js';
import { noteHandler } from './note.js';
import { refreshHandler } from './refresh.js';
import { scanHandler } from './scan.js';
import { syncHandler } from './sync.js';

export type JobHandlers = { [Q in QueueName]: JobHandler<JobPayloads[Q]> };

export interface HandlerDeps {
  db: Db;
  queue: JobQueue<JobPayloads>;
  logger: Logger;
  clock?: () => Date;
}

/**
 * The handlers this process has. `notify`, `refresh`, `note` and `health` come with the chat notifiers: a process
 * without any (a scan-only worker, or no chat platform configured) leaves those jobs queued for one
 * that has them instead of consuming them with nowhere to post.
 */
export function createJobHandlers(
  deps: HandlerDeps & {
    keyring: Keyring;
    scanners: ScannerRegistry;
    collectors: EvidenceCollectorRegistry;
    notifiers?: NotifierRegistry;
    digestThreshold?: number;
    checkHealth?: HealthCheck;
  },
): Partial<JobHandlers> {
  const handlers: Partial<JobHandlers> = { maintenance: maintenanceHandler(deps), scan: scanHandler(deps), sync: syncHandler(deps) };
  const { notifiers } = deps;
  if (notifiers && Object.values(notifiers).some((notifier) => notifier !== undefined)) {
    handlers.notify = notifyHandler({ ...deps, notifiers });
    handlers.refresh = refreshHandler({ ...deps, notifiers });
    handlers.note = noteHandler({ ...deps, notifiers });
    handlers.health = healthNoticeHandler({ ...deps, notifiers });
  }
  return handlers;
}
