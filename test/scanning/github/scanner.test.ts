/**
 * The GitHub scanner end to end through the real Octokit (retry and throttling plugins) against the
 * fake GitHub API: every page of repositories, 403/404 as `unknown` with the reason, rate limits
 * waited out and retried, conditional requests on a rescan, named repositories, App installations
 * and personal accounts.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubChecks } from '../../../src/scanning/checks/github/github-checks.js';
import { EtagCache } from '../../../src/scanning/providers/github/etag-cache.js';
import { createGitHubScanner, type GitHubScannerOptions } from '../../../src/scanning/providers/github/scanner.js';
import type { ScanOptions, ScanOutcome } from '../../../src/scanning/scanner.js';
import type { Finding } from '../../../src/scanning/types.js';
import { startFakeGitHubApi, type FakeGitHubApi } from '../../fakes/github-api.js';
import { acmeWorld } from './world.js';

const TOKEN = `ghp_${randomBytes(18).toString('hex')}`;
const APP_ID = '4242';
const appKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const APP_KEY = appKeys.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

let fake: FakeGitHubApi;

beforeAll(async () => {
  fake = await startFakeGitHubApi({ ...acmeWorld(TOKEN), app: { appId: APP_ID, publicKey: appKeys.publicKey, installations: { '77': 'acme' } } });
});

afterAll(async () => {
  await fake?.close();
});

function scanner(options: Partial<GitHubScannerOptions> = {}) {
  return createGitHubScanner({ apiUrl: fake.url, app: { appId: APP_ID, privateKey: APP_KEY }, token: TOKEN, etagCache: new EtagCache(), publicRepositoriesAllowlist: ['acme/docs'], ...options });
}

const scanAcme = (options: Partial<ScanOptions> = {}, scannerOptions: Partial<GitHubScannerOptions> = {}) =>
  scanner(scannerOptions).scan({ credentials: null, scope: { organization: 'acme' }, ...options });

function statuses(outcome: ScanOutcome): Record<string, string> {
  return Object.fromEntries(outcome.report.findings.map((f) => [`${f.checkId} ${f.resourceId}`, f.status]));
}

function finding(outcome: ScanOutcome, checkId: string, resourceId: string): Finding {
  const found = outcome.report.findings.find((f) => f.checkId === checkId && f.resourceId === resourceId);
  if (!found) throw new Error(`no finding ${checkId} ${resourceId}`);
  return found;
}

/** Calls the fake received while `run` ran. */
async function counting<T>(run: () => Promise<T>): Promise<{ result: T; calls: typeof fake.calls }> {
  const before = fake.calls.length;
  const result = await run();
  return { result, calls: fake.calls.slice(before) };
}

