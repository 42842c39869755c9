/** Snapshot fixtures for the GitHub checks: an organization and its repositories, built part by part. */
import type {
  BranchProtection,
  BranchRule,
  Collected,
  GitHubSnapshot,
  OrgParts,
  OrgSettings,
  RepoParts,
  RepoSnapshot,
} from '../../../src/scanning/providers/github/snapshot.js';

export const NOW = new Date('2026-12-01T12:00:00Z');
export const DENIED = 'not visible with these permissions (needs repository Administration: read): GitHub refused the request (HTTP 403): Resource not accessible by personal access token';

export function ok<T>(value: T): Collected<T> {
  return { ok: true, value };
}

export function failed(error = DENIED): { ok: false; error: string } {
  return { ok: false, error };
}

export function orgSettings(over: Partial<OrgSettings> = {}): OrgSettings {
  return { login: 'acme', twoFactorRequirementEnabled: true, defaultRepositoryPermission: 'read', membersCanCreatePublicRepositories: false, isVerified: true, ...over };
}

/** An organization snapshot with only organization parts (no repositories). */
export function orgSnapshot(parts: Partial<OrgParts>): GitHubSnapshot {
  return { account: { login: 'acme', type: 'Organization' }, org: parts, repositories: ok([]) };
}

export function protection(over: Partial<BranchProtection> = {}): BranchProtection {
  return {
    requiredApprovingReviewCount: 2,
    dismissStaleReviews: true,
    requireCodeOwnerReviews: true,
    requiredStatusChecks: ['ci/test'],
    enforceAdmins: true,
    allowForcePushes: false,
    allowDeletions: false,
    ...over,
  };
}

export function rule(type: string, parameters: Record<string, unknown> = {}): BranchRule {
  return { type, parameters, rulesetId: 7 };
}

export function repo(name: string, parts: Partial<RepoParts>, over: Partial<Omit<RepoSnapshot, 'parts'>> = {}): RepoSnapshot {
  return { fullName: `acme/${name}`, visibility: 'private', archived: false, defaultBranch: 'main', parts, ...over };
}

/** A snapshot of repositories, with the organization's parts not collected (a repository-only selection). */
export function reposSnapshot(...repos: RepoSnapshot[]): GitHubSnapshot {
  return { account: { login: 'acme', type: 'Organization' }, org: {}, repositories: ok(repos) };
}

/** Branch protection and rules as both read. */
export function branch(classic: BranchProtection | null, rules: BranchRule[] = []): Pick<RepoParts, 'repo.protection' | 'repo.rules'> {
  return { 'repo.protection': ok(classic), 'repo.rules': ok(rules) };
}
