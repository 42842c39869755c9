/**
 * The request budgets of the integration guide, enforced across every worker on every machine:
 * AWS 5,000 requests per second per account and region, GCP 100 per second per project, Azure 12,000
 * per hour per subscription, GitHub 5,000 per hour per token.
 *
 * Each process leases tokens from the shared bucket in Postgres (store/rate-buckets.ts) a tenth of a
 * second's worth at a time — 500 for an AWS region, 1 for GitHub — and hands them out locally, so a
 * busy scan makes one database round trip per few hundred API calls, never one per call. Leased
 * tokens that go unused for a second are dropped rather than hoarded.
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Provider } from '../config.js';
import type { Executor } from '../store/db.js';
import { takeTokens, type BucketLimit } from '../store/rate-buckets.js';

export const PROVIDER_RATE_LIMITS: Record<Provider, BucketLimit> = {
  aws: { capacity: 5000, refillPerSecond: 5000 },
  gcp: { capacity: 100, refillPerSecond: 100 },
  azure: { capacity: 12_000, refillPerSecond: 12_000 / 3600 },
  github: { capacity: 5000, refillPerSecond: 5000 / 3600 },
};

export interface SharedRateLimiter {
  /** Waits until one request of `key`'s budget may go. */
  acquire(key: string, limit: BucketLimit): Promise<void>;
}

/** A bucket key that names the principal without storing its identifier: `aws:<hash>:us-east-1`. */
export function bucketKey(provider: Provider, principal: string, scope?: string): string {
  const id = createHash('sha256').update(principal).digest('hex').slice(0, 16);
  return [provider, id, scope].filter(Boolean).join(':');
}

interface Lease {
  tokens: number;
  expiresAt: number;
  /** The refill in flight, which every waiter of this key shares. */
  refilling: Promise<void> | null;
}

export function createSharedRateLimiter(db: Executor, options: { leaseSeconds?: number; holdMs?: number } = {}): SharedRateLimiter {
  const leaseSeconds = options.leaseSeconds ?? 0.1;
  const holdMs = options.holdMs ?? 1000;
  const leases = new Map<string, Lease>();

  async function refill(key: string, limit: BucketLimit, lease: Lease): Promise<void> {
    const size = Math.max(1, Math.min(limit.capacity, Math.floor(limit.refillPerSecond * leaseSeconds)));
    for (;;) {
      const take = await takeTokens(db, key, limit, size);
      if (take.granted) {
        lease.tokens += size;
        lease.expiresAt = Date.now() + holdMs;
        return;
      }
      await sleep(take.waitMs);
    }
  }

  return {
    async acquire(key, limit) {
      let lease = leases.get(key);
      if (!lease) {
        lease = { tokens: 0, expiresAt: 0, refilling: null };
        leases.set(key, lease);
      }
      for (;;) {
        if (lease.tokens > 0 && Date.now() > lease.expiresAt) lease.tokens = 0;
        if (lease.tokens > 0) {
          lease.tokens -= 1;
          return;
        }
        const current: Lease = lease;
        current.refilling ??= refill(key, limit, current).finally(() => {
          current.refilling = null;
        });
        await current.refilling;
      }
    },
  };
}
