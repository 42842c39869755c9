import { rule, withBranchPolicy } from '../lib/branch-policy.js';
import { defineGitHubCheck, REPO_RESOURCE } from '../lib/helpers.js';

export const check = defineGitHubCheck(
  {
    id: 'github-repo-force-push-allowed',
    title: 'Force pushes to the default branch are allowed',
    service: 'branch-protection',
    resourceType: REPO_RESOURCE,
    severity: 'high',
    description: 'Checks that force pushes to the default branch are blocked (branch protection without "Allow force pushes", or a ruleset with "Block force pushes").',
    risk: 'A force push rewrites the branch history: reviewed commits can be replaced and the evidence of what shipped erased.',
    remediation: {
      text: 'Block force pushes on the default branch (a ruleset with the non_fast_forward rule, or branch protection with force pushes off).',
      cli: "gh api -X POST repos/<OWNER>/<REPO>/rulesets -f name=protect-default-branch -f target=branch -f enforcement=active -f 'conditions[ref_name][include][]=~DEFAULT_BRANCH' -f 'conditions[ref_name][exclude][]' -f 'rules[][type]=non_fast_forward'",
      url: 'https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets#block-force-pushes',
    },
    compliance: {
      'cis-github-1.1': ['1.1.16'],
      soc2: ['CC8.1'],
      'iso27001-2022': ['A.8.32', 'A.8.4'],
      'nist-800-53-r5': ['CM-5', 'AU-9'],
      'nist-csf-2.0': ['PR.PS-01'],
    },
    needs: ['repo.protection', 'repo.rules'],
  },
  (snapshot) =>
    withBranchPolicy(snapshot, (policy) => {
      if (policy.classic && !policy.classic.allowForcePushes) return { status: 'pass', detail: 'branch protection blocks force pushes' };
      if (rule(policy, 'non_fast_forward')) return { status: 'pass', detail: 'a ruleset blocks force pushes' };
      return { status: 'fail', detail: policy.classic ? 'branch protection allows force pushes' : 'nothing blocks force pushes' };
    }),
);
