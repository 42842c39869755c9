import { defineGitHubCheck, fail, pass, REPO_RESOURCE, withEachRepo } from '../lib/helpers.js';

export const check = defineGitHubCheck(
  {
    id: 'github-repo-actions-allowed-all',
    title: 'Repository allows actions from any source',
    service: 'actions',
    resourceType: REPO_RESOURCE,
    severity: 'medium',
    description: 'Checks that the repository\'s workflows may use only local or selected actions, not any action from anywhere.',
    risk: 'Any public action a workflow names runs with the workflow\'s token and secrets; one typo-squatted or hijacked action exfiltrates them or tampers with the build.',
    remediation: {
      text: 'Allow only the organization\'s own and selected actions (GitHub-authored, verified creators, or listed patterns), at the organization or repository level.',
      cli: 'gh api -X PUT repos/<OWNER>/<REPO>/actions/permissions -F enabled=true -f allowed_actions=selected',
      url: 'https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/enabling-features-for-your-repository/managing-github-actions-settings-for-a-repository#managing-github-actions-permissions-for-your-repository',
    },
    compliance: {
      soc2: ['CC8.1', 'CC9.2'],
      'iso27001-2022': ['A.5.21', 'A.8.28'],
      'nist-800-53-r5': ['SA-12', 'CM-7(5)'],
      'nist-csf-2.0': ['GV.SC-07', 'PR.PS-02'],
    },
    needs: ['repo.actions'],
  },
  (snapshot) =>
    withEachRepo(snapshot, 'repo.actions', (actions, repo) => {
      if (!actions.enabled) return pass(repo.fullName, 'GitHub Actions are disabled');
      return actions.allowedActions === 'all' ? fail(repo.fullName, 'Any action from any source may run') : pass(repo.fullName, `Actions allowed: ${actions.allowedActions ?? 'none'}`);
    }),
);
