/**
 * Every GitHub check against fixture snapshots, one case per outcome (pass, fail, unknown), plus the
 * cases where the organization or the repository list is missing — no network.
 */
import { describe, expect, it } from 'vitest';
import { githubChecks } from '../../../src/scanning/checks/github/github-checks.js';
import type { GitHubCheck } from '../../../src/scanning/checks/github/lib/helpers.js';
import { check as orgActionsAllowedAll } from '../../../src/scanning/checks/github/org/github-org-actions-allowed-all.js';
import { check as orgActionsCanApprovePrs } from '../../../src/scanning/checks/github/org/github-org-actions-can-approve-prs.js';
import { check as orgDefaultPermission } from '../../../src/scanning/checks/github/org/github-org-default-permission-too-broad.js';
import { check as orgWorkflowWrite } from '../../../src/scanning/checks/github/org/github-org-default-workflow-permissions-write.js';
import { check as orgPublicRepos } from '../../../src/scanning/checks/github/org/github-org-members-can-create-public-repos.js';
import { check as orgNotVerified } from '../../../src/scanning/checks/github/org/github-org-not-verified.js';
import { check as orgTooManyOwners } from '../../../src/scanning/checks/github/org/github-org-too-many-owners.js';
import { check as orgTwoFactor } from '../../../src/scanning/checks/github/org/github-org-2fa-not-required.js';
import { check as repoActionsAllowedAll } from '../../../src/scanning/checks/github/repo/github-repo-actions-allowed-all.js';
import { check as repoAdminsNotEnforced } from '../../../src/scanning/checks/github/repo/github-repo-admins-not-enforced.js';
import { check as repoDeletion } from '../../../src/scanning/checks/github/repo/github-repo-branch-deletion-allowed.js';
import { check as repoUnprotected } from '../../../src/scanning/checks/github/repo/github-repo-default-branch-unprotected.js';
import { check as repoDependabot } from '../../../src/scanning/checks/github/repo/github-repo-dependabot-alerts-disabled.js';
import { check as repoTwoApprovals } from '../../../src/scanning/checks/github/repo/github-repo-fewer-than-two-approvals.js';
import { check as repoForcePush } from '../../../src/scanning/checks/github/repo/github-repo-force-push-allowed.js';
import { check as repoCodeowners } from '../../../src/scanning/checks/github/repo/github-repo-no-codeowners.js';
import { check as repoApprovals } from '../../../src/scanning/checks/github/repo/github-repo-no-required-approvals.js';
import { check as repoStatusChecks } from '../../../src/scanning/checks/github/repo/github-repo-no-required-status-checks.js';
import { check as repoOutsideAdmin } from '../../../src/scanning/checks/github/repo/github-repo-outside-collaborator-admin.js';
import { allowlisted, check as repoPublic } from '../../../src/scanning/checks/github/repo/github-repo-public-not-allowlisted.js';
import { check as repoPushProtection } from '../../../src/scanning/checks/github/repo/github-repo-push-protection-disabled.js';
import { check as repoSecretScanning } from '../../../src/scanning/checks/github/repo/github-repo-secret-scanning-disabled.js';
import { check as repoStaleReviews } from '../../../src/scanning/checks/github/repo/github-repo-stale-reviews-not-dismissed.js';
import type { GitHubSnapshot } from '../../../src/scanning/providers/github/snapshot.js';
import { DEFAULT_SETTINGS, type CheckResult, type CheckStatus, type ScanSettings } from '../../../src/scanning/types.js';
import { branch, DENIED, failed, NOW, ok, orgSettings, orgSnapshot, protection, repo, reposSnapshot, rule } from './fixtures.js';

function only(check: GitHubCheck, snapshot: GitHubSnapshot, settings: ScanSettings = DEFAULT_SETTINGS): CheckResult {
  const results = check.evaluate(snapshot, settings, NOW);
  expect(results, check.meta.id).toHaveLength(1);
  const [result] = results;
  if (!result) throw new Error('no result');
  expect(result.region).toBe('global');
  return result;
}

