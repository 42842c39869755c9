/**
 * The queue side of a scan-job test: `notify` jobs collected, `refresh` jobs taken and dropped, and
 * `scan` jobs run by the real handler with each attempt (and its retry count) recorded; and a wait
 * for a scan's end.
 */
import type { JobHandler, JobQueue } from '../../src/jobs/job-queue.js';
import type { Envelope, JobPayloads, WorkerSpec } from '../../src/jobs/queues.js';
import type { Db } from '../../src/store/db.js';
import { getScan, type Scan } from '../../src/store/scans.js';
import { waitFor } from './wait.js';

export const FAST: WorkerSpec = { batchSize: 1, concurrency: 1, pollingIntervalSeconds: 0.5 };

export interface ScanJobWork {
  notified: Array<Envelope<JobPayloads['notify']>>;
  attempts: Array<{ scanId: string; retryCount: number }>;
}

export async function workScanJobs(queue: JobQueue<JobPayloads>, handler: JobHandler<JobPayloads['scan']>): Promise<ScanJobWork> {
  const work: ScanJobWork = { notified: [], attempts: [] };
  await queue.work('notify', async (data) => void work.notified.push(data), { ...FAST, batchSize: 10 });
  await queue.work('refresh', async () => undefined, { ...FAST, batchSize: 10 });
  await queue.work(
    'scan',
    async (data, context) => {
      work.attempts.push({ scanId: data.scanId, retryCount: context.retryCount });
      await handler(data, context);
    },
    FAST,
  );
  return work;
}

/** The scan once its job has finished it (successfully or not). */
export async function scanFinished(db: Db, scanId: string, timeoutMs = 30_000): Promise<Scan> {
  await waitFor(async () => (await getScan(db, scanId)).finishedAt !== null, timeoutMs, 100);
  return getScan(db, scanId);
}
