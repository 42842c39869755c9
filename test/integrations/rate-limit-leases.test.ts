/**
 * How a process leases from a shared request budget: GitHub's 5,000 an hour refill too slowly for a
 * tenth of a second's worth to be more than one token, so a lease is 1% of the bucket — a scan makes
 * a database round trip per 50 requests, not per request — and what a process does not use goes
 * back. Near the end of a budget, leases shrink to what is left, and two processes still share it at
 * the bucket's pace.
 */
import { sql } from 'drizzle-orm';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketKey, createSharedRateLimiter, leaseCeiling, PROVIDER_RATE_LIMITS } from '../../src/integrations/rate-limits.js';
import { rowsOf, type Db } from '../../src/store/db.js';
import { takeTokens } from '../../src/store/rate-buckets.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(async () => {
  await testDb?.drop();
});

async function tokensOf(key: string): Promise<number> {
  const [row] = rowsOf<{ tokens: number }>(await testDb.database.db.execute(sql`select tokens from rate_buckets where key = ${key}`));
  return Number(row?.tokens ?? Number.NaN);
}

/** The database, counting the statements the limiter sends it. */
function counting(db: Db): { db: Db; statements: () => number } {
  let statements = 0;
  const counted = new Proxy(db, {
    get(target, property, receiver) {
      if (property !== 'execute') return Reflect.get(target, property, receiver) as unknown;
      return (...args: Parameters<Db['execute']>) => {
        statements += 1;
        return target.execute(...args);
      };
    },
  });
  return { db: counted, statements: () => statements };
}

describe('leases from a shared budget', () => {
  it('sizes a lease at a tenth of a second of refill, or 1% of the bucket when that is more', () => {
    expect(leaseCeiling(PROVIDER_RATE_LIMITS.aws, 0.1)).toBe(500);
    expect(leaseCeiling(PROVIDER_RATE_LIMITS.gcp, 0.1)).toBe(10);
    expect(leaseCeiling(PROVIDER_RATE_LIMITS.azure, 0.1)).toBe(120);
    expect(leaseCeiling(PROVIDER_RATE_LIMITS.github, 0.1)).toBe(50);
    expect(leaseCeiling({ capacity: 20, refillPerSecond: 20 }, 0.1)).toBe(2);
    expect(leaseCeiling({ capacity: 3, refillPerSecond: 0.001 }, 0.1)).toBe(1);
  });

  it('serves a GitHub token\'s requests from the lease it holds: one database round trip per 50 requests, and the unused rest goes back', async () => {
    const { db, statements } = counting(testDb.database.db);
    const limiter = createSharedRateLimiter(db, { holdMs: 300 });
    const key = bucketKey('github', 'installation:31337:4242');
    await Promise.all(Array.from({ length: 120 }, () => limiter.acquire(key, PROVIDER_RATE_LIMITS.github)));
    // Three leases of 50, one statement each (a request per statement would have been 120).
    expect(statements()).toBe(3);
    const afterLeases = await tokensOf(key);
    expect(afterLeases).toBeGreaterThanOrEqual(5000 - 150);
    expect(afterLeases).toBeLessThan(5000 - 150 + 5);

    // Unused for the hold time, the 30 left go back to the bucket for the other processes.
    await sleep(500);
    expect(statements()).toBe(4);
    const returned = await tokensOf(key);
    expect(returned).toBeGreaterThanOrEqual(5000 - 120);
    expect(returned).toBeLessThan(5000 - 120 + 5);
  });

  it('keeps two processes to one budget near its end: leases shrink to what is left, then single tokens at the refill\'s pace', async () => {
    const limit = { capacity: 1000, refillPerSecond: 20 };
    const key = 'test:leases-near-empty';
    // Leave 25 tokens: the two processes want 60 between them, leases of up to 10.
    expect(await takeTokens(testDb.database.db, key, limit, 975)).toEqual({ granted: true });
    const workers = [createSharedRateLimiter(testDb.database.db, { holdMs: 5000 }), createSharedRateLimiter(testDb.database.db, { holdMs: 5000 })];
    const started = Date.now();
    await Promise.all(workers.flatMap((worker) => Array.from({ length: 30 }, () => worker.acquire(key, limit))));
    const elapsed = Date.now() - started;
    // 35 more than the bucket held, at 20 a second: about 1.75 s whoever asks; never an overdraft.
    expect(elapsed).toBeGreaterThanOrEqual(1500);
    expect(elapsed).toBeLessThan(6000);
    expect(await tokensOf(key)).toBeGreaterThanOrEqual(0);
  });
});
