/** How Google API errors are read: what is retried, what Retry-After asks, and the reason an unknown result shows. */
import { describe, expect, it } from 'vitest';
import { apiErrorFrom, describeGcpError, gcpRetryKind, retryAfterOf } from '../../../src/scanning/providers/gcp/errors.js';

describe('GCP API errors', () => {
  it('reads Google\'s error body: status, reason (errors[].reason, else error.status) and message', () => {
    const error = apiErrorFrom(403, { error: { code: 403, message: 'Permission denied', status: 'PERMISSION_DENIED', errors: [{ reason: 'forbidden' }] } }, null);
    expect(error).toMatchObject({ status: 403, reason: 'forbidden', message: 'Permission denied' });
    expect(apiErrorFrom(404, { error: { code: 404, message: 'gone', status: 'NOT_FOUND' } }, null).reason).toBe('NOT_FOUND');
    expect(apiErrorFrom(502, '<html>bad gateway</html>', null)).toMatchObject({ status: 502, reason: null, message: 'HTTP 502' });
  });

  it('retries throttling — 429, and rate-limit reasons Google also sends as 403 — and transient faults, nothing else', () => {
    expect(gcpRetryKind(apiErrorFrom(429, {}, null))).toBe('throttling');
    expect(gcpRetryKind(apiErrorFrom(403, { error: { errors: [{ reason: 'rateLimitExceeded' }] } }, null))).toBe('throttling');
    expect(gcpRetryKind(apiErrorFrom(403, { error: { errors: [{ reason: 'userRateLimitExceeded' }] } }, null))).toBe('throttling');
    expect(gcpRetryKind({ code: 429, errors: [{ reason: 'rateLimitExceeded' }] })).toBe('throttling');
    expect(gcpRetryKind(apiErrorFrom(503, {}, null))).toBe('transient');
    expect(gcpRetryKind(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe('transient');
    expect(gcpRetryKind(apiErrorFrom(403, { error: { errors: [{ reason: 'forbidden' }] } }, null))).toBeUndefined();
    expect(gcpRetryKind(apiErrorFrom(400, {}, null))).toBeUndefined();
  });

  it('honours Retry-After in seconds or as an HTTP date, from our errors and the storage SDK\'s', () => {
    expect(retryAfterOf(apiErrorFrom(429, {}, '3'))).toBe(3000);
    const at = new Date(Date.now() + 10_000).toUTCString();
    expect(retryAfterOf(apiErrorFrom(429, {}, at))).toBeGreaterThan(8000);
    expect(retryAfterOf({ code: 429, response: { headers: { 'retry-after': '2' } } })).toBe(2000);
    expect(retryAfterOf(new Error('x'))).toBeUndefined();
  });

  it('describes a denial with the roles to grant', () => {
    expect(describeGcpError(apiErrorFrom(403, { error: { message: 'Permission denied', errors: [{ reason: 'forbidden' }] } }, null))).toBe(
      'HTTP 403 forbidden: Permission denied — grant roles/viewer and roles/iam.securityReviewer, and check the API is enabled',
    );
    expect(describeGcpError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe('connect ECONNREFUSED (ECONNREFUSED)');
  });
});
