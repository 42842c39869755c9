/**
 * The GitHub scanner: credentials (a token, or an App installation) → Octokit with the retry and
 * throttling plugins, conditional requests and call counting → collect exactly the parts the
 * selected checks need → evaluate → report. A part GitHub would not show makes its checks `unknown`
 * and the scan `partial`; only credentials GitHub rejects stop the scan.
 *
 * What a scan costs, in requests: 1 to list each 100 repositories (+1 GET /user for a personal
 * account), 4 + 1 per 100 owners for the organization, and per repository up to 9 with every
 * check selected: branch protection, branch rules, vulnerability alerts, outside collaborators,
 * Actions permissions, 1–3 CODEOWNERS lookups, and GET /repos/{repo} only when the list did not show
 * security_and_analysis. A rescan in the same process makes the same requests, but each answer
 * that carried an ETag is asked for conditionally and comes back 304, which GitHub does not count
 * against the rate limit (test/scanning/github/scanner.test.ts measures both).
 */
import { AppError } from '../../../errors.js';
import { bucketKey, PROVIDER_RATE_LIMITS, type SharedRateLimiter } from '../../../integrations/rate-limits.js';
import { parseCredentials } from '../../../integrations/credentials.js';
import type { GitHubCheck } from '../../checks/github/lib/helpers.js';
import { evaluateChecks, neededParts, selectChecks } from '../../engine.js';
import { githubChecks } from '../../registry.js';
import type { ProviderScanner, ScanOptions, ScanOutcome } from '../../scanner.js';
import { DEFAULT_SETTINGS, type ScanSettings } from '../../types.js';
import { createGitHubClient, type GitHubApp, type GitHubAuth } from './clients.js';
import { collectGitHub } from './collect.js';
import { GITHUB_APP_NOT_CONFIGURED } from './connection.js';
import { installEtagCache, sharedEtagCache, type EtagCache } from './etag-cache.js';
import { GitHubRequestStats } from './request-stats.js';
import { VERSION as TOOL_VERSION } from '../../../version.js';


export interface GitHubScannerOptions {
  /** REST API base (GITHUB_API_URL). */
  apiUrl: string;
  /** The App that integrations by `installation_id` act through; null when not configured. */
  app: GitHubApp | null;
  /** The ambient token (GITHUB_TOKEN) for scans without stored credentials (the CLI); null: none. */
  token: string | null;
  /** `owner/repo` (or `owner/*`) names that may be public; any other public repository fails `github-repo-public-not-allowlisted`. */
  publicRepositoriesAllowlist?: readonly string[];
  /** The request budget shared by every worker (servers); the CLI scans without one. */
  rateLimiter?: SharedRateLimiter;
  /** Conditional-request cache; default the process-wide one. */
  etagCache?: EtagCache;
  /** Repositories collected at once. Default 8. */
  repositoryConcurrency?: number;
  /** A rate limit resetting later than this is not waited for (its calls end `unknown`). Default 900 s. */
  maxRateLimitWaitSeconds?: number;
}

interface Principal {
  auth: GitHubAuth;
  /** Names the principal for the ETag cache and the shared budget (hashed before use). */
  id: string;
  organization: string | null;
}

function principalOf(stored: Record<string, unknown> | null, options: GitHubScannerOptions): Principal {
  if (stored === null) {
    if (!options.token) {
      throw new AppError('AUTHENTICATION_ERROR', 'No GitHub token: GITHUB_TOKEN is not set.', {
        hint: 'Set GITHUB_TOKEN to a token with read access to the organization (see README, "GitHub scanning").',
      });
    }
    return { auth: { kind: 'token', token: options.token }, id: `token:${options.token}`, organization: null };
  }
  const credentials = parseCredentials('github', stored);
  const organization = credentials.organization ?? null;
  if ('token' in credentials) return { auth: { kind: 'token', token: credentials.token }, id: `token:${credentials.token}`, organization };
  if (!options.app) throw new AppError('AUTHENTICATION_ERROR', GITHUB_APP_NOT_CONFIGURED, { hint: 'Set GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY.' });
  const installationId = credentials.installation_id;
  return { auth: { kind: 'installation', installationId, app: options.app }, id: `installation:${options.app.appId}:${installationId}`, organization };
}

