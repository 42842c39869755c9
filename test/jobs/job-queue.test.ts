import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { JobQueue } from '../../src/jobs/job-queue.js';
import type { Envelope, QueueSpec } from '../../src/jobs/queues.js';
import { createMetrics } from '../../src/metrics.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { deferred, waitFor } from '../helpers/wait.js';

interface TestPayloads {
  work: { n: number };
  flaky: { n: number };
  slow: { n: number };
  txn: { n: number };
}

const fast = { batchSize: 10, concurrency: 1, pollingIntervalSeconds: 0.5 };
const specs: Record<keyof TestPayloads, QueueSpec> = {
  work: { options: { retryLimit: 0 }, worker: fast },
  flaky: { options: { retryLimit: 1, retryDelay: 1 }, worker: fast },
  slow: { options: { retryLimit: 0, expireInSeconds: 60 }, worker: { ...fast, batchSize: 1 } },
  txn: { options: { retryLimit: 0 }, worker: fast },
};

let testDb: TestDatabase;
let queue: JobQueue<TestPayloads>;
const metrics = createMetrics();

beforeAll(async () => {
  testDb = await createTestDatabase();
  queue = await JobQueue.start<TestPayloads>({ boss: testDb.database.bossOptions, specs, logger: pino({ level: 'silent' }), metrics });
});

afterAll(async () => {
  await queue.stop(1000);
  await testDb.drop();
});

describe('JobQueue', () => {
  it('runs every job with its payload and correlation id, counting outcomes', async () => {
    const seen: Array<Envelope<{ n: number }>> = [];
    await queue.work('work', async (data) => {
      seen.push(data);
    });
    await queue.send('work', { n: 1 }, { correlationId: 'req-123' });
    await queue.sendMany('work', [{ n: 2 }, { n: 3 }, { n: 4 }], { correlationId: 'req-456' });
    await waitFor(() => seen.length === 4);
    expect(seen.map((d) => d.n).sort()).toEqual([1, 2, 3, 4]);
    expect(seen.find((d) => d.n === 1)?.correlationId).toBe('req-123');
    expect(seen.filter((d) => d.correlationId === 'req-456')).toHaveLength(3);
    await waitFor(async () => (await metrics.registry.getSingleMetricAsString('cloudsentinel_jobs_total')).includes('queue="work",outcome="completed"} 4'));
  });

  it('settles each job of a batch on its own: one failure is retried, then dead-lettered; the others complete', async () => {
    const attempts = new Map<number, number>();
    await queue.work('flaky', async (data) => {
      attempts.set(data.n, (attempts.get(data.n) ?? 0) + 1);
      if (data.n === 13) throw new Error('unlucky');
    });
    const ids = await Promise.all([1, 2, 13].map((n) => queue.send('flaky', { n })));
    await waitFor(async () => (await queue.deadLetters('flaky')).length === 1, 20_000);
    const [dead] = await queue.deadLetters('flaky');
    expect(dead?.data.n).toBe(13);
    expect(attempts.get(13)).toBe(2); // the first try and one retry
    expect(attempts.get(1)).toBe(1);
    expect(attempts.get(2)).toBe(1);
    const states = await Promise.all(ids.map((id) => queue.jobState('flaky', id as string)));
    expect(states).toEqual(['completed', 'completed', 'failed']);
  });

  it('enqueues inside a transaction: a rollback leaves no job, a commit leaves one', async () => {
    const db = testDb.database.db;
    await expect(
      db.transaction(async (tx) => {
        await queue.send('txn', { n: 1 }, { tx });
        await tx.execute(sql`select 1`);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const committed = await db.transaction((tx) => queue.send('txn', { n: 2 }, { tx }));
    expect(committed).toBeTruthy();
    const seen: number[] = [];
    await queue.work('txn', async (data) => {
      seen.push(data.n);
    });
    await waitFor(() => seen.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 1200)); // another poll finds nothing more
    expect(seen).toEqual([2]);
  });

  it('stop() lets an in-flight job finish and takes no new work', async () => {
    const started = deferred();
    const release = deferred();
    let finished = 0;
    await queue.work('slow', async () => {
      started.resolve();
      await release.promise;
      finished += 1;
    });
    const id = await queue.send('slow', { n: 1 });
    await started.promise;
    setTimeout(() => release.resolve(), 500);
    await queue.stop(10_000);
    expect(finished).toBe(1);
    expect(queue.running).toBe(false);
    // The job's completion was recorded before the queue closed: reopen and look.
    const again = await JobQueue.start<TestPayloads>({ boss: testDb.database.bossOptions, specs, logger: pino({ level: 'silent' }), schedule: false });
    try {
      expect(await again.jobState('slow', id as string)).toBe('completed');
    } finally {
      await again.stop(1000);
    }
  });
});
