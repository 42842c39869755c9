/**
 * How every Google API call of a scan is made: one bounded pool of calls in flight, each call
 * drawing on the project's shared request budget, retried on throttling (429, rateLimitExceeded)
 * with exponential backoff and full jitter — never sooner than a Retry-After — and a few times on
 * transient faults, and counted for the scan's `apiCalls`.
 *
 * The generated REST clients (@googleapis/*) build the requests (URLs, parameters, bodies) and read
 * the answers; they send them through `restAuth()`, which stands where an auth client would. It
 * adds the bearer token and sends with fetch. This one seam is needed because the clients are
 * built on a newer google-auth-library and gaxios than ours: our OAuth2Client, handed to them,
 * drops the Authorization header. Owning the send also keeps retries in one place (the clients'
 * own retries are off) so that throttled calls are counted and paced the same for every API.
 */
import pLimit from 'p-limit';
import { backoffDelay } from '../../backoff.js';
import { apiErrorFrom, gcpRetryKind, retryAfterOf } from './errors.js';

export interface RetryPolicy {
  /** Attempts per call, the first included, when throttled. Default 8. */
  maxAttempts?: number;
  /** Attempts per call on transient faults (5xx, dropped connections). Default 3. */
  maxTransientAttempts?: number;
  /** Backoff base: retry n waits a random time in [0, base·2ⁿ). Default 250 ms. */
  baseDelayMs?: number;
  /** Cap on the backoff window. Default 20 s. */
  maxDelayMs?: number;
  /** Cap on how long a Retry-After may make us wait. Default 60 s. */
  maxRetryAfterMs?: number;
  random?: () => number;
}

export interface GcpCallStats {
  /** Calls made (first attempts). */
  calls: number;
  /** Attempts after the first. */
  retries: number;
  /** Answers that were throttling. */
  throttled: number;
  /** Calls that failed after every retry. */
  errors: number;
}

/** A bearer token for the next request; null sends the request without one (an emulator). */
export type TokenSource = () => Promise<string | null>;

export interface TransportOptions {
  token: TokenSource;
  retry?: RetryPolicy;
  /** Calls in flight at once, over every API. Default 16. */
  concurrency?: number;
  /** Per-request timeout. Default 60 s. */
  requestTimeoutMs?: number;
  /** Waits for the shared request budget before each attempt. */
  rateLimit?: () => Promise<void>;
}

/** What the generated clients hand their auth client: gaxios request options. */
interface RestRequest {
  url?: string | URL;
  method?: string;
  params?: Record<string, unknown>;
  paramsSerializer?: (params: Record<string, unknown>) => string;
  headers?: ConstructorParameters<typeof Headers>[0];
  data?: unknown;
}

export interface RestResponse<T = unknown> {
  config: RestRequest;
  data: T;
  status: number;
  statusText: string;
  headers: Headers;
}

export interface GcpTransport {
  readonly stats: GcpCallStats;
  /** Runs one call (any library's) with the pool, budget, retries and counting. */
  call<T>(send: () => Promise<T>): Promise<T>;
  /** A GET or POST of a Google REST API (JSON in, JSON out), through call(). */
  json<T>(url: string, init?: { method?: string; body?: unknown }): Promise<T>;
  /** The object the generated clients take as `auth`: sends their requests through call(). */
  restAuth(): { request(options: RestRequest): Promise<RestResponse> };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createGcpTransport(options: TransportOptions): GcpTransport {
  const retry = options.retry ?? {};
  const maxAttempts = Math.max(1, retry.maxAttempts ?? 8);
  const maxTransientAttempts = Math.max(1, Math.min(maxAttempts, retry.maxTransientAttempts ?? 3));
  const baseDelayMs = retry.baseDelayMs ?? 250;
  const maxDelayMs = retry.maxDelayMs ?? 20_000;
  const maxRetryAfterMs = retry.maxRetryAfterMs ?? 60_000;
  const random = retry.random ?? Math.random;
  const timeoutMs = options.requestTimeoutMs ?? 60_000;
  const pool = pLimit(Math.max(1, options.concurrency ?? 16));
  const stats: GcpCallStats = { calls: 0, retries: 0, throttled: 0, errors: 0 };

  // A call keeps its slot through its retries and their backoff: that is what slows a throttled scan down.
  const call = <T>(send: () => Promise<T>): Promise<T> =>
    pool(async () => {
      stats.calls += 1;
      for (let attempt = 0; ; attempt += 1) {
        if (attempt > 0) stats.retries += 1;
        await options.rateLimit?.();
        try {
          return await send();
        } catch (error) {
          const kind = gcpRetryKind(error);
          if (kind === 'throttling') stats.throttled += 1;
          const allowed = kind === 'throttling' ? maxAttempts : kind === 'transient' ? maxTransientAttempts : 1;
          if (attempt + 1 >= allowed) {
            stats.errors += 1;
            throw error;
          }
          let delay = backoffDelay(attempt, baseDelayMs, maxDelayMs, random);
          const asked = retryAfterOf(error);
          if (asked !== undefined) delay = Math.max(delay, Math.min(asked, maxRetryAfterMs));
          await sleep(delay);
        }
      }
    });

  /** One HTTP exchange, no retry: throws GcpApiError on an error status. */
  async function send(request: RestRequest): Promise<RestResponse> {
    let url = String(request.url ?? '');
    const params = request.params && Object.keys(request.params).length > 0 ? request.params : undefined;
    if (params) {
      const query = request.paramsSerializer ? request.paramsSerializer(params) : new URLSearchParams(params as Record<string, string>).toString();
      if (query) url += (url.includes('?') ? '&' : '?') + query;
    }
    const headers = new Headers(request.headers);
    headers.set('accept', 'application/json');
    const token = await options.token();
    if (token) headers.set('authorization', `Bearer ${token}`);
    let body: string | undefined;
    if (request.data !== undefined && request.data !== null) {
      body = typeof request.data === 'string' ? request.data : JSON.stringify(request.data);
      headers.set('content-type', 'application/json');
    }
    const method = request.method ?? (body === undefined ? 'GET' : 'POST');
    const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }), signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let data: unknown = text;
    try {
      data = text ? JSON.parse(text) : {};
    } catch {
      // Not JSON (a proxy's error page): kept as text, and an error status says enough.
    }
    if (!response.ok) throw apiErrorFrom(response.status, data, response.headers.get('retry-after'));
    return { config: request, data, status: response.status, statusText: response.statusText, headers: response.headers };
  }

  return {
    stats,
    call,
    async json<T>(url: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
      const response = await call(() => send({ url, method: init.method ?? 'GET', data: init.body }));
      return response.data as T;
    },
    restAuth: () => ({ request: (request: RestRequest) => call(() => send(request)) }),
  };
}
