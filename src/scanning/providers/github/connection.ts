/**
 * "Does this GitHub access work?" — with a token: GET /user (who it is, its scopes) and, when the
 * integration names an organization, GET /orgs/{org}; with a GitHub App installation: an
 * installation token from the App's key, then one repository of the installation. Timed, with the
 * failure sorted into what the operator has to fix.
 */
import { isAppError } from '../../../errors.js';
import { parseCredentials } from '../../../integrations/credentials.js';
import {
  connectionFailed,
  connectionSucceeded,
  CONNECTION_REQUEST_TIMEOUT_MS,
  networkErrorCode,
  redactSecrets,
  retryAfterMs,
  withConnectionRetries,
  type CallFailure,
  type ConnectionTest,
  type ConnectionTestOptions,
} from '../../connection.js';
import { createGitHubClient, type GitHubApp, type GitHubAuth, type GitHubClient, type GitHubClientOptions } from './clients.js';

export const GITHUB_APP_NOT_CONFIGURED = 'GitHub App is not configured (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY)';

interface RequestErrorLike {
  name?: unknown;
  cause?: unknown;
  status?: unknown;
  message?: unknown;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

function header(e: RequestErrorLike, name: string): string | undefined {
  const value = e.response?.headers?.[name];
  return value === undefined ? undefined : String(value);
}

/** Sorts an Octokit error (a RequestError, or a failure before any answer). */
export function readGitHubError(error: unknown): CallFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as RequestErrorLike;
  const status = typeof e.status === 'number' ? e.status : undefined;
  const message = typeof e.message === 'string' && e.message ? e.message : String(error);
  // Octokit reports a request that got no answer as status 500 without a response.
  if (!e.response) {
    // fetch itself failed (refused, reset, DNS, TLS, timeout): `TypeError: fetch failed` with the reason as its cause.
    const fetchFailed = e.cause instanceof TypeError && e.cause.message === 'fetch failed';
    const network = networkErrorCode(error) ?? (fetchFailed ? 'no answer' : undefined);
    if (network) return { failure: 'network', retryable: true, message: `GitHub could not be reached (${network}): ${message}` };
    if (/private ?key|secretOrPrivateKey|PKCS|PEM|asn1|DECODER/i.test(message)) {
      return { failure: 'authentication', retryable: false, message: 'The GitHub App private key (GITHUB_APP_PRIVATE_KEY) cannot be used to sign' };
    }
    return { failure: 'unknown', retryable: false, message };
  }
  const remaining = header(e, 'x-ratelimit-remaining');
  const reset = header(e, 'x-ratelimit-reset');
  const rateLimited = status === 429 || ((status === 403 || status === 429) && (remaining === '0' || /rate limit/i.test(message)));
  if (rateLimited) {
    const fromReset = remaining === '0' && reset ? Math.max(0, Number(reset) * 1000 - Date.now()) : undefined;
    const wait = retryAfterMs(header(e, 'retry-after')) ?? fromReset;
    return { failure: 'throttled', retryable: true, ...(wait === undefined ? {} : { retryAfterMs: wait }), message: `GitHub rate limit (HTTP ${status}): ${message}` };
  }
  if (status === 401) return { failure: 'authentication', retryable: false, message: `GitHub rejected the credentials (HTTP 401): ${message}` };
  if (status === 403) return { failure: 'authorization', retryable: false, message: `GitHub refused the request (HTTP 403): ${message}` };
  if (status === 404) return { failure: 'authorization', retryable: false, message: `GitHub answered 404 — not visible to these credentials: ${message}` };
  if (status !== undefined && status >= 500) return { failure: 'unknown', retryable: true, message: `GitHub failed (HTTP ${status}): ${message}` };
  return { failure: 'unknown', retryable: false, message: `GitHub answered HTTP ${status ?? '?'}: ${message}` };
}

export interface GitHubConnectionOptions extends ConnectionTestOptions, Pick<GitHubClientOptions, 'rateLimit'> {
  baseUrl: string;
  /** The App that installations act through; null when GITHUB_APP_ID / GITHUB_APP_PRIVATE_KEY are not set. */
  app: GitHubApp | null;
}

