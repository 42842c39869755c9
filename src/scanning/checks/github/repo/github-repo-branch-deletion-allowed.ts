import { rule, withBranchPolicy } from '../lib/branch-policy.js';
import { defineGitHubCheck, REPO_RESOURCE } from '../lib/helpers.js';

export const check = defineGitHubCheck(
  {
    id: 'github-repo-branch-deletion-allowed',
    title: 'The default branch can be deleted',
    service: 'branch-protection',
    resourceType: REPO_RESOURCE,
    severity: 'medium',
    description: 'Checks that deleting the default branch is blocked (branch protection without "Allow deletions", or a ruleset with "Restrict deletions").',
    risk: 'Anyone with push access can delete the branch that is built and released, and with it the protection rules that named it.',
    remediation: {
      text: 'Block deletion of the default branch (a ruleset with the deletion rule, or branch protection with deletions off).',
      cli: "gh api -X POST repos/<OWNER>/<REPO>/rulesets -f name=protect-default-branch -f target=branch -f enforcement=active -f 'conditions[ref_name][include][]=~DEFAULT_BRANCH' -f 'conditions[ref_name][exclude][]' -f 'rules[][type]=deletion'",
      url: 'https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets#restrict-deletions',
    },
    compliance: {
      'cis-github-1.1': ['1.1.17'],
      soc2: ['CC8.1'],
      'iso27001-2022': ['A.8.32', 'A.8.4'],
      'nist-800-53-r5': ['CM-5'],
      'nist-csf-2.0': ['PR.PS-01'],
    },
    needs: ['repo.protection', 'repo.rules'],
  },
  (snapshot) =>
    withBranchPolicy(snapshot, (policy) => {
      if (policy.classic && !policy.classic.allowDeletions) return { status: 'pass', detail: 'branch protection blocks deletion' };
      if (rule(policy, 'deletion')) return { status: 'pass', detail: 'a ruleset blocks deletion' };
      return { status: 'fail', detail: policy.classic ? 'branch protection allows deletion' : 'nothing blocks deletion' };
    }),
);
