/**
 * Shared token buckets in Postgres. One statement refills a bucket from the time elapsed since its
 * last take and takes from it, under the row's lock, so any number of workers on any number of
 * machines draw from one budget and never overdraw it together.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from './db.js';

export interface BucketLimit {
  /** The most tokens the bucket holds: the burst allowed after a quiet spell. */
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
}

export type Take = { granted: true } | { granted: false; waitMs: number };

/**
 * Takes `n` tokens from bucket `key` (created full on first use) if it holds that many now;
 * otherwise takes nothing and says how long until it will.
 */
export async function takeTokens(executor: Executor, key: string, limit: BucketLimit, n: number): Promise<Take> {
  if (n > limit.capacity) throw new RangeError(`cannot take ${n} tokens from a bucket of ${limit.capacity}`);
  const refilled = sql`least(${limit.capacity}::float8, rate_buckets.tokens + extract(epoch from (clock_timestamp() - rate_buckets.updated_at)) * ${limit.refillPerSecond}::float8)`;
  const taken = rowsOf<{ tokens: number }>(
    await executor.execute(sql`
      insert into rate_buckets (key, tokens, updated_at) values (${key}, ${limit.capacity - n}::float8, clock_timestamp())
      on conflict (key) do update set tokens = ${refilled} - ${n}::float8, updated_at = clock_timestamp()
      where ${refilled} >= ${n}::float8
      returning tokens`),
  );
  if (taken.length > 0) return { granted: true };
  const [row] = rowsOf<{ available: number }>(
    await executor.execute(sql`select ${refilled} as available from rate_buckets where key = ${key}`),
  );
  const missing = n - Number(row?.available ?? 0);
  return { granted: false, waitMs: Math.max(1, Math.ceil((missing / limit.refillPerSecond) * 1000)) };
}

/**
 * Puts back `n` tokens taken but not used (a process's lease it no longer needs), never above the
 * bucket's capacity; the refill since the last take is left to accrue as before.
 */
export async function returnTokens(executor: Executor, key: string, limit: BucketLimit, n: number): Promise<void> {
  if (n <= 0) return;
  await executor.execute(sql`update rate_buckets set tokens = least(${limit.capacity}::float8, tokens + ${n}::float8) where key = ${key}`);
}
