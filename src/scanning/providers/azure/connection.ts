/**
 * "Do these Azure credentials work?" — a token for Resource Manager from Entra ID with the service
 * principal's secret, then a GET of the integration's subscription, timed, with the failure sorted
 * into what the operator has to fix.
 */
import { parseCredentials } from '../../../integrations/credentials.js';
import { isAppError } from '../../../errors.js';
import {
  CONNECTION_REQUEST_TIMEOUT_MS,
  connectionFailed,
  connectionSucceeded,
  networkErrorCode,
  redactSecrets,
  retryAfterMs,
  withConnectionRetries,
  type CallFailure,
  type ConnectionTest,
  type ConnectionTestOptions,
} from '../../connection.js';
import { createAzureClients, type AzureClientOptions } from './clients.js';

/** The identity library's default when neither AZURE_AUTHORITY_HOST nor the option is set. */
const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
/** Entra ID errors (AADSTS codes) that mean the tenant, the application or its secret is wrong. */
const ENTRA_AUTHENTICATION = ['invalid_client', 'unauthorized_client', 'invalid_tenant', 'invalid_grant', 'invalid_request', 'invalid_scope'];
/** Resource Manager error codes that mean the principal is valid but may not read the subscription. */
const ARM_AUTHORIZATION = ['AuthorizationFailed', 'SubscriptionNotFound', 'InvalidAuthenticationTokenTenant', 'LinkedAuthorizationFailed', 'Forbidden'];

/** The identity library's errors: whatever they carry, no token was issued. */
const IDENTITY_ERRORS = ['AuthenticationError', 'AuthenticationRequiredError', 'CredentialUnavailableError', 'AggregateAuthenticationError'];

/**
 * What a second look at the tenant's OpenID configuration found, when the identity library says
 * only that it could not resolve the tenant's endpoints: a tenant Entra ID does not know, or an
 * authority that cannot be reached.
 */
export class AzureAuthorityError extends Error {
  constructor(
    readonly failure: 'authentication' | 'network' | 'unknown',
    message: string,
  ) {
    super(message);
    this.name = 'AzureAuthorityError';
  }
}

export async function diagnoseAuthority(authorityHost: string, tenantId: string): Promise<AzureAuthorityError> {
  const url = `${authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}/v2.0/.well-known/openid-configuration`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(CONNECTION_REQUEST_TIMEOUT_MS) });
  } catch (error) {
    const code = networkErrorCode(error) ?? 'no answer';
    return new AzureAuthorityError('network', `Entra ID (${new URL(url).host}) could not be reached (${code})`);
  }
  if (response.ok) return new AzureAuthorityError('unknown', `Entra ID could not resolve the tenant's endpoints, though its OpenID configuration answers (HTTP ${response.status})`);
  let description = '';
  try {
    const body = (await response.json()) as { error_description?: unknown };
    if (typeof body.error_description === 'string') description = `: ${body.error_description}`;
  } catch {
    // Not JSON: the status says enough.
  }
  if (response.status >= 400 && response.status < 500) return new AzureAuthorityError('authentication', `Entra ID does not know the tenant ${tenantId} (HTTP ${response.status})${description}`);
  return new AzureAuthorityError('network', `Entra ID failed to answer for the tenant (HTTP ${response.status})${description}`);
}

interface AzureErrorLike {
  name?: unknown;
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
  errorResponse?: { error?: unknown; errorDescription?: unknown };
  response?: { headers?: { get?: (name: string) => string | undefined } };
}

