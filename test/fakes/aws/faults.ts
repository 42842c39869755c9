/** Fault injection for the fake: per-request hook, AccessDenied per service/operation, failing regions, latency. */
import type { FakeService } from './wire.js';

export type Fault =
  /** The service's own "slow down" shape (Throttling / RequestLimitExceeded / SlowDown 503 / ThrottlingException / 429). */
  | { kind: 'throttle' }
  /** HTTP 429 with a Retry-After header (seconds). */
  | { kind: 'tooManyRequests'; retryAfterSeconds: number }
  | { kind: 'accessDenied' }
  | { kind: 'error'; status: number; code: string; message?: string }
  /** Close the connection without answering (ECONNRESET in the client). */
  | { kind: 'reset' };

export interface FaultContext {
  service: FakeService;
  region: string;
  operation: string;
  /** 1 for a first attempt, 2+ for the SDK's retries. */
  attempt: number;
  bucket: string | undefined;
}

export interface Faults {
  /** Asked before every request; a returned fault is answered instead of the real response. */
  hook?: (request: FaultContext) => Fault | undefined;
  /** `service` or `service:Operation` (e.g. `kms`, `iam:GetAccountSummary`) answered with the service's AccessDenied. */
  accessDenied?: string[];
  /** Every call to these regions fails: a 500 InternalError, or a dropped connection. */
  failingRegions?: Record<string, 'error' | 'reset'>;
  /** Added to every answer. */
  latencyMs?: number;
}

export function faultFor(faults: Faults, request: FaultContext): Fault | undefined {
  const mode = faults.failingRegions?.[request.region];
  if (mode === 'reset') return { kind: 'reset' };
  if (mode === 'error') return { kind: 'error', status: 500, code: 'InternalError', message: 'We encountered an internal error. Please try again.' };
  const denied = faults.accessDenied ?? [];
  if (denied.includes(request.service) || denied.includes(`${request.service}:${request.operation}`)) return { kind: 'accessDenied' };
  return faults.hook?.(request);
}
