/**
 * Queue throughput: enqueue and complete 20,000 jobs through CloudSentinel's job layer (JobQueue on
 * pg-boss) on a real PostgreSQL, and print jobs/s end to end and the enqueue-to-start latency.
 *
 *   npm run bench:queue                       # uses DATABASE_URL, or postgres://postgres@127.0.0.1:5432/postgres
 *   JOBS=50000 npm run bench:queue
 *
 * A fresh database is created for the run and dropped afterwards. Target: >= 2,000 jobs/s.
 */
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import postgres from 'postgres';
import { JobQueue } from '../src/jobs/job-queue.js';
import type { QueueSpec } from '../src/jobs/queues.js';
import { openDatabase } from '../src/store/db.js';

const JOBS = Number(process.env.JOBS ?? 20_000);
const CHUNK = 500;
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface BenchPayloads {
  bench: { n: number; sentAt: number };
}

const specs: Record<'bench', QueueSpec> = {
  bench: {
    options: { retryLimit: 2, retryDelay: 1, retryBackoff: true },
    worker: { batchSize: 250, concurrency: 4, pollingIntervalSeconds: 0.5 },
  },
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function main(): Promise<void> {
  const name = `cs_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 10 });
  const queue = await JobQueue.start<BenchPayloads>({ boss: database.bossOptions, specs, logger: pino({ level: 'warn' }), schedule: false });
  try {
    const latencies: number[] = [];
    let done = 0;
    let resolveAll!: () => void;
    const allStarted = new Promise<void>((resolve) => {
      resolveAll = resolve;
    });
    await queue.work('bench', async (data) => {
      latencies.push(Date.now() - data.sentAt);
      done += 1;
      if (done === JOBS) resolveAll();
    });

    const started = Date.now();
    for (let i = 0; i < JOBS; i += CHUNK) {
      const sentAt = Date.now();
      const payloads = Array.from({ length: Math.min(CHUNK, JOBS - i) }, (_, k) => ({ n: i + k, sentAt }));
      await queue.sendMany('bench', payloads);
    }
    const enqueued = Date.now();
    await allStarted;
    // End to end means settled in the database, not merely handed to a handler.
    const check = postgres(url.toString(), { max: 1 });
    for (;;) {
      const [row] = await check<Array<{ n: number }>>`select count(*)::int as n from pgboss.job where name = 'bench' and state = 'completed'`;
      if ((row?.n ?? 0) >= JOBS) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const finished = Date.now();
    await check.end();

    latencies.sort((a, b) => a - b);
    const seconds = (finished - started) / 1000;
    const figures = {
      jobs: JOBS,
      enqueueSeconds: (enqueued - started) / 1000,
      endToEndSeconds: seconds,
      jobsPerSecond: Math.round(JOBS / seconds),
      enqueueToStartMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) },
      worker: specs.bench.worker,
      target: '>= 2000 jobs/s',
    };
    console.log(JSON.stringify(figures, null, 2));
    console.log(`${figures.jobsPerSecond} jobs/s end to end (${figures.jobsPerSecond >= 2000 ? 'meets' : 'MISSES'} the 2,000 jobs/s target); enqueue-to-start p50 ${figures.enqueueToStartMs.p50} ms, p99 ${figures.enqueueToStartMs.p99} ms`);
  } finally {
    await queue.stop(5000);
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
