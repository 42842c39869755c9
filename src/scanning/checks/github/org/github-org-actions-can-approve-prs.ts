import { defineGitHubCheck, fail, ORG_RESOURCE, pass, withOrg } from '../lib/helpers.js';

export const check = defineGitHubCheck(
  {
    id: 'github-org-actions-can-approve-prs',
    title: 'GitHub Actions may approve pull requests',
    service: 'actions',
    resourceType: ORG_RESOURCE,
    severity: 'medium',
    description: 'Checks that workflows cannot create or approve pull requests with the GITHUB_TOKEN.',
    risk: 'A workflow that can approve pull requests satisfies a required review by itself: anyone who can change a workflow can merge unreviewed code into a protected branch.',
    remediation: {
      text: 'Untick "Allow GitHub Actions to create and approve pull requests" in the organization\'s Actions settings.',
      cli: 'gh api -X PUT orgs/<ORG>/actions/permissions/workflow -f default_workflow_permissions=read -F can_approve_pull_request_reviews=false',
      url: 'https://docs.github.com/en/organizations/managing-organization-settings/disabling-or-limiting-github-actions-for-your-organization#preventing-github-actions-from-creating-or-approving-pull-requests',
    },
    compliance: {
      'cis-github-1.1': ['1.1.3'],
      soc2: ['CC8.1'],
      'iso27001-2022': ['A.8.32'],
      'nist-800-53-r5': ['CM-3', 'AC-5'],
      'nist-csf-2.0': ['PR.PS-01'],
    },
    needs: ['org.workflow'],
  },
  (snapshot) =>
    withOrg(snapshot, 'org.workflow', (workflow, id) =>
      workflow.canApprovePullRequestReviews ? fail(id, 'Workflows can create and approve pull requests') : pass(id, 'Workflows cannot approve pull requests'),
    ),
);
