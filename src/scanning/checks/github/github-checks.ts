/** Every GitHub check: the organization first, then each repository. The engine's registry imports this list. */
import type { GitHubCheck } from './lib/helpers.js';
import { check as orgActionsAllowedAll } from './org/github-org-actions-allowed-all.js';
import { check as orgActionsCanApprovePrs } from './org/github-org-actions-can-approve-prs.js';
import { check as orgDefaultPermissionTooBroad } from './org/github-org-default-permission-too-broad.js';
import { check as orgDefaultWorkflowPermissionsWrite } from './org/github-org-default-workflow-permissions-write.js';
import { check as orgMembersCanCreatePublicRepos } from './org/github-org-members-can-create-public-repos.js';
import { check as orgNotVerified } from './org/github-org-not-verified.js';
import { check as orgTooManyOwners } from './org/github-org-too-many-owners.js';
import { check as orgTwoFactorNotRequired } from './org/github-org-2fa-not-required.js';
import { check as repoActionsAllowedAll } from './repo/github-repo-actions-allowed-all.js';
import { check as repoAdminsNotEnforced } from './repo/github-repo-admins-not-enforced.js';
import { check as repoBranchDeletionAllowed } from './repo/github-repo-branch-deletion-allowed.js';
import { check as repoDefaultBranchUnprotected } from './repo/github-repo-default-branch-unprotected.js';
import { check as repoDependabotAlertsDisabled } from './repo/github-repo-dependabot-alerts-disabled.js';
import { check as repoFewerThanTwoApprovals } from './repo/github-repo-fewer-than-two-approvals.js';
import { check as repoForcePushAllowed } from './repo/github-repo-force-push-allowed.js';
import { check as repoNoCodeowners } from './repo/github-repo-no-codeowners.js';
import { check as repoNoRequiredApprovals } from './repo/github-repo-no-required-approvals.js';
import { check as repoNoRequiredStatusChecks } from './repo/github-repo-no-required-status-checks.js';
import { check as repoOutsideCollaboratorAdmin } from './repo/github-repo-outside-collaborator-admin.js';
import { check as repoPublicNotAllowlisted } from './repo/github-repo-public-not-allowlisted.js';
import { check as repoPushProtectionDisabled } from './repo/github-repo-push-protection-disabled.js';
import { check as repoSecretScanningDisabled } from './repo/github-repo-secret-scanning-disabled.js';
import { check as repoStaleReviewsNotDismissed } from './repo/github-repo-stale-reviews-not-dismissed.js';

export const githubOrgChecks: GitHubCheck[] = [
  orgTwoFactorNotRequired,
  orgDefaultPermissionTooBroad,
  orgMembersCanCreatePublicRepos,
  orgTooManyOwners,
  orgNotVerified,
  orgDefaultWorkflowPermissionsWrite,
  orgActionsCanApprovePrs,
  orgActionsAllowedAll,
];

export const githubRepoChecks: GitHubCheck[] = [
  repoDefaultBranchUnprotected,
  repoNoRequiredApprovals,
  repoFewerThanTwoApprovals,
  repoStaleReviewsNotDismissed,
  repoNoRequiredStatusChecks,
  repoForcePushAllowed,
  repoBranchDeletionAllowed,
  repoAdminsNotEnforced,
  repoSecretScanningDisabled,
  repoPushProtectionDisabled,
  repoDependabotAlertsDisabled,
  repoOutsideCollaboratorAdmin,
  repoPublicNotAllowlisted,
  repoNoCodeowners,
  repoActionsAllowedAll,
];

export const githubChecks: GitHubCheck[] = [...githubOrgChecks, ...githubRepoChecks];
