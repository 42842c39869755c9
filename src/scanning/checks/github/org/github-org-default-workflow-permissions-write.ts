import { defineGitHubCheck, fail, ORG_RESOURCE, pass, withOrg } from '../lib/helpers.js';

export const check = defineGitHubCheck(
  {
    id: 'github-org-default-workflow-permissions-write',
    title: 'Default GITHUB_TOKEN permission of workflows is write',
    service: 'actions',
    resourceType: ORG_RESOURCE,
    severity: 'medium',
    description: 'Checks that workflows in the organization get a read-only GITHUB_TOKEN unless a workflow asks for more.',
    risk: 'With write as the default, every workflow — including one running a compromised third-party action or attacker-controlled build script — can push code, create releases and change issues with the repository token.',
    remediation: {
      text: 'Set the default workflow permissions to "Read repository contents and packages" and let the workflows that need more declare `permissions:`.',
      cli: 'gh api -X PUT orgs/<ORG>/actions/permissions/workflow -f default_workflow_permissions=read',
      url: 'https://docs.github.com/en/organizations/managing-organization-settings/disabling-or-limiting-github-actions-for-your-organization#setting-the-permissions-of-the-github_token-for-your-organization',
    },
    compliance: {
      soc2: ['CC6.1', 'CC8.1'],
      'iso27001-2022': ['A.8.2', 'A.8.4'],
      'nist-800-53-r5': ['AC-6'],
      'nist-csf-2.0': ['PR.AA-05', 'PR.PS-01'],
    },
    needs: ['org.workflow'],
  },
  (snapshot) =>
    withOrg(snapshot, 'org.workflow', (workflow, id) =>
      workflow.defaultWorkflowPermissions === 'write'
        ? fail(id, 'Workflows get a read-write GITHUB_TOKEN by default')
        : pass(id, `Workflows get a ${workflow.defaultWorkflowPermissions} GITHUB_TOKEN by default`),
    ),
);
