/**
 * Organization-level parts: settings (2FA requirement, base permission, public repository creation,
 * verified domain), owners, Actions permissions and the default workflow token permissions. The
 * owner-only settings come back as null to non-owners; checks then answer `unknown`.
 */
import { attempt } from './collected.js';
import type { GitHubClient } from './clients.js';
import type { Collected, OrgActionsPermissions, OrgPart, OrgParts, OrgSettings, WorkflowPermissions } from './snapshot.js';

const ORG_ADMIN = 'organization Administration: read (classic token: read:org; the owner role for owner-only settings)';

async function settings(octokit: GitHubClient, org: string): Promise<OrgSettings> {
  const { data } = await octokit.request('GET /orgs/{org}', { org });
  return {
    login: data.login,
    twoFactorRequirementEnabled: data.two_factor_requirement_enabled ?? null,
    defaultRepositoryPermission: data.default_repository_permission ?? null,
    membersCanCreatePublicRepositories: data.members_can_create_public_repositories ?? null,
    isVerified: data.is_verified ?? null,
  };
}

async function owners(octokit: GitHubClient, org: string): Promise<string[]> {
  const members = await octokit.paginate('GET /orgs/{org}/members', { org, role: 'admin', per_page: 100 });
  return members.map((member) => member.login).sort();
}

async function actions(octokit: GitHubClient, org: string): Promise<OrgActionsPermissions> {
  const { data } = await octokit.request('GET /orgs/{org}/actions/permissions', { org });
  return { allowedActions: data.allowed_actions ?? null, enabledRepositories: data.enabled_repositories };
}

async function workflow(octokit: GitHubClient, org: string): Promise<WorkflowPermissions> {
  const { data } = await octokit.request('GET /orgs/{org}/actions/permissions/workflow', { org });
  return { defaultWorkflowPermissions: data.default_workflow_permissions, canApprovePullRequestReviews: data.can_approve_pull_request_reviews };
}

const ORG_COLLECTORS: { [P in OrgPart]: (octokit: GitHubClient, org: string) => Promise<OrgParts[P]> } = {
  'org.settings': (octokit, org) => attempt(ORG_ADMIN, () => settings(octokit, org)),
  'org.owners': (octokit, org) => attempt('organization Members: read (classic token: read:org)', () => owners(octokit, org)),
  'org.actions': (octokit, org) => attempt(ORG_ADMIN, () => actions(octokit, org)),
  'org.workflow': (octokit, org) => attempt(ORG_ADMIN, () => workflow(octokit, org)),
};

/** Collects the named organization parts, concurrently; each one that fails records why. */
export async function collectOrg(octokit: GitHubClient, org: string, parts: readonly OrgPart[]): Promise<Partial<OrgParts>> {
  const entries = await Promise.all(parts.map(async (part) => [part, await ORG_COLLECTORS[part](octokit, org)] as const));
  const collected: Partial<Record<OrgPart, Collected<unknown>>> = Object.fromEntries(entries);
  // Each entry was produced by that part's own collector (ORG_COLLECTORS is typed per part).
  return collected as Partial<OrgParts>;
}
