/** Taking a delivery exactly once: its id and its jobs commit together, or neither does. */
import type { JobQueue } from '../../jobs/job-queue.js';
import type { GitHubAppJob, JobPayloads } from '../../jobs/queues.js';
import type { Db } from '../../store/db.js';
import { pruneDeliveries, recordDelivery } from '../../store/github-deliveries.js';
import type { Delivery } from './handlers/index.js';
import { stringAt } from './payload.js';

export type DeliveryOutcome = 'queued' | 'duplicate' | 'nothing to do';

/** GitHub redelivers deliveries of the past 3 days; their ids are kept for a week. */
const REMEMBER_MS = 7 * 86_400_000;

export async function acceptDelivery(db: Db, queue: JobQueue<JobPayloads>, delivery: Delivery, jobs: GitHubAppJob[]): Promise<DeliveryOutcome> {
  if (jobs.length === 0) return 'nothing to do';
  return db.transaction(async (tx) => {
    const first = await recordDelivery(tx, {
      deliveryId: delivery.id,
      event: delivery.name,
      action: stringAt(delivery.payload, 'action') ?? null,
      installationId: jobs[0]?.installationId ?? null,
    });
    if (!first) return 'duplicate';
    // The delivery id follows the work into every job it starts, as the correlation id.
    await queue.sendMany('github', jobs, { tx, correlationId: `github:${delivery.id}` });
    await pruneDeliveries(tx, new Date(Date.now() - REMEMBER_MS));
    return 'queued';
  });
}
