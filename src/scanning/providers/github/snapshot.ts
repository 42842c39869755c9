/**
 * What the GitHub collectors gather and the GitHub checks read: plain data, no Octokit types, so
 * checks are pure functions over fixtures. Every part records whether it could be collected; a part
 * GitHub would not show (403, or a 404 meaning "not visible with these permissions") carries the
 * reason, and the checks that needed it report `unknown` with that reason.
 */
import type { Collected } from '../aws/snapshot.js';

export type { Collected } from '../aws/snapshot.js';

/** Organization settings (GET /orgs/{org}); the owner-only fields are null when GitHub did not show them. */
export interface OrgSettings {
  login: string;
  twoFactorRequirementEnabled: boolean | null;
  /** `read`, `write`, `admin` or `none`; null when not shown. */
  defaultRepositoryPermission: string | null;
  membersCanCreatePublicRepositories: boolean | null;
  /** The organization has verified a domain ("Verified" badge). */
  isVerified: boolean | null;
}

export interface OrgActionsPermissions {
  /** `all`, `local_only` or `selected`; null when Actions are disabled for every repository. */
  allowedActions: string | null;
  enabledRepositories: string;
}

export interface WorkflowPermissions {
  /** `read` or `write`. */
  defaultWorkflowPermissions: string;
  canApprovePullRequestReviews: boolean;
}

export interface OrgParts {
  'org.settings': Collected<OrgSettings>;
  /** Logins of the organization's owners (members with role admin). */
  'org.owners': Collected<string[]>;
  'org.actions': Collected<OrgActionsPermissions>;
  'org.workflow': Collected<WorkflowPermissions>;
}

export interface SecurityAndAnalysis {
  /** `enabled` / `disabled`; null when GitHub does not report the feature for this repository. */
  secretScanning: string | null;
  secretScanningPushProtection: string | null;
}

/** Classic branch protection of the default branch (GET .../branches/{branch}/protection). */
export interface BranchProtection {
  /** null: pull request reviews are not required. */
  requiredApprovingReviewCount: number | null;
  dismissStaleReviews: boolean;
  requireCodeOwnerReviews: boolean;
  /** Status check contexts; null when status checks are not required. */
  requiredStatusChecks: string[] | null;
  enforceAdmins: boolean;
  allowForcePushes: boolean;
  allowDeletions: boolean;
}

/** One rule that applies to the default branch through a ruleset (GET .../rules/branches/{branch}). */
export interface BranchRule {
  type: string;
  parameters: Record<string, unknown>;
  rulesetId: number | null;
}

export interface RepoActionsPermissions {
  enabled: boolean;
  /** `all`, `local_only` or `selected`; null when Actions are disabled. */
  allowedActions: string | null;
}

export interface RepoParts {
  'repo.securityAndAnalysis': Collected<SecurityAndAnalysis>;
  /** null: the default branch has no classic protection. */
  'repo.protection': Collected<BranchProtection | null>;
  'repo.rules': Collected<BranchRule[]>;
  /** Dependabot alerts (vulnerability alerts) enabled. */
  'repo.vulnerabilityAlerts': Collected<boolean>;
  /** Outside collaborators with admin permission. */
  'repo.outsideAdmins': Collected<string[]>;
  /** The path of the CODEOWNERS file on the default branch, or null when there is none. */
  'repo.codeowners': Collected<string | null>;
  'repo.actions': Collected<RepoActionsPermissions>;
}

export type OrgPart = keyof OrgParts;
export type RepoPart = keyof RepoParts;
export type GitHubPart = OrgPart | RepoPart;

export const ORG_PARTS: readonly OrgPart[] = ['org.settings', 'org.owners', 'org.actions', 'org.workflow'];
export const REPO_PARTS: readonly RepoPart[] = [
  'repo.securityAndAnalysis',
  'repo.protection',
  'repo.rules',
  'repo.vulnerabilityAlerts',
  'repo.outsideAdmins',
  'repo.codeowners',
  'repo.actions',
];
export const GITHUB_PARTS: readonly GitHubPart[] = [...ORG_PARTS, ...REPO_PARTS];

export interface RepoSnapshot {
  /** `owner/repo` */
  fullName: string;
  visibility: 'public' | 'private' | 'internal';
  archived: boolean;
  /** null for an empty repository. */
  defaultBranch: string | null;
  parts: Partial<RepoParts>;
}

export interface GitHubSnapshot {
  /** The organization login, or the user login for a personal account. */
  account: { login: string; type: 'Organization' | 'User' };
  /** Organization-level parts; null when no organization was scanned (a user account, or a scan of named repositories). */
  org: Partial<OrgParts> | null;
  /** The repositories scanned; failed when they could not even be listed. */
  repositories: Collected<RepoSnapshot[]>;
}
