/**
 * The request budgets of the integration guide, enforced across every worker on every machine:
 * AWS 5,000 requests per second per account and region, GCP 100 per second per project, Azure 12,000
 * per hour per subscription, GitHub 5,000 per hour per token.
 *
 * Each process leases tokens from the shared bucket in Postgres (store/rate-buckets.ts) a tenth of a
 * second's worth at a time, or 1% of the bucket when that is more — 500 for an AWS region, 10 for a
 * GCP project, 120 for an Azure subscription, 50 for a GitHub token — and hands them out locally, so
 * a busy scan makes one database round trip per tens or hundreds of API calls, never one per call.
 * Pacing across processes holds: every token is taken from the shared bucket before it is used; when
 * the bucket runs low a lease shrinks to what the bucket still holds (down to single tokens, waiting
 * for the refill), and grows back while it grants. Leased tokens still unused after a second go back
 * to the bucket rather than being hoarded or lost.
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Provider } from '../config.js';
import type { Executor } from '../store/db.js';
import { returnTokens, takeTokens, type BucketLimit } from '../store/rate-buckets.js';

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
  /** What the next refill asks for: grows back to the ceiling while the bucket grants, shrinks to what it holds when it runs low. */
  size: number;
  /** The refill in flight, which every waiter of this key shares. */
  refilling: Promise<void> | null;
  /** Gives back what is still unused when the lease expires. */
  timer: ReturnType<typeof setTimeout> | null;
}

/** Share of a bucket one process may lease at once, whatever its refill rate: 1% (50 of GitHub's 5,000 an hour). */
const CAPACITY_SHARE = 0.01;

/**
 * The most tokens one refill takes: `leaseSeconds` of refill, or 1% of the bucket if that is more
 * (buckets that refill slowly, GitHub's and Azure's, would otherwise cost a database round trip per request).
 */
export function leaseCeiling(limit: BucketLimit, leaseSeconds: number): number {
  const wanted = Math.max(Math.floor(limit.refillPerSecond * leaseSeconds), Math.floor(limit.capacity * CAPACITY_SHARE));
  return Math.max(1, Math.min(Math.floor(limit.capacity), wanted));
}

export function createSharedRateLimiter(db: Executor, options: { leaseSeconds?: number; holdMs?: number } = {}): SharedRateLimiter {
  const leaseSeconds = options.leaseSeconds ?? 0.1;
  const holdMs = options.holdMs ?? 1000;
  const leases = new Map<string, Lease>();

  /** Puts the unused rest of a lease back in the shared bucket, for the other processes. */
  function giveBack(key: string, limit: BucketLimit, lease: Lease): void {
    const rest = lease.tokens;
    lease.tokens = 0;
    if (lease.timer) clearTimeout(lease.timer);
    lease.timer = null;
    // Best effort: tokens that cannot be returned (the database is away) are lost, as an expired lease's were before.
    if (rest > 0) returnTokens(db, key, limit, rest).catch(() => undefined);
  }

  async function refill(key: string, limit: BucketLimit, lease: Lease): Promise<void> {
    const ceiling = leaseCeiling(limit, leaseSeconds);
    let size = Math.min(lease.size, ceiling);
    for (;;) {
      const take = await takeTokens(db, key, limit, size);
      if (take.granted) {
        lease.tokens += size;
        lease.size = Math.min(ceiling, size * 2);
        lease.expiresAt = Date.now() + holdMs;
        if (lease.timer) clearTimeout(lease.timer);
        lease.timer = setTimeout(() => giveBack(key, limit, lease), holdMs);
        // A pending give-back must not keep a finished CLI run alive.
        lease.timer.unref();
        return;
      }
      if (size > 1) {
        // Fewer than `size` left: take what the bucket holds now (the wait tells how many are missing),
        // so near the end of a budget every process draws single tokens at the bucket's own pace.
        size = Math.max(1, Math.floor(size - (take.waitMs / 1000) * limit.refillPerSecond));
        lease.size = size;
        continue;
      }
      await sleep(take.waitMs);
    }
  }

  return {
    async acquire(key, limit) {
      let lease = leases.get(key);
      if (!lease) {
        lease = { tokens: 0, expiresAt: 0, size: leaseCeiling(limit, leaseSeconds), refilling: null, timer: null };
        leases.set(key, lease);
      }
      for (;;) {
        if (lease.tokens > 0 && Date.now() > lease.expiresAt) giveBack(key, limit, lease);
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
