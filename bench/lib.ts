/** What the chat benchmarks share: percentiles, the load a phase put on the process, waiting for the job queue. */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../src/store/db.js';

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { n: sorted.length, p50: round(at(50)), p95: round(at(95)), p99: round(at(99)), max: round(sorted.at(-1) ?? Number.NaN) };
}

export interface PhaseLoad {
  /** How late the event loop ran timers meanwhile. */
  loopDelayMs: { p99: number; max: number };
  /** This process's CPU time over wall time; 100 is one core busy. */
  cpuPercent: number;
}

/** Runs `phase` and reports how loaded the process was meanwhile, to read its latencies by. */
export async function measured<T>(phase: () => Promise<T>): Promise<{ result: T; load: PhaseLoad }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  const cpu = process.cpuUsage();
  const started = performance.now();
  histogram.enable();
  try {
    const result = await phase();
    const used = process.cpuUsage(cpu);
    const cpuPercent = Math.round((used.user + used.system) / 10 / (performance.now() - started));
    return { result, load: { loopDelayMs: { p99: Math.round(histogram.percentile(99) / 1e6), max: Math.round(histogram.max / 1e6) }, cpuPercent } };
  } finally {
    histogram.disable();
  }
}

export async function waitUntil(what: string, ready: () => Promise<boolean> | boolean, timeoutMs: number, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(intervalMs);
  }
}

/** Jobs still to run, for the queues a click or a scan sets going. */
export async function pendingJobs(db: Db): Promise<number> {
  const result = await db.execute(sql`select count(*)::int as n from pgboss.job where name in ('scan', 'notify', 'refresh', 'note') and state in ('created', 'retry', 'active')`);
  return rowsOf<{ n: number }>(result)[0]?.n ?? 0;
}

export async function drainQueue(db: Db, timeoutMs: number): Promise<void> {
  await waitUntil('job queue drained', async () => (await pendingJobs(db)) === 0, timeoutMs, 200);
}
