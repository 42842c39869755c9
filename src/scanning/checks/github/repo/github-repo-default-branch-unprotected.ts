import { isProtected, withBranchPolicy } from '../lib/branch-policy.js';
import { defineGitHubCheck, REPO_RESOURCE } from '../lib/helpers.js';

/** Classic branch protection or any ruleset rule on the default branch counts as protection. */
export const check = defineGitHubCheck(
  {
    id: 'github-repo-default-branch-unprotected',
    title: 'Default branch is not protected',
    service: 'branch-protection',
    resourceType: REPO_RESOURCE,
    severity: 'high',
    description: 'Checks that the default branch of each repository is covered by branch protection or by a ruleset.',
    risk: 'Anyone with write access can push straight to the branch that is built and released — unreviewed code, rewritten history or a deleted branch — and so can anyone who steals their credentials.',
    remediation: {
      text: 'Protect the default branch with a ruleset (or classic branch protection) that requires pull requests with reviews and status checks and blocks force pushes and deletion.',
      cli: "gh api -X PUT repos/<OWNER>/<REPO>/branches/<BRANCH>/protection -F 'required_status_checks=null' -F enforce_admins=true -F 'required_pull_request_reviews[required_approving_review_count]=2' -F 'required_pull_request_reviews[dismiss_stale_reviews]=true' -F 'restrictions=null'",
      url: 'https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/about-rulesets',
    },
    compliance: {
      'cis-github-1.1': ['1.1.3', '1.1.16', '1.1.17'],
      soc2: ['CC8.1'],
      'iso27001-2022': ['A.8.4', 'A.8.32'],
      'nist-800-53-r5': ['CM-3', 'CM-5'],
      'nist-csf-2.0': ['PR.PS-01'],
      'pci-dss-4.0': ['6.5.1'],
    },
    needs: ['repo.protection', 'repo.rules'],
  },
  (snapshot) =>
    withBranchPolicy(snapshot, (policy) => {
      if (policy.classic) return { status: 'pass', detail: 'protected by branch protection' };
      if (policy.rules?.length) return { status: 'pass', detail: `protected by rulesets (${[...new Set(policy.rules.map((r) => r.type))].join(', ')})` };
      return isProtected(policy) ? { status: 'pass', detail: 'protected' } : { status: 'fail', detail: 'no branch protection and no ruleset applies' };
    }),
);
