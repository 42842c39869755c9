/** The organization the collector and scanner tests scan through the fake GitHub API. */
import { FORBIDDEN, HIDDEN, type FakeGitHubWorld, type FakeRepo } from '../../fakes/github-api.js';

export const FULL_PROTECTION = {
  required_pull_request_reviews: { required_approving_review_count: 2, dismiss_stale_reviews: true, require_code_owner_reviews: true },
  required_status_checks: { strict: true, contexts: ['ci/test'], checks: [{ context: 'ci/test', app_id: null }] },
  enforce_admins: { enabled: true },
  allow_force_pushes: { enabled: false },
  allow_deletions: { enabled: false },
};

/** A repository every repository check passes on. */
export const compliantRepo = (name: string): FakeRepo => ({
  name,
  protection: FULL_PROTECTION,
  securityAndAnalysis: { secretScanning: 'enabled', pushProtection: 'enabled' },
  vulnerabilityAlerts: true,
  collaborators: [{ login: 'member-dev', admin: true, outside: false }],
  codeowners: '.github/CODEOWNERS',
  actions: { enabled: true, allowed_actions: 'selected' },
});

export function acmeWorld(token: string): FakeGitHubWorld {
  return {
    token,
    login: 'octo-scanner',
    // Two repositories a page: the five are listed over three pages, following `Link: rel="next"`.
    pageSize: 2,
    orgs: [
      {
        login: 'acme',
        settings: { two_factor_requirement_enabled: false, default_repository_permission: 'read', members_can_create_public_repositories: true, is_verified: true },
        owners: ['alice', 'bob', 'carol', 'dave'],
        actions: { enabled_repositories: 'all', allowed_actions: 'all' },
        workflow: { default_workflow_permissions: 'write', can_approve_pull_request_reviews: true },
        repos: [
          compliantRepo('api'),
          {
            name: 'web',
            visibility: 'public',
            protection: null,
            rules: [{ type: 'pull_request', parameters: { required_approving_review_count: 1, dismiss_stale_reviews_on_push: false }, ruleset_id: 9 }, { type: 'non_fast_forward', ruleset_id: 9 }, { type: 'deletion', ruleset_id: 9 }],
            securityAndAnalysis: { secretScanning: 'disabled', pushProtection: 'disabled' },
            vulnerabilityAlerts: false,
            collaborators: [{ login: 'contractor', admin: true, outside: true }],
            codeowners: 'docs/CODEOWNERS',
          },
          // A repository the token may not administer: GitHub answers 403 or 404 Not Found.
          { name: 'infra', protection: FORBIDDEN, vulnerabilityAlerts: HIDDEN, collaborators: FORBIDDEN, actions: FORBIDDEN },
          { name: 'legacy', archived: true, protection: null },
          { name: 'docs', visibility: 'public', protection: FULL_PROTECTION, securityAndAnalysis: { secretScanning: 'enabled', pushProtection: 'enabled' }, vulnerabilityAlerts: true, codeowners: 'CODEOWNERS' },
        ],
      },
    ],
    userRepos: [{ name: 'dotfiles', visibility: 'public' }],
  };
}