describe('scanning an organization with a token', () => {
  it('lists every page of repositories and evaluates every check, 403/404 as unknown with the reason', async () => {
    const { result: outcome, calls } = await counting(() => scanAcme());
    const { scan } = outcome.report;
    expect(scan).toMatchObject({ provider: 'github', accountId: 'acme', status: 'partial', regions: ['global'], checks: githubChecks.length });
    expect(calls.filter((c) => c.route === 'org_repos')).toHaveLength(3);
    expect(calls.filter((c) => c.route === 'org_members')).toHaveLength(2);
    const byKey = statuses(outcome);
    expect(byKey).toMatchObject({
      'github-org-2fa-not-required org/acme': 'fail',
      'github-org-default-permission-too-broad org/acme': 'pass',
      'github-org-members-can-create-public-repos org/acme': 'fail',
      'github-org-too-many-owners org/acme': 'fail',
      'github-org-not-verified org/acme': 'pass',
      'github-org-default-workflow-permissions-write org/acme': 'fail',
      'github-org-actions-can-approve-prs org/acme': 'fail',
      'github-org-actions-allowed-all org/acme': 'fail',
      'github-repo-default-branch-unprotected acme/api': 'pass',
      'github-repo-default-branch-unprotected acme/web': 'pass',
      'github-repo-default-branch-unprotected acme/infra': 'unknown',
      'github-repo-no-required-approvals acme/web': 'pass',
      'github-repo-fewer-than-two-approvals acme/api': 'pass',
      'github-repo-fewer-than-two-approvals acme/web': 'fail',
      'github-repo-stale-reviews-not-dismissed acme/web': 'fail',
      'github-repo-no-required-status-checks acme/api': 'pass',
      'github-repo-no-required-status-checks acme/web': 'fail',
      'github-repo-force-push-allowed acme/web': 'pass',
      'github-repo-branch-deletion-allowed acme/web': 'pass',
      'github-repo-admins-not-enforced acme/api': 'pass',
      'github-repo-admins-not-enforced acme/web': 'unknown',
      'github-repo-secret-scanning-disabled acme/api': 'pass',
      'github-repo-secret-scanning-disabled acme/web': 'fail',
      'github-repo-secret-scanning-disabled acme/infra': 'unknown',
      'github-repo-push-protection-disabled acme/web': 'fail',
      'github-repo-dependabot-alerts-disabled acme/api': 'pass',
      'github-repo-dependabot-alerts-disabled acme/web': 'fail',
      'github-repo-dependabot-alerts-disabled acme/infra': 'unknown',
      'github-repo-outside-collaborator-admin acme/api': 'pass',
      'github-repo-outside-collaborator-admin acme/web': 'fail',
      'github-repo-outside-collaborator-admin acme/infra': 'unknown',
      'github-repo-outside-collaborator-admin acme/legacy': 'pass',
      'github-repo-public-not-allowlisted acme/web': 'fail',
      'github-repo-public-not-allowlisted acme/docs': 'pass',
      'github-repo-public-not-allowlisted acme/api': 'pass',
      'github-repo-no-codeowners acme/api': 'pass',
      'github-repo-no-codeowners acme/web': 'pass',
      'github-repo-no-codeowners acme/docs': 'pass',
      'github-repo-no-codeowners acme/infra': 'fail',
      'github-repo-actions-allowed-all acme/api': 'pass',
      'github-repo-actions-allowed-all acme/web': 'fail',
      'github-repo-actions-allowed-all acme/infra': 'unknown',
    });
    // Archived repositories are skipped by the branch checks.
    expect(byKey['github-repo-default-branch-unprotected acme/legacy']).toBeUndefined();
    expect(finding(outcome, 'github-repo-default-branch-unprotected', 'acme/infra').statusDetail).toMatch(/not visible with these permissions.*HTTP 403/);
    // A 404 that is not "Vulnerability alerts are disabled." is not proof of "disabled".
    expect(finding(outcome, 'github-repo-dependabot-alerts-disabled', 'acme/infra').statusDetail).toMatch(/not visible with these permissions.*404/);
    expect(finding(outcome, 'github-repo-public-not-allowlisted', 'acme/web')).toMatchObject({ riskScore: 8, compliance: expect.any(Object) as unknown });
    expect(outcome.incompleteChecks).toContain('github-repo-default-branch-unprotected');
    expect(outcome.incompleteChecks).not.toContain('github-org-2fa-not-required');
    expect(outcome.apiCalls).toEqual({ calls: calls.length, retries: 0, throttled: 0, notModified: 0 });
    expect(JSON.stringify(outcome)).not.toContain(TOKEN);
  });

  it('collects only what the selected checks need', async () => {
    const { result: outcome, calls } = await counting(() => scanAcme({ checks: ['github-repo-dependabot-alerts-disabled'] }));
    expect(new Set(calls.map((c) => c.route))).toEqual(new Set(['org_repos', 'vulnerability_alerts']));
    // The archived repository is collected but not judged (nobody can push to it).
    expect(outcome.report.findings.map((f) => f.resourceId).sort()).toEqual(['acme/api', 'acme/docs', 'acme/infra', 'acme/web']);
  });

  it('makes a rescan conditional: every answer that had an ETag comes back 304 from the cache, with the same findings', async () => {
    const cache = new EtagCache();
    const first = await counting(() => scanAcme({}, { etagCache: cache }));
    const second = await counting(() => scanAcme({}, { etagCache: cache }));
    const etagged = first.calls.filter((c) => c.method === 'GET' && c.status === 200).length;
    const rest = first.calls.length - etagged;
    // The numbers the README quotes: 5 repositories (3 pages), the organization, every check selected.
    // `rest` are answers without an ETag: 204 (Dependabot alerts on), 403/404 (not visible, not
    // protected, no CODEOWNERS at a path), which GitHub charges on every scan.
    expect({ requests: first.calls.length, etagged, rest }).toEqual({ requests: 40, etagged: 26, rest: 14 });
    expect(second.calls).toHaveLength(first.calls.length);
    expect(second.calls.filter((c) => c.status === 304)).toHaveLength(etagged);
    expect(second.calls.filter((c) => c.status === 200)).toHaveLength(0);
    expect(statuses(second.result)).toEqual(statuses(first.result));
    // The scan's own count of what the ETag cache saved, as the scan summary and the CLI show it.
    expect(first.result.apiCalls).toEqual({ calls: 40, retries: 0, throttled: 0, notModified: 0 });
    expect(second.result.apiCalls).toEqual({ calls: 40, retries: 0, throttled: 0, notModified: etagged });
  });

  it('waits out a primary rate limit (x-ratelimit-remaining 0 until reset), a secondary one (retry-after) and a 502, then completes', async () => {
    const baseline = await scanAcme({ checks: ['github-repo-default-branch-unprotected', 'github-repo-dependabot-alerts-disabled'] });
    fake.inject({ route: 'org_repos', times: 1, status: 403, body: { message: 'API rate limit exceeded for user ID 1.' }, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) } });
    fake.inject({ route: 'protection', times: 1, status: 403, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, headers: { 'retry-after': '1' } });
    fake.inject({ route: 'vulnerability_alerts', times: 1, status: 502, body: { message: 'Server Error' } });
    const started = Date.now();
    const outcome = await scanAcme({ checks: ['github-repo-default-branch-unprotected', 'github-repo-dependabot-alerts-disabled'] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(statuses(outcome)).toEqual(statuses(baseline));
    expect(outcome.apiCalls.throttled).toBe(2);
    expect(outcome.apiCalls.retries).toBe(3);
  });

  it('does not wait for a rate limit that resets too far ahead: those parts are unknown', async () => {
    fake.inject({ route: 'org_workflow', times: 1, status: 403, body: { message: 'API rate limit exceeded for user ID 1.' }, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600) } });
    const started = Date.now();
    const outcome = await scanAcme({ checks: ['github-org-default-workflow-permissions-write'] });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(finding(outcome, 'github-org-default-workflow-permissions-write', 'org/acme')).toMatchObject({ status: 'unknown', statusDetail: expect.stringMatching(/rate limit/) as unknown });
    expect(outcome.apiCalls.throttled).toBe(1);
  });

  it('refuses a token GitHub rejects, without the token in the message', async () => {
    const wrong = `ghp_${randomBytes(18).toString('hex')}`;
    const error = await scanner({ token: wrong }).scan({ credentials: null, scope: { organization: 'acme' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AUTHENTICATION_ERROR' });
    expect(String((error as Error).message)).not.toContain(wrong);
  });

  it('refuses to scan without any token', async () => {
    await expect(scanner({ token: null }).scan({ credentials: null })).rejects.toMatchObject({ code: 'AUTHENTICATION_ERROR', message: expect.stringMatching(/GITHUB_TOKEN/) as unknown });
  });
});

describe('scope and credentials', () => {
  it('scans only named repositories, without organization checks', async () => {
    const { result: outcome, calls } = await counting(() => scanner().scan({ credentials: { token: TOKEN, organization: 'acme' }, scope: { organization: 'acme', repositories: ['acme/web'] } }));
    expect(new Set(outcome.report.findings.map((f) => f.resourceId))).toEqual(new Set(['acme/web']));
    expect(outcome.report.findings.some((f) => f.checkId.startsWith('github-org-'))).toBe(false);
    expect(calls.some((c) => c.route === 'org_repos' || c.route.startsWith('org'))).toBe(false);
    expect(outcome.report.scan.accountId).toBe('acme');
    // acme/web is protected by rulesets alone, whose bypass list is not visible: the one unknown.
    expect(outcome.incompleteChecks).toEqual(['github-repo-admins-not-enforced']);
  });

  it('lets no check resolve by absence when a named repository cannot be read', async () => {
    const outcome = await scanner().scan({ credentials: null, scope: { repositories: ['acme/web', 'acme/gone'] } });
    expect(outcome.report.scan).toMatchObject({ status: 'partial', errors: [expect.stringMatching(/Could not read acme\/gone: not visible/) as unknown] });
    expect(new Set(outcome.report.findings.map((f) => f.resourceId))).toEqual(new Set(['acme/web']));
    expect(outcome.incompleteChecks).toEqual(outcome.report.checks.map((c) => c.id).sort());
  });

  it('runs an organization check on named repositories when asked for by id', async () => {
    const outcome = await scanner().scan({ credentials: null, scope: { organization: 'acme', repositories: ['acme/web'] }, checks: ['github-org-too-many-owners'] });
    expect(outcome.report.findings).toHaveLength(0);
    expect(outcome.report.checks.map((c) => c.id)).toEqual(['github-org-too-many-owners']);
  });

  it('scans a GitHub App installation from its stored installation_id, with the organization of its repositories', async () => {
    const outcome = await scanner({ token: null }).scan({ credentials: { installation_id: 77 }, checks: ['github-org-2fa-not-required', 'github-repo-public-not-allowlisted'] });
    expect(outcome.report.scan.accountId).toBe('acme');
    expect(statuses(outcome)).toMatchObject({ 'github-org-2fa-not-required org/acme': 'fail', 'github-repo-public-not-allowlisted acme/web': 'fail' });
    expect(fake.count('access_token')).toBeGreaterThan(0);
  });

  it('rescans an installation from the ETag cache with the same findings (namespaced list pages included)', async () => {
    const cache = new EtagCache();
    const run = () => scanner({ token: null, etagCache: cache }).scan({ credentials: { installation_id: 77 }, checks: ['github-repo-public-not-allowlisted'] });
    const first = await run();
    const second = await counting(run);
    expect(second.calls.filter((c) => c.route === 'installation_repositories').map((c) => c.status)).toEqual([304, 304, 304]);
    expect(statuses(second.result)).toEqual(statuses(first));
    expect(Object.keys(statuses(first))).toHaveLength(5);
  });

  it('scans a personal account: GET /user and the user\'s repositories, no organization checks', async () => {
    const outcome = await scanner({ publicRepositoriesAllowlist: [] }).scan({ credentials: null, checks: ['github-org-2fa-not-required', 'github-repo-public-not-allowlisted'] });
    expect(outcome.report.scan.accountId).toBe('octo-scanner');
    expect(statuses(outcome)).toEqual({ 'github-repo-public-not-allowlisted octo-scanner/dotfiles': 'fail' });
  });

  it('answers unknown for every repository check when the organization is not visible', async () => {
    const outcome = await scanner().scan({ credentials: null, scope: { organization: 'globex' }, checks: ['github-repo-dependabot-alerts-disabled', 'github-org-too-many-owners'] });
    expect(outcome.report.scan.status).toBe('partial');
    expect(outcome.report.scan.errors[0]).toMatch(/could not list the repositories: not visible/);
    expect(statuses(outcome)).toEqual({ 'github-org-too-many-owners org/globex': 'unknown', 'github-repo-dependabot-alerts-disabled org/globex': 'unknown' });
  });
});
