import { defineGitHubCheck, fail, ORG_RESOURCE, pass, withOrg } from '../lib/helpers.js';

export const check = defineGitHubCheck(
  {
    id: 'github-org-actions-allowed-all',
    title: 'Organization allows actions from any source',
    service: 'actions',
    resourceType: ORG_RESOURCE,
    severity: 'medium',
    description: 'Checks that the organization allows only its own actions, or selected (e.g. GitHub-authored and verified) ones, rather than any action from the marketplace.',
    risk: 'Any public action a workflow names runs with that workflow\'s token and secrets; one typo-squatted or hijacked action exfiltrates them or tampers with builds.',
    remediation: {
      text: 'Set the Actions policy to "Allow <ORG> actions and select non-<ORG> actions" and list the actions you trust (GitHub-authored, verified creators, pinned patterns).',
      cli: 'gh api -X PUT orgs/<ORG>/actions/permissions -f enabled_repositories=all -f allowed_actions=selected',
      url: 'https://docs.github.com/en/organizations/managing-organization-settings/disabling-or-limiting-github-actions-for-your-organization#managing-github-actions-permissions-for-your-organization',
    },
    compliance: {
      soc2: ['CC8.1', 'CC9.2'],
      'iso27001-2022': ['A.5.21', 'A.8.28'],
      'nist-800-53-r5': ['SA-12', 'CM-7(5)'],
      'nist-csf-2.0': ['GV.SC-07', 'PR.PS-02'],
    },
    needs: ['org.actions'],
  },
  (snapshot) =>
    withOrg(snapshot, 'org.actions', (actions, id) => {
      if (actions.allowedActions === null) return pass(id, 'GitHub Actions are disabled for the organization');
      return actions.allowedActions === 'all' ? fail(id, 'Any action from any source may run') : pass(id, `Actions allowed: ${actions.allowedActions}`);
    }),
);
