/**
 * Google API errors, whichever library raised them: the REST transport (transport.ts) throws
 * GcpApiError; the storage SDK throws its ApiError (`code`, `errors[].reason`). Both are read here
 * into "retry it?" and a one-line reason for `unknown` results, never including credentials.
 */
import { retryAfterMs } from '../../connection.js';

/** A Google API answered with an error status. */
export class GcpApiError extends Error {
  constructor(
    readonly status: number,
    /** `errors[0].reason` (`forbidden`, `rateLimitExceeded`, ...) or the `error.status` (`PERMISSION_DENIED`). */
    readonly reason: string | null,
    message: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
    this.name = 'GcpApiError';
  }
}

const THROTTLING_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'RESOURCE_EXHAUSTED', 'RATE_LIMIT_EXCEEDED']);
const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);
const TRANSIENT_NODE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

interface ErrorLike {
  code?: unknown;
  status?: unknown;
  reason?: unknown;
  message?: unknown;
  errors?: Array<{ reason?: unknown }>;
  cause?: unknown;
  retryAfterMs?: unknown;
  response?: { headers?: unknown };
}

function asErrorLike(error: unknown): ErrorLike {
  return typeof error === 'object' && error !== null ? (error) : {};
}

export function statusOf(error: unknown): number | undefined {
  const e = asErrorLike(error);
  if (typeof e.status === 'number') return e.status;
  return typeof e.code === 'number' ? e.code : undefined;
}

export function reasonOf(error: unknown): string | undefined {
  const e = asErrorLike(error);
  if (typeof e.reason === 'string') return e.reason;
  const first = e.errors?.[0]?.reason;
  return typeof first === 'string' ? first : undefined;
}

function nodeCodeOf(error: unknown, depth = 0): string | undefined {
  const e = asErrorLike(error);
  if (typeof e.code === 'string') return e.code;
  return depth < 4 && e.cause !== undefined ? nodeCodeOf(e.cause, depth + 1) : undefined;
}

export type RetryKind = 'throttling' | 'transient';

/** 429 and the rate-limit reasons (Google also sends some as 403) are throttling; 5xx and dropped connections transient. */
export function gcpRetryKind(error: unknown): RetryKind | undefined {
  const status = statusOf(error);
  const reason = reasonOf(error);
  if (status === 429 || (reason !== undefined && THROTTLING_REASONS.has(reason))) return 'throttling';
  if (status !== undefined && TRANSIENT_STATUS.has(status)) return 'transient';
  const code = nodeCodeOf(error);
  if (code !== undefined && TRANSIENT_NODE_CODES.has(code)) return 'transient';
  if (error instanceof TypeError && error.message === 'fetch failed') return 'transient';
  return undefined;
}

/** How long the service asked us to wait (Retry-After), in ms. */
export function retryAfterOf(error: unknown): number | undefined {
  const e = asErrorLike(error);
  if (typeof e.retryAfterMs === 'number') return e.retryAfterMs;
  const headers = e.response?.headers;
  if (headers instanceof Headers) return retryAfterMs(headers.get('retry-after'));
  if (typeof headers === 'object' && headers !== null) {
    const value = (headers as Record<string, unknown>)['retry-after'];
    return typeof value === 'string' ? retryAfterMs(value) : undefined;
  }
  return undefined;
}

/** A short reason for an `unknown` result: status, Google's reason and message. */
export function describeGcpError(error: unknown): string {
  const status = statusOf(error);
  const reason = reasonOf(error);
  const e = asErrorLike(error);
  const message = typeof e.message === 'string' && e.message ? e.message : String(error);
  if (status === undefined) {
    const code = nodeCodeOf(error);
    return code ? `${message} (${code})` : message;
  }
  const label = `HTTP ${status}${reason ? ` ${reason}` : ''}`;
  const hint = status === 403 ? ' — grant roles/viewer and roles/iam.securityReviewer, and check the API is enabled' : '';
  return `${label}: ${message}${hint}`;
}

/** Reads a Google error body (`{ error: { code, message, status, errors: [{ reason }] } }`) into a GcpApiError. */
export function apiErrorFrom(status: number, body: unknown, retryAfter: string | null): GcpApiError {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  let reason: string | null = null;
  let message = `HTTP ${status}`;
  if (typeof error === 'object' && error !== null) {
    const e = error as { message?: unknown; status?: unknown; errors?: Array<{ reason?: unknown }> };
    if (typeof e.message === 'string') message = e.message;
    const first = e.errors?.[0]?.reason;
    reason = typeof first === 'string' ? first : typeof e.status === 'string' ? e.status : null;
  } else if (typeof error === 'string') {
    message = error;
  }
  return new GcpApiError(status, reason, message, retryAfterMs(retryAfter));
}
