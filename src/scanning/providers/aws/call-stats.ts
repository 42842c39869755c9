/**
 * Counts what a scan asked of AWS: operations sent, HTTP attempts (retries included), throttled
 * answers and calls that finally failed. The clients count through a middleware on every client,
 * so paginator pages and retries are counted without the collectors doing anything.
 */
import type { Pluggable } from '@smithy/types';
import { retryKind } from './retry.js';

export interface CallStatsSummary {
  /** Operations sent (one per SDK command, however many attempts it took). */
  calls: number;
  /** HTTP requests, retries included. */
  attempts: number;
  /** Attempts after the first, over all calls. */
  retries: number;
  /** Attempts answered with a throttling error (Throttling, SlowDown, 429, ...). */
  throttled: number;
  /** Calls that ended in an error after every retry — AccessDenied, and also the "not configured" answers some APIs give (NoSuchBucketPolicy). */
  errors: number;
  /** `service:Operation` → calls. */
  byOperation: Record<string, number>;
}

export class CallStats {
  calls = 0;
  attempts = 0;
  retries = 0;
  throttled = 0;
  errors = 0;
  readonly byOperation = new Map<string, number>();

  recordCall(operation: string): void {
    this.calls += 1;
    this.byOperation.set(operation, (this.byOperation.get(operation) ?? 0) + 1);
  }

  recordAttempt(isRetry: boolean): void {
    this.attempts += 1;
    if (isRetry) this.retries += 1;
  }

  summary(): CallStatsSummary {
    const byOperation = Object.fromEntries([...this.byOperation].sort(([a], [b]) => a.localeCompare(b)));
    return { calls: this.calls, attempts: this.attempts, retries: this.retries, throttled: this.throttled, errors: this.errors, byOperation };
  }
}

/** The retry middleware stamps every attempt with `amz-sdk-request: attempt=N; max=M`. */
function attemptNumber(request: unknown): number {
  if (typeof request !== 'object' || request === null || !('headers' in request)) return 1;
  const headers = (request as { headers: Record<string, string | undefined> }).headers;
  const match = /attempt=(\d+)/.exec(headers['amz-sdk-request'] ?? '');
  return match?.[1] ? Number(match[1]) : 1;
}

/** Adds the counting middleware to a client: once per call (initialize), once per attempt (deserialize). */
export function callStatsPlugin<Input extends object, Output extends object>(stats: CallStats, service: string): Pluggable<Input, Output> {
  return {
    applyToStack(stack) {
      stack.add(
        (next, context) => async (args) => {
          stats.recordCall(`${service}:${String(context.commandName ?? 'Unknown').replace(/Command$/, '')}`);
          try {
            return await next(args);
          } catch (error) {
            stats.errors += 1;
            throw error;
          }
        },
        { step: 'initialize', name: 'cloudsentinelCallStats', priority: 'high' },
      );
      // Inside the retry middleware (finalizeRequest), so it sees every attempt and its error.
      stack.add(
        (next) => async (args) => {
          stats.recordAttempt(attemptNumber(args.request) > 1);
          try {
            return await next(args);
          } catch (error) {
            if (retryKind(error) === 'throttling') stats.throttled += 1;
            throw error;
          }
        },
        { step: 'deserialize', name: 'cloudsentinelAttemptStats', priority: 'high' },
      );
    },
  };
}
