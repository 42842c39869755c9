/**
 * "Does this GCP service account key work?" — an OAuth token for the key from its token endpoint,
 * then one page of one bucket of the project's Cloud Storage buckets, timed, with the failure sorted
 * into what the operator has to fix.
 */
import { isAppError } from '../../../errors.js';
import { parseCredentials } from '../../../integrations/credentials.js';
import {
  CONNECTION_REQUEST_TIMEOUT_MS,
  connectionFailed,
  connectionSucceeded,
  networkErrorCode,
  redactSecrets,
  withConnectionRetries,
  type CallFailure,
  type ConnectionTest,
  type ConnectionTestOptions,
} from '../../connection.js';
import { createGcpClients, type GcpClientOptions } from './clients.js';
import { GcpKeyError, GcpTokenError } from './token.js';

/** OAuth errors of the token endpoint that mean the key is wrong, revoked, or its account disabled. */
const TOKEN_AUTHENTICATION = ['invalid_grant', 'invalid_client', 'unauthorized_client', 'invalid_request', 'access_denied', 'invalid_scope'];

interface ApiErrorLike {
  code?: unknown;
  message?: unknown;
  errors?: Array<{ reason?: unknown }>;
  response?: { headers?: Record<string, string | string[] | undefined> };
}

/** Sorts an error from the token exchange or a Cloud Storage call. */
export function readGcpError(error: unknown): CallFailure {
  if (error instanceof GcpKeyError) return { failure: 'authentication', retryable: false, message: error.message };
  if (error instanceof GcpTokenError) {
    const after = error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs };
    if (error.status === 429) return { failure: 'throttled', retryable: true, ...after, message: `Google's token endpoint throttled the request: ${error.message}` };
    if (error.status >= 500) return { failure: 'unknown', retryable: true, ...after, message: `Google's token endpoint failed: ${error.message}` };
    if (TOKEN_AUTHENTICATION.includes(error.error) || error.status === 400 || error.status === 401) {
      return { failure: 'authentication', retryable: false, message: `Google rejected the service account key: ${error.message}` };
    }
    return { failure: 'unknown', retryable: false, message: `Google's token endpoint answered unexpectedly: ${error.message}` };
  }
  const e = (typeof error === 'object' && error !== null ? error : {}) as ApiErrorLike;
  const status = typeof e.code === 'number' ? e.code : undefined;
  const message = typeof e.message === 'string' && e.message ? e.message : String(error);
  const reason = typeof e.errors?.[0]?.reason === 'string' ? e.errors[0].reason : undefined;
  const label = `HTTP ${status}${reason ? `, ${reason}` : ''}`;
  if (status === 429 || reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded') {
    return { failure: 'throttled', retryable: true, message: `Cloud Storage throttled the request (${label}): ${message}` };
  }
  if (status === 401) return { failure: 'authentication', retryable: false, message: `Cloud Storage rejected the credentials (${label}): ${message}` };
  if (status === 403) return { failure: 'authorization', retryable: false, message: `The service account may not list the project's buckets (${label}): ${message}` };
  if (status === 404) return { failure: 'authorization', retryable: false, message: `The project is not visible to the service account (${label}): ${message}` };
  if (status !== undefined && status >= 500) return { failure: 'unknown', retryable: true, message: `Cloud Storage failed (${label}): ${message}` };
  const network = networkErrorCode(error);
  if (network) return { failure: 'network', retryable: true, message: `Google Cloud could not be reached (${network}): ${message}` };
  return { failure: 'unknown', retryable: false, message };
}

export async function testGcpConnection(
  stored: Record<string, unknown> | null,
  options: Pick<GcpClientOptions, 'endpoints' | 'rateLimit'> & ConnectionTestOptions,
): Promise<ConnectionTest> {
  const started = performance.now();
  const checkedAt = (options.now?.() ?? new Date()).toISOString();
  let credentials;
  try {
    credentials = parseCredentials('gcp', stored);
  } catch (error) {
    return connectionFailed({ started, checkedAt, failure: 'authentication', message: isAppError(error) ? error.message : 'The stored GCP credentials are not valid.', metadata: {} });
  }
  const key = credentials.service_account_key;
  const secrets = [key.private_key];
  const metadata = { project_id: credentials.project_id, service_account: key.client_email };
  // The SDK's own retries are off: the guide's policy runs here, the same for every provider.
  const clients = createGcpClients({
    key,
    projectId: credentials.project_id,
    endpoints: options.endpoints,
    sdkRetries: false,
    requestTimeoutMs: CONNECTION_REQUEST_TIMEOUT_MS,
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
  });
  try {
    const [buckets] = await withConnectionRetries(() => clients.call(() => clients.storage().getBuckets({ maxResults: 1, autoPaginate: false })), readGcpError, options);
    return connectionSucceeded({
      started,
      checkedAt,
      service: 'Cloud Storage',
      metadata: { ...metadata, buckets_visible: buckets.length > 0 ? 'yes' : 'none' },
    });
  } catch (error) {
    const failed = readGcpError(error);
    return connectionFailed({ started, checkedAt, failure: failed.failure, message: redactSecrets(failed.message, secrets), metadata });
  }
}