type Case = [name: string, snapshot: GitHubSnapshot, status: CheckStatus, detail: RegExp];

function outcomes(check: GitHubCheck, cases: Case[]): void {
  describe(check.meta.id, () => {
    it.each(cases)('%s', (_name, snapshot, status, detail) => {
      const result = only(check, snapshot);
      expect(result.status).toBe(status);
      expect(result.statusDetail).toMatch(detail);
      expect(result.resourceId).toMatch(check.meta.resourceType === 'GitHub::Organization' ? /^org\/acme$/ : /^acme\/[\w-]+$/);
    });
  });
}

const settingsSnap = (over: Parameters<typeof orgSettings>[0]) => orgSnapshot({ 'org.settings': ok(orgSettings(over)) });
const deniedOrg = (part: 'org.settings' | 'org.owners' | 'org.actions' | 'org.workflow') => orgSnapshot({ [part]: failed('not visible with these permissions (needs organization Administration: read): GitHub answered 404') });
const workflow = (defaultWorkflowPermissions: string, canApprovePullRequestReviews: boolean) => orgSnapshot({ 'org.workflow': ok({ defaultWorkflowPermissions, canApprovePullRequestReviews }) });

describe('organization checks', () => {
  outcomes(orgTwoFactor, [
    ['required', settingsSnap({}), 'pass', /required/],
    ['not required', settingsSnap({ twoFactorRequirementEnabled: false }), 'fail', /not required/],
    ['hidden from non-owners', settingsSnap({ twoFactorRequirementEnabled: null }), 'unknown', /owners only/],
    ['settings denied', deniedOrg('org.settings'), 'unknown', /Could not check: not visible/],
  ]);
  outcomes(orgDefaultPermission, [
    ['read', settingsSnap({}), 'pass', /read/],
    ['none', settingsSnap({ defaultRepositoryPermission: 'none' }), 'pass', /none/],
    ['write', settingsSnap({ defaultRepositoryPermission: 'write' }), 'fail', /write/],
    ['admin', settingsSnap({ defaultRepositoryPermission: 'admin' }), 'fail', /admin/],
    ['hidden', settingsSnap({ defaultRepositoryPermission: null }), 'unknown', /owners only/],
  ]);
  outcomes(orgPublicRepos, [
    ['owners only', settingsSnap({}), 'pass', /Only owners/],
    ['members may', settingsSnap({ membersCanCreatePublicRepositories: true }), 'fail', /Members can/],
    ['hidden', settingsSnap({ membersCanCreatePublicRepositories: null }), 'unknown', /owners only/],
  ]);
  outcomes(orgTooManyOwners, [
    ['three owners', orgSnapshot({ 'org.owners': ok(['a', 'b', 'c']) }), 'pass', /3 owners: a, b, c/],
    ['four owners', orgSnapshot({ 'org.owners': ok(['a', 'b', 'c', 'd']) }), 'fail', /4 owners.*more than 3/],
    ['members denied', deniedOrg('org.owners'), 'unknown', /Could not check/],
  ]);
  outcomes(orgNotVerified, [
    ['verified', settingsSnap({}), 'pass', /has a verified domain/],
    ['not verified', settingsSnap({ isVerified: false }), 'fail', /no verified domain/],
    ['not shown', settingsSnap({ isVerified: null }), 'unknown', /did not say/],
  ]);
  outcomes(orgWorkflowWrite, [
    ['read', workflow('read', false), 'pass', /read GITHUB_TOKEN/],
    ['write', workflow('write', false), 'fail', /read-write/],
    ['denied', deniedOrg('org.workflow'), 'unknown', /Could not check/],
  ]);
  outcomes(orgActionsCanApprovePrs, [
    ['cannot approve', workflow('read', false), 'pass', /cannot approve/],
    ['can approve', workflow('read', true), 'fail', /can create and approve/],
    ['denied', deniedOrg('org.workflow'), 'unknown', /Could not check/],
  ]);
  outcomes(orgActionsAllowedAll, [
    ['selected', orgSnapshot({ 'org.actions': ok({ allowedActions: 'selected', enabledRepositories: 'all' }) }), 'pass', /selected/],
    ['disabled', orgSnapshot({ 'org.actions': ok({ allowedActions: null, enabledRepositories: 'none' }) }), 'pass', /disabled/],
    ['all', orgSnapshot({ 'org.actions': ok({ allowedActions: 'all', enabledRepositories: 'all' }) }), 'fail', /any source/],
    ['denied', deniedOrg('org.actions'), 'unknown', /Could not check/],
  ]);

  it('answers nothing when no organization was scanned (a personal account, or named repositories)', () => {
    const user: GitHubSnapshot = { account: { login: 'octocat', type: 'User' }, org: null, repositories: ok([]) };
    for (const check of [orgTwoFactor, orgTooManyOwners, orgWorkflowWrite, orgActionsAllowedAll]) expect(check.evaluate(user, DEFAULT_SETTINGS, NOW)).toEqual([]);
  });
});

