/**
 * How the AWS clients retry: throttling (Throttling, ThrottlingException, RequestLimitExceeded,
 * SlowDown, TooManyRequestsException, HTTP 429/503) up to `maxAttempts` with exponential backoff and
 * full jitter, never sooner than a `Retry-After` the service sent; transient faults (5xx, reset or
 * refused connections, timeouts) only a few times, so a dead region fails fast instead of spending
 * a minute per call. It plugs into the SDK's own retry middleware (`retryStrategy`), which re-sends
 * the very same request — a retried page is the same page, so nothing is lost or duplicated.
 *
 * Unlike the SDK's StandardRetryStrategy there is no shared retry quota: a scan that is throttled
 * for a while must slow down, not start failing calls because a token bucket ran dry.
 */
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';
import { backoffDelay } from '../../backoff.js';

export interface RetryOptions {
  /** Attempts per call, the first included, for throttling errors. Default 8. */
  maxAttempts?: number;
  /** Attempts per call for transient faults (5xx, connection reset/refused, timeouts). Default 3. */
  maxTransientAttempts?: number;
  /** Backoff base: retry n waits a random time in [0, base·2ⁿ). Default 200 ms. */
  baseDelayMs?: number;
  /** Cap on the backoff window. Default 20 s. */
  maxDelayMs?: number;
  /** Cap on how long a Retry-After may make us wait. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Source of jitter, in [0, 1). */
  random?: () => number;
}

export type RetryKind = 'throttling' | 'transient';

const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'RequestThrottled',
  'RequestLimitExceeded',
  'SlowDown',
  'TooManyRequestsException',
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'ProvisionedThroughputExceededException',
  'PriorRequestNotComplete',
]);
const THROTTLING_STATUS = new Set([429, 503]);
const TRANSIENT_CODES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'InternalError', 'InternalFailure', 'ServiceUnavailable']);
const TRANSIENT_STATUS = new Set([500, 502, 504]);
// ENOTFOUND is left out on purpose: an endpoint that does not resolve (a region the service is not in) stays that way.
const TRANSIENT_NODE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNABORTED']);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number; clockSkewCorrected?: boolean };
}

/** Whether an error from an SDK call is worth retrying, and how hard. */
export function retryKind(error: unknown, depth = 0): RetryKind | undefined {
  if (typeof error !== 'object' || error === null || depth > 5) return undefined;
  const e = error as ErrorLike;
  const names = [e.name, e.Code].filter((n): n is string => typeof n === 'string');
  const status = e.$metadata?.httpStatusCode;
  if (names.some((n) => THROTTLING_CODES.has(n)) || (status !== undefined && THROTTLING_STATUS.has(status))) return 'throttling';
  if (names.some((n) => TRANSIENT_CODES.has(n)) || (status !== undefined && TRANSIENT_STATUS.has(status))) return 'transient';
  if (typeof e.code === 'string' && TRANSIENT_NODE_CODES.has(e.code)) return 'transient';
  // The SDK corrects its clock after a skew error; the retry then succeeds.
  if (e.$metadata?.clockSkewCorrected) return 'transient';
  if (error instanceof AggregateError && error.errors.some((inner) => retryKind(inner, depth + 1) === 'transient')) return 'transient';
  return e.cause === undefined ? undefined : retryKind(e.cause, depth + 1);
}

export { backoffDelay };

/**
 * What refreshRetryTokenForRetry throws to stop retrying. The SDK discards it and rethrows the
 * call's own error, so one shared instance does: no stack trace captured for every call that ends
 * in an answer like NoSuchBucketPolicy (a third of a large account's S3 calls).
 */
const NO_RETRY = new Error('No retry: not retryable or out of attempts');

class Token implements RetryToken {
  constructor(
    private readonly count: number,
    private readonly delay: number,
  ) {}
  getRetryCount(): number {
    return this.count;
  }
  getRetryDelay(): number {
    return this.delay;
  }
}

export class ScanRetryStrategy implements RetryStrategyV2 {
  readonly mode = 'standard';
  private readonly maxAttempts: number;
  private readonly maxTransientAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly random: () => number;

  constructor(options: RetryOptions = {}) {
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 8);
    this.maxTransientAttempts = Math.max(1, Math.min(this.maxAttempts, options.maxTransientAttempts ?? 3));
    this.baseDelayMs = options.baseDelayMs ?? 200;
    this.maxDelayMs = options.maxDelayMs ?? 20_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
    this.random = options.random ?? Math.random;
  }

  async acquireInitialRetryToken(): Promise<RetryToken> {
    return new Token(0, 0);
  }

  /** Throwing tells the SDK's retry middleware to give up and surface the call's own error. */
  async refreshRetryTokenForRetry(token: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
    const kind = retryKind(errorInfo.error);
    const allowed = kind === 'throttling' ? this.maxAttempts : kind === 'transient' ? this.maxTransientAttempts : 1;
    const retries = token.getRetryCount();
    if (retries + 1 >= allowed) throw NO_RETRY;
    let delay = backoffDelay(retries, this.baseDelayMs, this.maxDelayMs, this.random);
    if (errorInfo.retryAfterHint) {
      const asked = errorInfo.retryAfterHint.getTime() - Date.now();
      delay = Math.max(delay, Math.min(asked, this.maxRetryAfterMs));
    }
    return new Token(retries + 1, delay);
  }

  recordSuccess(): void {}
}
