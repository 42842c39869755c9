/**
 * The provider request budgets shared through Postgres: the bucket itself, two limiters standing
 * for two workers drawing from one budget, and an AWS scan drawing its calls from its account's
 * per-region bucket.
 */
import { sql } from 'drizzle-orm';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketKey, createSharedRateLimiter, PROVIDER_RATE_LIMITS } from '../../src/integrations/rate-limits.js';
import { createAwsScanner } from '../../src/scanning/providers/aws/scanner.js';
import { rowsOf } from '../../src/store/db.js';
import { takeTokens } from '../../src/store/rate-buckets.js';
import { startFakeAws, type FakeAws } from '../fakes/aws/server.js';
import { smallAccount } from '../fakes/aws/small-account.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

let testDb: TestDatabase;
let fake: FakeAws;
const GOOD_KEY = 'AKIAFAKEGOODKEY12345';

beforeAll(async () => {
  testDb = await createTestDatabase();
  fake = await startFakeAws(smallAccount(), { validAccessKeyIds: [GOOD_KEY] });
});

afterAll(async () => {
  await fake?.close();
  await testDb?.drop();
});

async function tokensOf(key: string): Promise<number | null> {
  const [row] = rowsOf<{ tokens: number }>(await testDb.database.db.execute(sql`select tokens from rate_buckets where key = ${key}`));
  return row ? Number(row.tokens) : null;
}

describe('shared token buckets', () => {
  it('starts full, refuses what it does not hold with the time to wait, and refills with time', async () => {
    const db = testDb.database.db;
    const limit = { capacity: 10, refillPerSecond: 10 };
    expect(await takeTokens(db, 'test:a', limit, 10)).toEqual({ granted: true });
    const refused = await takeTokens(db, 'test:a', limit, 5);
    expect(refused.granted).toBe(false);
    if (!refused.granted) {
      expect(refused.waitMs).toBeGreaterThan(300);
      expect(refused.waitMs).toBeLessThanOrEqual(500);
    }
    await sleep(550);
    expect(await takeTokens(db, 'test:a', limit, 5)).toEqual({ granted: true });
    await expect(takeTokens(db, 'test:a', limit, 11)).rejects.toThrow(RangeError);
  });

  it('holds two workers together to one budget', async () => {
    const limit = { capacity: 20, refillPerSecond: 20 };
    const workers = [createSharedRateLimiter(testDb.database.db), createSharedRateLimiter(testDb.database.db)];
    const started = Date.now();
    // 60 requests against a burst of 20 and 20 per second: the last 40 take about two seconds, whoever asks.
    await Promise.all(workers.flatMap((worker) => Array.from({ length: 30 }, () => worker.acquire('test:shared', limit))));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1700);
    expect(elapsed).toBeLessThan(8000);
    expect(await tokensOf('test:shared')).toBeGreaterThanOrEqual(0);
  });

  it('names principals by a hash, never by their identifier', () => {
    const key = bucketKey('aws', GOOD_KEY, 'us-east-1');
    expect(key).toMatch(/^aws:[0-9a-f]{16}:us-east-1$/);
    expect(key).not.toContain(GOOD_KEY);
  });

  it('draws an AWS scan\'s calls from its account\'s per-region buckets', async () => {
    const scanner = createAwsScanner({ defaultRegion: 'us-east-1', endpoint: fake.endpoint, endpointOverridden: true, httpAgent: fake.httpAgent, rateLimiter: createSharedRateLimiter(testDb.database.db) });
    await scanner.scan({ credentials: { access_key_id: GOOD_KEY, secret_access_key: 'fake-secret-access-key-0123456789abcdef', region: 'us-east-1' }, checks: ['aws-ec2-security-group-ssh-open-to-internet'] });
    for (const region of ['us-east-1', 'eu-west-1']) {
      const tokens = await tokensOf(bucketKey('aws', GOOD_KEY, region));
      expect(tokens, region).not.toBeNull();
      expect(tokens ?? Infinity, region).toBeLessThan(PROVIDER_RATE_LIMITS.aws.capacity);
    }
  });
});
