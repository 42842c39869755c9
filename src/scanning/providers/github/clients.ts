/**
 * The GitHub REST client for one integration: a personal access token, or a GitHub App
 * installation (the App's id and key from config.ts, the installation id from the integration),
 * with GitHub's recommended retry and throttling plugins. The scanning issue builds on it.
 *
 * The base URL is GITHUB_API_URL (GitHub Enterprise Server: `https://HOST/api/v3`; tests: a fake).
 */
import { createAppAuth } from '@octokit/auth-app';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';

export const GitHubOctokit = Octokit.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof GitHubOctokit>;

export interface GitHubApp {
  appId: string;
  privateKey: string;
}

export type GitHubAuth = { kind: 'token'; token: string } | { kind: 'installation'; installationId: number; app: GitHubApp };

export interface GitHubClientOptions {
  baseUrl: string;
  auth: GitHubAuth;
  /**
   * Retries inside Octokit: plugin-retry for server errors, plugin-throttling waiting out rate
   * limits (twice at most). The connection test turns both off and retries on its own
   * (scanning/connection.ts).
   */
  sdkRetries?: boolean;
  /** Per-request timeout. Default 60 s. */
  requestTimeoutMs?: number;
  /** Waits for the token's shared request budget (see integrations/rate-limits.ts) before each request. */
  rateLimit?: () => Promise<void>;
  /** Told of every HTTP request sent (retries included) and every rate-limited answer (scan statistics). */
  observer?: GitHubRequestObserver;
}

export interface GitHubRequestObserver {
  onAttempt?(): void;
  /** A primary or secondary rate limit answered; returning false gives up instead of waiting `retryAfterSeconds`. */
  onThrottled?(kind: 'primary' | 'secondary', retryAfterSeconds: number): boolean;
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const timeoutMs = options.requestTimeoutMs ?? 60_000;
  const sdkRetries = options.sdkRetries ?? true;
  const observer = options.observer;
  const timedFetch: typeof fetch = (input, init) => {
    observer?.onAttempt?.();
    return fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
  };
  const auth =
    options.auth.kind === 'token'
      ? { auth: options.auth.token }
      : { authStrategy: createAppAuth, auth: { appId: options.auth.app.appId, privateKey: options.auth.app.privateKey, installationId: options.auth.installationId } };
  const octokit = new GitHubOctokit({
    ...auth,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: 'cloudsentinel',
    request: { fetch: timedFetch },
    // Octokit logs request failures to the console by default; the caller reports them instead.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    retry: { enabled: sdkRetries },
    throttle: sdkRetries
      ? {
          onRateLimit: (retryAfter: number, _options: object, _octokit: unknown, retryCount: number) => (observer?.onThrottled?.('primary', retryAfter) ?? true) && retryCount < 2,
          onSecondaryRateLimit: (retryAfter: number, _options: object, _octokit: unknown, retryCount: number) =>
            (observer?.onThrottled?.('secondary', retryAfter) ?? true) && retryCount < 2,
        }
      : { enabled: false },
  });
  const rateLimit = options.rateLimit;
  if (rateLimit) octokit.hook.before('request', async () => rateLimit());
  return octokit;
}
