/**
 * What protects a repository's default branch: classic branch protection and rulesets both count.
 * Every property the checks ask about is "at least one source enforces it", so a property one
 * source enforces holds even when the other source could not be read; a property neither enforces
 * is only a failure when both were read (otherwise the check cannot tell: `unknown`).
 */
import type { CheckResult } from '../../../types.js';
import type { BranchProtection, BranchRule, GitHubSnapshot, RepoSnapshot } from '../../../providers/github/snapshot.js';
import { forEachRepo, unknown } from './helpers.js';

export interface BranchPolicy {
  /** Classic protection; null when none, undefined when it could not be read. */
  classic: BranchProtection | null | undefined;
  /** Ruleset rules for the branch; undefined when they could not be read. */
  rules: BranchRule[] | undefined;
}

export function rule(policy: BranchPolicy, type: string): BranchRule | undefined {
  return policy.rules?.find((r) => r.type === type);
}

export function numberParam(r: BranchRule | undefined, name: string): number | null {
  const value = r?.parameters[name];
  return typeof value === 'number' ? value : null;
}

export function booleanParam(r: BranchRule | undefined, name: string): boolean {
  return r?.parameters[name] === true;
}

/** The source that could not be read, for an `unknown` result. */
function missingReason(repo: RepoSnapshot): string {
  const reasons: string[] = [];
  const classic = repo.parts['repo.protection'];
  const rules = repo.parts['repo.rules'];
  if (!classic) reasons.push('repo.protection was not collected');
  else if (!classic.ok) reasons.push(`branch protection: ${classic.error}`);
  if (!rules) reasons.push('repo.rules was not collected');
  else if (!rules.ok) reasons.push(`rulesets: ${rules.error}`);
  return reasons.join('; ');
}

/** The verdict of a check on one branch policy: `null` when the sources read do not settle it. */
export type Verdict = { status: 'pass' | 'fail'; detail: string };

/**
 * Runs `judge` on the default branch policy of every (non-archived) repository. `judge` must pass
 * whenever any readable source enforces the property; its failure is reported only when both
 * sources were read.
 */
export function withBranchPolicy(snapshot: GitHubSnapshot, judge: (policy: BranchPolicy, repo: RepoSnapshot) => Verdict): CheckResult[] {
  return forEachRepo(snapshot, (repo) => {
    const classic = repo.parts['repo.protection'];
    const rules = repo.parts['repo.rules'];
    const policy: BranchPolicy = { classic: classic?.ok ? classic.value : undefined, rules: rules?.ok ? rules.value : undefined };
    const verdict = judge(policy, repo);
    const complete = policy.classic !== undefined && policy.rules !== undefined;
    if (verdict.status === 'fail' && !complete) return unknown(repo.fullName, `Could not check: ${missingReason(repo)}`);
    const branch = repo.defaultBranch ?? 'default branch';
    return { resourceId: repo.fullName, region: 'global', status: verdict.status, statusDetail: `${branch}: ${verdict.detail}` };
  });
}

/** Whether any protection applies to the branch at all. */
export function isProtected(policy: BranchPolicy): boolean {
  return Boolean(policy.classic) || (policy.rules?.length ?? 0) > 0;
}

/** The larger number of approvals either source requires; null when neither requires pull requests. */
export function requiredApprovals(policy: BranchPolicy): number | null {
  const classic = policy.classic?.requiredApprovingReviewCount ?? null;
  const pullRequest = rule(policy, 'pull_request');
  const fromRules = pullRequest ? (numberParam(pullRequest, 'required_approving_review_count') ?? 0) : null;
  if (classic === null && fromRules === null) return null;
  return Math.max(classic ?? 0, fromRules ?? 0);
}
