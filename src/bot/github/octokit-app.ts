/**
 * The CloudSentinel GitHub App as @octokit/app sees it: the App's JWT auth (id + private key),
 * installation tokens on demand, and the webhook verifier (the webhook secret). Its Octokit is the
 * scanners' (`GitHubOctokit`: retry and throttling plugins) pointed at GITHUB_API_URL, so GitHub
 * Enterprise Server and the tests' fake work the same way.
 */
import { App } from '@octokit/app';
import { GitHubOctokit } from '../../scanning/providers/github/clients.js';

export interface OctokitAppOptions {
  appId: string;
  privateKey: string;
  /** Null in processes that only run jobs: they never verify a delivery. */
  webhookSecret: string | null;
  /** GITHUB_API_URL. */
  apiUrl: string;
  requestTimeoutMs?: number;
}

export type OctokitApp = App;

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export function createOctokitApp(options: OctokitAppOptions): OctokitApp {
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const timedFetch: typeof fetch = (input, init) => fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
  const Octokit = GitHubOctokit.defaults({
    baseUrl: options.apiUrl.replace(/\/+$/, ''),
    userAgent: 'cloudsentinel-app',
    request: { fetch: timedFetch },
    // Failures reach the job, which logs them with its context; Octokit would print to the console.
    log: silent,
    throttle: {
      onRateLimit: (_retryAfter: number, _options: object, _octokit: unknown, retryCount: number) => retryCount < 2,
      onSecondaryRateLimit: (_retryAfter: number, _options: object, _octokit: unknown, retryCount: number) => retryCount < 2,
    },
  });
  return new App({
    appId: options.appId,
    privateKey: options.privateKey,
    // A jobs-only process has no secret: it never receives deliveries (app.webhooks then throws).
    ...(options.webhookSecret ? { webhooks: { secret: options.webhookSecret } } : {}),
    Octokit,
    log: silent,
  });
}
