import { requiredApprovals, withBranchPolicy } from '../lib/branch-policy.js';
import { defineGitHubCheck, REPO_RESOURCE } from '../lib/helpers.js';

/** CIS GitHub 1.1.3 asks for two approvals; `github-repo-no-required-approvals` covers the worse case of none. */
export const check = defineGitHubCheck(
  {
    id: 'github-repo-fewer-than-two-approvals',
    title: 'Default branch requires fewer than 2 approvals',
    service: 'branch-protection',
    resourceType: REPO_RESOURCE,
    severity: 'low',
    description: 'Checks that changes to the default branch need at least two approving reviews.',
    risk: 'With a single approval, two colluding or compromised accounts — the author and one reviewer — are enough to merge anything.',
    remediation: {
      text: 'Raise the required approving review count on the default branch to 2.',
      cli: 'gh api -X PATCH repos/<OWNER>/<REPO>/branches/<BRANCH>/protection/required_pull_request_reviews -F required_approving_review_count=2',
      url: 'https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#require-pull-request-reviews-before-merging',
    },
    compliance: {
      'cis-github-1.1': ['1.1.3'],
      soc2: ['CC8.1'],
      'iso27001-2022': ['A.8.32'],
      'nist-800-53-r5': ['CM-3', 'AC-5'],
      'nist-csf-2.0': ['PR.PS-01'],
    },
    needs: ['repo.protection', 'repo.rules'],
  },
  (snapshot) =>
    withBranchPolicy(snapshot, (policy) => {
      const approvals = requiredApprovals(policy) ?? 0;
      return approvals >= 2 ? { status: 'pass', detail: `${approvals} approving reviews required` } : { status: 'fail', detail: `${approvals} approving review(s) required (fewer than 2)` };
    }),
);
