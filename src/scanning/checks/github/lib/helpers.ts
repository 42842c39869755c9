/**
 * Shared pieces for GitHub checks: reading a part that may have failed, results per organization
 * and per repository, so that "could not collect" always becomes `unknown` with the reason, the
 * same way. Resource ids: `org/<login>` for the organization, `owner/repo` for a repository; the
 * region is always `global`.
 */
import type { Check, CheckMeta, CheckResult, ScanSettings } from '../../../types.js';
import * as result from '../../lib/results.js';
import type { GitHubPart, GitHubSnapshot, OrgPart, OrgParts, RepoPart, RepoParts, RepoSnapshot } from '../../../providers/github/snapshot.js';

export type GitHubCheck = Check<GitHubSnapshot, GitHubPart>;
export type GitHubCheckMeta = CheckMeta<GitHubPart>;

export const ORG_RESOURCE = 'GitHub::Organization';
export const REPO_RESOURCE = 'GitHub::Repository';
export const REGION = 'global';

export function defineGitHubCheck(meta: Omit<GitHubCheckMeta, 'provider'>, evaluate: (snapshot: GitHubSnapshot, settings: ScanSettings, now: Date) => CheckResult[]): GitHubCheck {
  return { meta: { ...meta, provider: 'github' }, evaluate };
}

type Extra = Pick<CheckResult, 'resourceType' | 'exposed'>;

// GitHub results are all reported in the one region, `global`.
export function pass(resourceId: string, statusDetail: string, extra?: Extra): CheckResult {
  return result.pass(resourceId, REGION, statusDetail, extra);
}

export function fail(resourceId: string, statusDetail: string, extra?: Extra): CheckResult {
  return result.fail(resourceId, REGION, statusDetail, extra);
}

export function unknown(resourceId: string, statusDetail: string, extra?: Extra): CheckResult {
  return result.unknown(resourceId, REGION, statusDetail, extra);
}

export function orgResourceId(login: string): string {
  return `org/${login}`;
}

type ValueOf<T> = T extends { ok: true; value: infer V } ? V : never;

/**
 * Evaluates an organization part, or answers `unknown` for the organization when it could not be
 * collected. No result at all when no organization was scanned (a personal account, or a scan of
 * named repositories).
 */
export function withOrg<K extends OrgPart>(snapshot: GitHubSnapshot, part: K, evaluate: (value: ValueOf<OrgParts[K]>, resourceId: string) => CheckResult): CheckResult[] {
  if (!snapshot.org) return [];
  const resourceId = orgResourceId(snapshot.account.login);
  const collected = snapshot.org[part];
  if (!collected) return [unknown(resourceId, `Could not check: ${part} was not collected`)];
  if (!collected.ok) return [unknown(resourceId, `Could not check: ${collected.error}`)];
  return [evaluate(collected.value as ValueOf<OrgParts[K]>, resourceId)];
}

/** The stand-in resource when the repositories could not even be listed. */
function scopeResourceId(snapshot: GitHubSnapshot): string {
  return snapshot.account.type === 'Organization' ? orgResourceId(snapshot.account.login) : snapshot.account.login;
}

export interface EachRepoOptions {
  /**
   * Archived repositories are read-only: nobody can push to them, so the branch and review checks
   * skip them. Checks about exposure and access (public, outside admins) include them.
   */
  includeArchived?: boolean;
}

/** Evaluates `evaluate` for every repository in scope, `unknown` for the whole scope when the list itself failed. */
export function forEachRepo(snapshot: GitHubSnapshot, evaluate: (repo: RepoSnapshot) => CheckResult, options: EachRepoOptions = {}): CheckResult[] {
  if (!snapshot.repositories.ok) return [unknown(scopeResourceId(snapshot), `Could not check: ${snapshot.repositories.error}`, { resourceType: ORG_RESOURCE })];
  return snapshot.repositories.value.filter((repo) => options.includeArchived || !repo.archived).map(evaluate);
}

/** Evaluates one repository part per repository; a repository whose part failed answers `unknown` with the reason. */
export function withEachRepo<K extends RepoPart>(
  snapshot: GitHubSnapshot,
  part: K,
  evaluate: (value: ValueOf<RepoParts[K]>, repo: RepoSnapshot) => CheckResult,
  options: EachRepoOptions = {},
): CheckResult[] {
  return forEachRepo(
    snapshot,
    (repo) => {
      const collected = repo.parts[part];
      if (!collected) return unknown(repo.fullName, `Could not check: ${part} was not collected`);
      if (!collected.ok) return unknown(repo.fullName, `Could not check: ${collected.error}`);
      return evaluate(collected.value as ValueOf<RepoParts[K]>, repo);
    },
    options,
  );
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