/** Sorts an error from the identity library or a Resource Manager call. */
export function readAzureError(error: unknown): CallFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as AzureErrorLike;
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const message = typeof e.message === 'string' && e.message ? e.message : String(error);
  const retryAfter = retryAfterMs(e.response?.headers?.get?.('retry-after'));
  const after = retryAfter === undefined ? {} : { retryAfterMs: retryAfter };

  if (error instanceof AzureAuthorityError) return { failure: error.failure, retryable: error.failure === 'network', message: error.message };
  if (status === 429) return { failure: 'throttled', retryable: true, ...after, message: `Azure throttled the request (HTTP 429): ${message}` };
  if (typeof e.name === 'string' && IDENTITY_ERRORS.includes(e.name)) {
    // Entra ID answered, or could not be asked. The identity library reports OAuth's error code
    // first (`invalid_client: ... AADSTS7000215: Invalid client secret provided`).
    const entraError = typeof e.errorResponse?.error === 'string' ? e.errorResponse.error : (/^([a-z_]+):/.exec(message)?.[1] ?? '');
    if (/AADSTS50196|throttl/i.test(message)) return { failure: 'throttled', retryable: true, message: `Entra ID throttled the request: ${message}` };
    if (status !== undefined && status >= 500) return { failure: 'unknown', retryable: true, message: `Entra ID failed (HTTP ${status}): ${message}` };
    if (ENTRA_AUTHENTICATION.includes(entraError) || /AADSTS\d+/.test(message)) {
      return { failure: 'authentication', retryable: false, message: `Entra ID rejected the service principal: ${message}` };
    }
    const network = networkErrorCode(error);
    if (network) return { failure: 'network', retryable: true, message: `Entra ID could not be reached (${network}): ${message}` };
    return { failure: 'authentication', retryable: false, message: `Entra ID did not issue a token: ${message}` };
  }
  if (status === 401) return { failure: 'authentication', retryable: false, message: `Resource Manager rejected the token (HTTP 401${code ? `, ${code}` : ''}): ${message}` };
  if (status === 403 || (code !== undefined && ARM_AUTHORIZATION.includes(code))) {
    return { failure: 'authorization', retryable: false, message: `The service principal may not read the subscription (${code ?? `HTTP ${status}`}): ${message}` };
  }
  if (status === 404) return { failure: 'authorization', retryable: false, message: `The subscription is not visible to the service principal (HTTP 404): ${message}` };
  if (status !== undefined && status >= 500) return { failure: 'unknown', retryable: true, ...after, message: `Resource Manager failed (HTTP ${status}${code ? `, ${code}` : ''}): ${message}` };
  const network = networkErrorCode(error);
  if (network || code === 'REQUEST_SEND_ERROR') return { failure: 'network', retryable: true, message: `Azure could not be reached (${network ?? code}): ${message}` };
  return { failure: 'unknown', retryable: false, message };
}

export async function testAzureConnection(
  stored: Record<string, unknown> | null,
  options: Pick<AzureClientOptions, 'endpoints' | 'rateLimit'> & ConnectionTestOptions,
): Promise<ConnectionTest> {
  const started = performance.now();
  const checkedAt = (options.now?.() ?? new Date()).toISOString();
  let credentials;
  try {
    credentials = parseCredentials('azure', stored);
  } catch (error) {
    return connectionFailed({ started, checkedAt, failure: 'authentication', message: isAppError(error) ? error.message : 'The stored Azure credentials are not valid.', metadata: {} });
  }
  const secrets = [credentials.client_secret];
  const metadata: Record<string, string> = { subscription_id: credentials.subscription_id, tenant_id: credentials.tenant_id };
  // The SDK's own retries are off: the guide's policy runs here, the same for every provider.
  const clients = createAzureClients({
    principal: { tenantId: credentials.tenant_id, clientId: credentials.client_id, clientSecret: credentials.client_secret },
    endpoints: options.endpoints,
    maxRetries: 0,
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
  });
  try {
    const authorityHost = options.endpoints.authorityHost ?? DEFAULT_AUTHORITY_HOST;
    const subscription = await withConnectionRetries(
      async () => {
        try {
          return await clients.subscriptions().subscriptions.get(credentials.subscription_id, { abortSignal: AbortSignal.timeout(CONNECTION_REQUEST_TIMEOUT_MS) });
        } catch (error) {
          if (error instanceof Error && error.message.includes('endpoints_resolution_error')) throw await diagnoseAuthority(authorityHost, credentials.tenant_id);
          throw error;
        }
      },
      readAzureError,
      options,
    );
    const state = subscription.state ?? 'unknown';
    return connectionSucceeded({
      started,
      checkedAt,
      service: 'Azure Resource Manager',
      metadata: {
        subscription_id: subscription.subscriptionId ?? credentials.subscription_id,
        display_name: subscription.displayName ?? '',
        state,
        tenant_id: subscription.tenantId ?? credentials.tenant_id,
      },
      // A subscription that is not Enabled (Warned, PastDue, Disabled) reads, but cannot be relied on.
      warning: state === 'Enabled' ? null : `the subscription is ${state}`,
    });
  } catch (error) {
    const failed = readAzureError(error);
    return connectionFailed({ started, checkedAt, failure: failed.failure, message: redactSecrets(failed.message, secrets), metadata });
  }
}
