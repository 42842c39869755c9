/**
 * Connection tests ("do these credentials work?") and what every provider's test shares: the
 * result type in the integration guide's terms, the guide's retry policy, timing, how a result's
 * status follows from what happened, and keeping secrets out of error messages.
 *
 * The retry policy: the first call and three retries, waiting a random time in windows of 1, 2 and
 * 4 s (exponential backoff, full jitter) — or the provider's Retry-After when it says how long, as
 * long as that is short enough for someone waiting on the answer. Throttling, provider faults and
 * network trouble are retried; a rejected credential or a refused permission never is (it will
 * not change, and retrying a bad password looks like an attack to the identity provider). AWS gets
 * this through its SDK's retry strategy (providers/aws/connection.ts); Azure, GCP and GitHub turn
 * their SDKs' own retries off for the test and run it through `withConnectionRetries`, so every
 * provider is tested the same way.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelay } from './backoff.js';

/** The result of testing an integration's connection, in the integration guide's terms. */
export type FailureClass = 'authentication' | 'authorization' | 'network' | 'throttled' | 'unknown';

export interface ConnectionTest {
  status: 'healthy' | 'degraded' | 'unhealthy' | 'unknown';
  responseTimeMs: number;
  errorMessage: string | null;
  /** What kind of problem, so the operator knows what to fix. */
  failure: FailureClass | null;
  checkedAt: string;
  /** Account id, region, project, subscription, login... */
  metadata: Record<string, string>;
}

/** The first try and three retries. */
export const CONNECTION_ATTEMPTS = 4;
/** Retry n waits a random time in [0, base·2ⁿ): windows of 1, 2 and 4 s. */
export const CONNECTION_BASE_DELAY_MS = 1000;
/** A Retry-After longer than this is not waited for: the test reports the throttling instead. */
export const CONNECTION_MAX_RETRY_AFTER_MS = 10_000;
/** Each attempt's own limit. */
export const CONNECTION_REQUEST_TIMEOUT_MS = 10_000;
/** Answers slower than this mean the connection works but something is off. */
export const SLOW_MS = 3000;

/** What every provider's connection test accepts besides the credentials. */
export interface ConnectionTestOptions {
  now?: () => Date;
  /** The backoff base (default 1 s); tests shorten it. */
  retryBaseDelayMs?: number;
  /** Source of jitter, in [0, 1). */
  random?: () => number;
}

/** How a provider reads one failed call. */
export interface CallFailure {
  failure: FailureClass;
  /** Worth another try: throttling, a provider fault (5xx), a network error. */
  retryable: boolean;
  /** How long the provider asked us to wait (Retry-After, a rate limit's reset). */
  retryAfterMs?: number;
  /** What went wrong, for the operator; secrets are removed before it is shown (see `redactSecrets`). */
  message: string;
}

/**
 * Runs `call`, retrying what `read` calls retryable as the guide says. The last error is thrown
 * as it came, for the caller to read once more into the test's result.
 */
export async function withConnectionRetries<T>(call: (attempt: number) => Promise<T>, read: (error: unknown) => CallFailure, options: ConnectionTestOptions = {}): Promise<T> {
  const base = options.retryBaseDelayMs ?? CONNECTION_BASE_DELAY_MS;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      const failed = read(error);
      if (!failed.retryable || attempt >= CONNECTION_ATTEMPTS) throw error;
      if (failed.retryAfterMs !== undefined && failed.retryAfterMs > CONNECTION_MAX_RETRY_AFTER_MS) throw error;
      const delay = Math.max(backoffDelay(attempt - 1, base, 20_000, random), failed.retryAfterMs ?? 0);
      await sleep(delay);
    }
  }
}

/** Milliseconds since `started` (a performance.now() reading), to a tenth. */
export function elapsedMs(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

/**
 * A test whose call went through. It is `degraded` when the answer was slow or `warning` says what
 * is only partly right (an organization the token cannot see, a disabled subscription).
 */
export function connectionSucceeded(input: { started: number; checkedAt: string; service: string; metadata: Record<string, string>; warning?: string | null }): ConnectionTest {
  const responseTimeMs = elapsedMs(input.started);
  const problems = [input.warning, responseTimeMs > SLOW_MS ? `${input.service} answered slowly (${Math.round(responseTimeMs)} ms)` : null].filter((p): p is string => Boolean(p));
  return {
    status: problems.length > 0 ? 'degraded' : 'healthy',
    responseTimeMs,
    errorMessage: problems.length > 0 ? problems.join('; ') : null,
    failure: null,
    checkedAt: input.checkedAt,
    metadata: input.metadata,
  };
}

/**
 * A test whose call failed. Throttling says nothing bad about the credentials (`degraded`); an
 * unexplained provider fault says nothing either way (`unknown`); anything else is `unhealthy`.
 */
export function connectionFailed(input: { started: number; checkedAt: string; failure: FailureClass; message: string; metadata: Record<string, string> }): ConnectionTest {
  return {
    status: input.failure === 'throttled' ? 'degraded' : input.failure === 'unknown' ? 'unknown' : 'unhealthy',
    responseTimeMs: elapsedMs(input.started),
    errorMessage: input.message,
    failure: input.failure,
    checkedAt: input.checkedAt,
    metadata: input.metadata,
  };
}

const PEM_BLOCK = /-----BEGIN [A-Z ]+-----[\s\S]*?(-----END [A-Z ]+-----|$)/g;
const MAX_MESSAGE = 600;

/**
 * `message` without any of `secrets` (client secrets, tokens, private keys — also as they look
 * JSON-escaped) or any PEM block, cut to a readable length. Providers' error messages are mostly
 * harmless, but some SDKs echo request details, and an error message is shown, stored and logged.
 */
export function redactSecrets(message: string, secrets: ReadonlyArray<string | null | undefined>): string {
  let text = message.replace(PEM_BLOCK, '[redacted key]');
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])) text = text.split(form).join('[redacted]');
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}

/** The Node error code (`ECONNREFUSED`, `ENOTFOUND`, ...) anywhere in an error's cause chain. */
export function networkErrorCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 6) return undefined;
  const e = error as { code?: unknown; errno?: unknown; cause?: unknown; errors?: unknown; name?: unknown };
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'ETIMEDOUT';
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const code = networkErrorCode(inner, depth + 1);
      if (code) return code;
    }
  }
  return networkErrorCode(e.cause, depth + 1);
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Seconds (`Retry-After: 3`) or an HTTP date, as milliseconds from now. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
