import { booleanParam, rule, withBranchPolicy } from '../lib/branch-policy.js';
import { defineGitHubCheck, REPO_RESOURCE } from '../lib/helpers.js';

export const check = defineGitHubCheck(
  {
    id: 'github-repo-stale-reviews-not-dismissed',
    title: 'Approvals are not dismissed when new commits are pushed',
    service: 'branch-protection',
    resourceType: REPO_RESOURCE,
    severity: 'medium',
    description: 'Checks that the default branch dismisses approving reviews when new commits are pushed to the pull request.',
    risk: 'An author can get an innocent change approved, then push different code to the same pull request and merge it on the old approval.',
    remediation: {
      text: 'Turn on "Dismiss stale pull request approvals when new commits are pushed" (rulesets: "Dismiss stale pull request approvals on push").',
      cli: 'gh api -X PATCH repos/<OWNER>/<REPO>/branches/<BRANCH>/protection/required_pull_request_reviews -F dismiss_stale_reviews=true',
      url: 'https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#require-pull-request-reviews-before-merging',
    },
    compliance: {
      'cis-github-1.1': ['1.1.4'],
      soc2: ['CC8.1'],
      'iso27001-2022': ['A.8.32'],
      'nist-800-53-r5': ['CM-3'],
      'nist-csf-2.0': ['PR.PS-01'],
    },
    needs: ['repo.protection', 'repo.rules'],
  },
  (snapshot) =>
    withBranchPolicy(snapshot, (policy) => {
      const classic = policy.classic?.requiredApprovingReviewCount != null && policy.classic.dismissStaleReviews;
      const rules = booleanParam(rule(policy, 'pull_request'), 'dismiss_stale_reviews_on_push');
      if (classic || rules) return { status: 'pass', detail: 'stale approvals are dismissed on push' };
      const reviews = policy.classic?.requiredApprovingReviewCount != null || rule(policy, 'pull_request') !== undefined;
      return { status: 'fail', detail: reviews ? 'approvals survive new commits' : 'pull request reviews are not required, so nothing is dismissed' };
    }),
);