const one = (parts: Parameters<typeof repo>[1], over: Parameters<typeof repo>[2] = {}) => reposSnapshot(repo('api', parts, over));
const classicOnly = (over: Parameters<typeof protection>[0] = {}) => one(branch(protection(over)));
const rulesOnly = (...rules: ReturnType<typeof rule>[]) => one(branch(null, rules));
const unprotected = one(branch(null));
/** Classic protection could not be read, rules read and empty: nothing proves protection. */
const protectionDenied = one({ 'repo.protection': failed(), 'repo.rules': ok([]) });

describe('repository checks: the default branch (classic protection and rulesets both count)', () => {
  outcomes(repoUnprotected, [
    ['classic protection', classicOnly(), 'pass', /main: protected by branch protection/],
    ['a ruleset', rulesOnly(rule('deletion')), 'pass', /protected by rulesets \(deletion\)/],
    ['a ruleset while classic protection is denied', one({ 'repo.protection': failed(), 'repo.rules': ok([rule('pull_request')]) }), 'pass', /rulesets/],
    ['nothing', unprotected, 'fail', /no branch protection and no ruleset/],
    ['protection denied, no rules', protectionDenied, 'unknown', /branch protection: not visible/],
    ['both denied', one({ 'repo.protection': failed(), 'repo.rules': failed('rules down') }), 'unknown', /rulesets: rules down/],
  ]);
  outcomes(repoApprovals, [
    ['two approvals', classicOnly(), 'pass', /2 approving/],
    ['one approval from a ruleset', rulesOnly(rule('pull_request', { required_approving_review_count: 1 })), 'pass', /1 approving/],
    ['pull requests with 0 approvals', classicOnly({ requiredApprovingReviewCount: 0 }), 'fail', /0 approvals/],
    ['no pull requests required', classicOnly({ requiredApprovingReviewCount: null }), 'fail', /not required/],
    ['unprotected', unprotected, 'fail', /not required/],
    ['protection denied', protectionDenied, 'unknown', /Could not check/],
  ]);
  outcomes(repoTwoApprovals, [
    ['two approvals', classicOnly(), 'pass', /2 approving/],
    ['two from the ruleset, one classic', one(branch(protection({ requiredApprovingReviewCount: 1 }), [rule('pull_request', { required_approving_review_count: 2 })])), 'pass', /2 approving/],
    ['one approval', classicOnly({ requiredApprovingReviewCount: 1 }), 'fail', /1 approving.*fewer than 2/],
    ['protection denied', protectionDenied, 'unknown', /Could not check/],
  ]);
  outcomes(repoStaleReviews, [
    ['dismissed (classic)', classicOnly(), 'pass', /dismissed/],
    ['dismissed (ruleset)', rulesOnly(rule('pull_request', { dismiss_stale_reviews_on_push: true })), 'pass', /dismissed/],
    ['kept', classicOnly({ dismissStaleReviews: false }), 'fail', /survive/],
    ['no reviews', unprotected, 'fail', /not required/],
    ['protection denied', protectionDenied, 'unknown', /Could not check/],
  ]);
  outcomes(repoStatusChecks, [
    ['classic contexts', classicOnly(), 'pass', /ci\/test/],
    ['ruleset checks', rulesOnly(rule('required_status_checks', { required_status_checks: [{ context: 'build' }] })), 'pass', /build/],
    ['none', classicOnly({ requiredStatusChecks: null }), 'fail', /no status check/],
    ['protection denied', protectionDenied, 'unknown', /Could not check/],
  ]);
  outcomes(repoForcePush, [
    ['classic blocks', classicOnly(), 'pass', /branch protection blocks/],
    ['ruleset blocks', rulesOnly(rule('non_fast_forward')), 'pass', /ruleset blocks/],
    ['classic allows', classicOnly({ allowForcePushes: true }), 'fail', /allows force pushes/],
    ['unprotected', unprotected, 'fail', /nothing blocks/],
    ['protection denied', protectionDenied, 'unknown', /Could not check/],
  ]);
  outcomes(repoDeletion, [
    ['classic blocks', classicOnly(), 'pass', /branch protection blocks/],
    ['ruleset blocks', rulesOnly(rule('deletion')), 'pass', /ruleset blocks/],
    ['classic allows', classicOnly({ allowDeletions: true }), 'fail', /allows deletion/],
    ['protection denied', protectionDenied, 'unknown', /Could not check/],
  ]);
  outcomes(repoAdminsNotEnforced, [
    ['enforced', classicOnly(), 'pass', /applies to administrators/],
    ['not enforced', classicOnly({ enforceAdmins: false }), 'fail', /can bypass/],
    ['unprotected', unprotected, 'fail', /not protected/],
    ['rulesets only', rulesOnly(rule('deletion')), 'unknown', /bypass actors are not visible/],
    ['protection denied', protectionDenied, 'unknown', /Could not check: not visible/],
  ]);

  it('skips archived repositories, which nobody can push to', () => {
    expect(repoUnprotected.evaluate(one(branch(null), { archived: true }), DEFAULT_SETTINGS, NOW)).toEqual([]);
  });

  it('answers unknown for the whole scope when the repositories could not be listed', () => {
    const snapshot: GitHubSnapshot = { account: { login: 'acme', type: 'Organization' }, org: null, repositories: failed('could not list the repositories: GitHub answered 404') };
    const result = only(repoUnprotected, snapshot);
    expect(result).toMatchObject({ resourceId: 'org/acme', status: 'unknown', statusDetail: expect.stringMatching(/could not list/) as unknown });
  });
});