/** What the response headers tell about the token: its classic scopes and what is left of its rate limit. */
function headerMetadata(headers: Record<string, string | number | undefined>): Record<string, string> {
  const scopes = headers['x-oauth-scopes'];
  const remaining = headers['x-ratelimit-remaining'];
  return {
    ...(scopes === undefined ? {} : { scopes: String(scopes) }),
    ...(remaining === undefined ? {} : { rate_limit_remaining: String(remaining) }),
  };
}

export async function testGitHubConnection(stored: Record<string, unknown> | null, options: GitHubConnectionOptions): Promise<ConnectionTest> {
  const started = performance.now();
  const checkedAt = (options.now?.() ?? new Date()).toISOString();
  let credentials;
  try {
    credentials = parseCredentials('github', stored);
  } catch (error) {
    return connectionFailed({ started, checkedAt, failure: 'authentication', message: isAppError(error) ? error.message : 'The stored GitHub credentials are not valid.', metadata: {} });
  }
  const organization = credentials.organization ?? null;
  let auth: GitHubAuth;
  if ('token' in credentials) auth = { kind: 'token', token: credentials.token };
  else if (options.app) auth = { kind: 'installation', installationId: credentials.installation_id, app: options.app };
  else {
    return connectionFailed({
      started,
      checkedAt,
      failure: 'authentication',
      message: GITHUB_APP_NOT_CONFIGURED,
      metadata: { installation_id: String(credentials.installation_id), ...(organization ? { organization } : {}) },
    });
  }
  const secrets = auth.kind === 'token' ? [auth.token] : [auth.app.privateKey];
  // The SDK's own retries are off: the guide's policy runs here, the same for every provider.
  const octokit = createGitHubClient({
    baseUrl: options.baseUrl,
    auth,
    sdkRetries: false,
    requestTimeoutMs: CONNECTION_REQUEST_TIMEOUT_MS,
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
  });
  const retried = <T>(call: () => Promise<T>) => withConnectionRetries(call, readGitHubError, options);
  const base: Record<string, string> = auth.kind === 'token' ? {} : { installation_id: String(auth.installationId) };
  try {
    const probe = auth.kind === 'token' ? await probeToken(octokit, organization, retried) : await probeInstallation(octokit, organization, retried);
    return connectionSucceeded({ started, checkedAt, service: 'GitHub', metadata: { ...base, ...probe.metadata }, warning: probe.warning ? redactSecrets(probe.warning, secrets) : null });
  } catch (error) {
    const failed = readGitHubError(error);
    return connectionFailed({ started, checkedAt, failure: failed.failure, message: redactSecrets(failed.message, secrets), metadata: { ...base, ...(organization ? { organization } : {}) } });
  }
}

type Retried = <T>(call: () => Promise<T>) => Promise<T>;

interface Probe {
  metadata: Record<string, string>;
  warning: string | null;
}

async function probeToken(octokit: GitHubClient, organization: string | null, retried: Retried): Promise<Probe> {
  const user = await retried(() => octokit.rest.users.getAuthenticated());
  const metadata: Record<string, string> = { login: user.data.login, ...headerMetadata(user.headers) };
  if (!organization) return { metadata, warning: null };
  try {
    const org = await retried(() => octokit.rest.orgs.get({ org: organization }));
    return { metadata: { ...metadata, organization: org.data.login, ...headerMetadata(org.headers) }, warning: null };
  } catch (error) {
    const failed = readGitHubError(error);
    // The token works, but the organization it is meant to scan is not (fully) in reach.
    if (failed.failure === 'authorization') return { metadata: { ...metadata, organization }, warning: `the organization ${organization} is not visible to this token (${failed.message})` };
    throw error;
  }
}

async function probeInstallation(octokit: GitHubClient, organization: string | null, retried: Retried): Promise<Probe> {
  const repos = await retried(() => octokit.rest.apps.listReposAccessibleToInstallation({ per_page: 1 }));
  const first = repos.data.repositories[0];
  const owner = organization ?? first?.owner.login ?? '';
  return {
    metadata: { ...(owner ? { organization: owner } : {}), repositories: String(repos.data.total_count), ...headerMetadata(repos.headers) },
    warning: repos.data.total_count === 0 ? 'the installation has access to no repository' : null,
  };
}