/**
 * The checks to run. A scan of named repositories runs no organization-level check unless one is
 * asked for by id: rescanning one repository (the GitHub App does, on a push or a settings change)
 * must not re-judge the organization.
 */
function checksFor(scan: ScanOptions): GitHubCheck[] {
  const selected = selectChecks(githubChecks, scan.checks);
  const named = (scan.scope?.repositories?.length ?? 0) > 0;
  if (!named || (scan.checks?.length ?? 0) > 0) return selected;
  return selected.filter((check) => check.meta.resourceType !== 'GitHub::Organization');
}

export function createGitHubScanner(options: GitHubScannerOptions): ProviderScanner {
  return {
    provider: 'github',
    checks: githubChecks,
    async scan(scan: ScanOptions): Promise<ScanOutcome> {
      const clock = scan.now ?? (() => new Date());
      const startedAt = clock().toISOString();
      const checks = checksFor(scan);
      const principal = principalOf(scan.credentials, options);
      const stats = new GitHubRequestStats();
      const limiter = options.rateLimiter;
      const octokit = createGitHubClient({
        baseUrl: options.apiUrl,
        auth: principal.auth,
        observer: stats.observer(options.maxRateLimitWaitSeconds ?? 900),
        ...(limiter ? { rateLimit: () => limiter.acquire(bucketKey('github', principal.id), PROVIDER_RATE_LIMITS.github) } : {}),
      });
      installEtagCache(octokit, options.etagCache ?? sharedEtagCache, principal.id, stats);
      stats.install(octokit);

      const named = scan.scope?.repositories?.length ? scan.scope.repositories : null;
      const warnings: string[] = [];
      const snapshot = await collectGitHub({
        octokit,
        parts: neededParts(checks),
        target: { auth: principal.auth.kind, organization: scan.scope?.organization ?? principal.organization, repositories: named },
        ...(options.repositoryConcurrency ? { concurrency: options.repositoryConcurrency } : {}),
        onProgress: (done, total) => scan.onProgress?.({ phase: 'collect', done, total }),
        onWarning: (message) => warnings.push(message),
      });
      if (!snapshot.repositories.ok) warnings.push(snapshot.repositories.error);

      const settings: ScanSettings = {
        ...DEFAULT_SETTINGS,
        ...scan.settings,
        githubPublicRepositories: scan.settings?.githubPublicRepositories ?? [...(options.publicRepositoriesAllowlist ?? [])],
      };
      scan.onProgress?.({ phase: 'evaluate', done: 0, total: checks.length });
      const scopeId = snapshot.account.type === 'Organization' ? `org/${snapshot.account.login}` : snapshot.account.login;
      const evaluation = evaluateChecks(checks, snapshot, settings, clock(), { scopeId });
      scan.onProgress?.({ phase: 'evaluate', done: checks.length, total: checks.length });
      // A scan of named repositories says nothing about the others: the scan job records it with
      // `repositories`, so absence resolves findings only within them (jobs/record-scan.ts). A named
      // repository that could not be read at all has no results to tell its findings were fixed, so
      // then no check may resolve by absence.
      const incompleteChecks = named && warnings.length > 0 ? checks.map((check) => check.meta.id).sort() : evaluation.incompleteChecks;
      return {
        report: {
          scan: {
            id: scan.scanId ?? null,
            provider: 'github',
            accountId: snapshot.account.login,
            startedAt,
            finishedAt: clock().toISOString(),
            status: evaluation.incompleteChecks.length > 0 || warnings.length > 0 ? 'partial' : 'complete',
            regions: ['global'],
            checks: checks.length,
            toolVersion: TOOL_VERSION,
            errors: warnings,
          },
          findings: evaluation.findings,
          checks: checks.map((check) => check.meta),
        },
        incompleteChecks,
        resources: new Set(evaluation.findings.map((f) => f.resourceId)).size,
        apiCalls: { calls: stats.calls, retries: stats.retries, throttled: stats.throttled, notModified: stats.notModified },
      };
    },
  };
}
