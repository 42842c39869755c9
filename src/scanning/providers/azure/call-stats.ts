/**
 * Counts and paces what a scan asks of Azure Resource Manager, as two pipeline policies added to
 * every ARM client: one per call (outside the SDK's retry policy), which also holds one of the
 * scan's concurrency slots for the whole call, retries and their Retry-After waits included — what
 * slows a throttled scan down; and one per attempt (inside the retry policy), which counts retries
 * and 429 answers. Token requests to Entra ID go through the credential's own pipeline and are not
 * counted here.
 *
 * The SDK's retry policy retries a 429 only when it says how long to wait (Retry-After,
 * retry-after-ms, x-ms-retry-after-ms). Resource Manager always does; a proxy or a sovereign cloud
 * front end may not, so a 429 without one is given a backoff (full jitter) the SDK then honours.
 */
import pLimit from 'p-limit';
import type { SubscriptionClientOptionalParams } from '@azure/arm-resources-subscriptions';
import { backoffDelay } from '../../backoff.js';

export type PipelinePolicy = NonNullable<SubscriptionClientOptionalParams['additionalPolicies']>[number]['policy'];
export type AdditionalPolicy = NonNullable<SubscriptionClientOptionalParams['additionalPolicies']>[number];

export class AzureCallStats {
  /** Requests sent (one per call or page, however many attempts it took). */
  calls = 0;
  /** Attempts after the first, over all calls. */
  retries = 0;
  /** Attempts answered with HTTP 429. */
  throttled = 0;
  /** Calls that ended in an error status after every retry (403, 404, 5xx...). */
  errors = 0;
}

/** The two policies: per call (count, bounded concurrency), per attempt (retries, throttling). */
const RETRY_AFTER_HEADERS = ['retry-after', 'retry-after-ms', 'x-ms-retry-after-ms'];

export function callStatsPolicies(stats: AzureCallStats, maxConcurrentCalls: number, random: () => number = Math.random): AdditionalPolicy[] {
  const limit = pLimit(Math.max(1, maxConcurrentCalls));
  const attempts = new WeakMap<object, number>();
  const perCall: PipelinePolicy = {
    name: 'cloudsentinelCallStats',
    sendRequest: (request, next) =>
      limit(async () => {
        stats.calls += 1;
        const response = await next(request);
        if (response.status >= 400) stats.errors += 1;
        return response;
      }),
  };
  const perAttempt: PipelinePolicy = {
    name: 'cloudsentinelAttemptStats',
    async sendRequest(request, next) {
      // The retry policy sends the very same request object again.
      const attempt = attempts.get(request) ?? 0;
      attempts.set(request, attempt + 1);
      if (attempt > 0) stats.retries += 1;
      const response = await next(request);
      if (response.status === 429) {
        stats.throttled += 1;
        if (!RETRY_AFTER_HEADERS.some((name) => response.headers.has(name))) response.headers.set('retry-after-ms', String(backoffDelay(attempt, 1000, 30_000, random)));
      }
      return response;
    },
  };
  return [
    { policy: perCall, position: 'perCall' },
    { policy: perAttempt, position: 'perRetry' },
  ];
}
