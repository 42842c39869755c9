import { requiredApprovals, withBranchPolicy } from '../lib/branch-policy.js';
import { defineGitHubCheck, REPO_RESOURCE } from '../lib/helpers.js';

export const check = defineGitHubCheck(
  {
    id: 'github-repo-no-required-approvals',
    title: 'Default branch requires no pull request approval',
    service: 'branch-protection',
    resourceType: REPO_RESOURCE,
    severity: 'high',
    description: 'Checks that changes to the default branch need a pull request with at least one approving review (branch protection or a ruleset).',
    risk: 'Without a required approval, one person — or one stolen account — can put any code on the branch that is built and deployed, with nobody else looking.',
    remediation: {
      text: 'Require pull requests with at least one (better two) approving reviews on the default branch.',
      cli: 'gh api -X PATCH repos/<OWNER>/<REPO>/branches/<BRANCH>/protection/required_pull_request_reviews -F required_approving_review_count=2 -F dismiss_stale_reviews=true',
      url: 'https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#require-pull-request-reviews-before-merging',
    },
    compliance: {
      'cis-github-1.1': ['1.1.3'],
      soc2: ['CC8.1'],
      'iso27001-2022': ['A.8.32', 'A.8.28'],
      'nist-800-53-r5': ['CM-3', 'SA-11', 'AC-5'],
      'nist-csf-2.0': ['PR.PS-01'],
      'pci-dss-4.0': ['6.2.3'],
    },
    needs: ['repo.protection', 'repo.rules'],
  },
  (snapshot) =>
    withBranchPolicy(snapshot, (policy) => {
      const approvals = requiredApprovals(policy);
      if (approvals === null) return { status: 'fail', detail: 'pull requests are not required' };
      return approvals >= 1 ? { status: 'pass', detail: `${approvals} approving review(s) required` } : { status: 'fail', detail: 'pull requests are required, but with 0 approvals' };
    }),
);