const sa = (secretScanning: string | null, secretScanningPushProtection: string | null) => one({ 'repo.securityAndAnalysis': ok({ secretScanning, secretScanningPushProtection }) });
const saDenied = one({ 'repo.securityAndAnalysis': failed() });

describe('repository checks: security features, access and exposure', () => {
  outcomes(repoSecretScanning, [
    ['enabled', sa('enabled', 'disabled'), 'pass', /enabled/],
    ['disabled', sa('disabled', 'disabled'), 'fail', /disabled/],
    ['not reported', sa(null, null), 'unknown', /does not report/],
    ['not visible', saDenied, 'unknown', /Could not check: not visible/],
  ]);
  outcomes(repoPushProtection, [
    ['enabled', sa('enabled', 'enabled'), 'pass', /enabled/],
    ['disabled', sa('enabled', 'disabled'), 'fail', /disabled/],
    ['not reported', sa('enabled', null), 'unknown', /does not report/],
    ['not visible', saDenied, 'unknown', /Could not check/],
  ]);
  outcomes(repoDependabot, [
    ['enabled', one({ 'repo.vulnerabilityAlerts': ok(true) }), 'pass', /enabled/],
    ['disabled', one({ 'repo.vulnerabilityAlerts': ok(false) }), 'fail', /disabled/],
    ['not visible', one({ 'repo.vulnerabilityAlerts': failed() }), 'unknown', /Could not check/],
  ]);
  outcomes(repoOutsideAdmin, [
    ['none', one({ 'repo.outsideAdmins': ok([]) }), 'pass', /No outside/],
    ['one', one({ 'repo.outsideAdmins': ok(['contractor']) }), 'fail', /contractor/],
    ['archived still counts', one({ 'repo.outsideAdmins': ok(['contractor']) }, { archived: true }), 'fail', /contractor/],
    ['not visible', one({ 'repo.outsideAdmins': failed() }), 'unknown', /Could not check/],
  ]);
  outcomes(repoCodeowners, [
    ['present', one({ 'repo.codeowners': ok('.github/CODEOWNERS') }), 'pass', /\.github\/CODEOWNERS/],
    ['absent', one({ 'repo.codeowners': ok(null) }), 'fail', /No CODEOWNERS/],
    ['not visible', one({ 'repo.codeowners': failed() }), 'unknown', /Could not check/],
  ]);
  outcomes(repoActionsAllowedAll, [
    ['selected', one({ 'repo.actions': ok({ enabled: true, allowedActions: 'selected' }) }), 'pass', /selected/],
    ['disabled', one({ 'repo.actions': ok({ enabled: false, allowedActions: null }) }), 'pass', /disabled/],
    ['all', one({ 'repo.actions': ok({ enabled: true, allowedActions: 'all' }) }), 'fail', /any source/],
    ['not visible', one({ 'repo.actions': failed() }), 'unknown', /Could not check/],
  ]);

  describe('github-repo-public-not-allowlisted', () => {
    const withAllowlist = (list: string[]): ScanSettings => ({ ...DEFAULT_SETTINGS, githubPublicRepositories: list });
    it('passes a private repository', () => {
      expect(only(repoPublic, one({})).status).toBe('pass');
    });
    it('fails a public repository not on the allowlist, as exposed', () => {
      const result = only(repoPublic, one({}, { visibility: 'public' }), withAllowlist(['acme/docs']));
      expect(result).toMatchObject({ status: 'fail', exposed: true });
    });
    it('passes a public repository on the allowlist, by name or owner wildcard, case-insensitively', () => {
      expect(only(repoPublic, one({}, { visibility: 'public' }), withAllowlist(['ACME/api'])).status).toBe('pass');
      expect(only(repoPublic, one({}, { visibility: 'public' }), withAllowlist(['acme/*'])).status).toBe('pass');
      expect(allowlisted('acme/api', ['other/*', 'acme/ap'])).toBe(false);
    });
    it('answers unknown when the repositories could not be listed', () => {
      const snapshot: GitHubSnapshot = { account: { login: 'acme', type: 'Organization' }, org: null, repositories: failed('could not list') };
      expect(only(repoPublic, snapshot).status).toBe('unknown');
    });
  });

  it('reports a part that was not collected as unknown, never pass', () => {
    expect(only(repoDependabot, one({})).statusDetail).toMatch(/repo.vulnerabilityAlerts was not collected/);
    expect(DENIED).toMatch(/not visible/);
  });
});

describe('the GitHub check list', () => {
  it('has at least 20 checks with unique github- ids, remediation with gh api, and string compliance controls', () => {
    expect(githubChecks.length).toBeGreaterThanOrEqual(20);
    const ids = githubChecks.map((c) => c.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { meta } of githubChecks) {
      expect(meta.id).toMatch(/^github-(org|repo)-[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(meta.provider).toBe('github');
      expect(meta.remediation.cli, meta.id).toMatch(/^gh api /);
      expect(meta.remediation.url, meta.id).toMatch(/^https:\/\/docs\.github\.com\//);
      expect(Object.keys(meta.compliance).length, meta.id).toBeGreaterThan(1);
      for (const controls of Object.values(meta.compliance)) for (const control of controls ?? []) expect(typeof control).toBe('string');
    }
  });
});
