import { defineGitHubCheck, fail, ORG_RESOURCE, pass, unknown, withOrg } from '../lib/helpers.js';

/** CIS GitHub 1.2.2 (repository creation limited), for the kind of repository that exposes code. */
export const check = defineGitHubCheck(
  {
    id: 'github-org-members-can-create-public-repos',
    title: 'Organization members may create public repositories',
    service: 'organization',
    resourceType: ORG_RESOURCE,
    severity: 'medium',
    description: 'Checks that members cannot create public repositories in the organization (owners still can).',
    risk: 'Any member can publish code, configuration or secrets to the internet with one click, by mistake or on purpose, without an owner seeing it first.',
    remediation: {
      text: 'In Member privileges, untick "Public" under repository creation, so that only owners create public repositories.',
      cli: 'gh api -X PATCH orgs/<ORG> -F members_can_create_public_repositories=false',
      url: 'https://docs.github.com/en/organizations/managing-organization-settings/restricting-repository-creation-in-your-organization',
    },
    compliance: {
      'cis-github-1.1': ['1.2.2'],
      soc2: ['CC6.1', 'CC6.7'],
      'iso27001-2022': ['A.5.15', 'A.8.4'],
      'nist-800-53-r5': ['AC-3', 'AC-22'],
      'nist-csf-2.0': ['PR.DS-01'],
    },
    needs: ['org.settings'],
  },
  (snapshot) =>
    withOrg(snapshot, 'org.settings', (settings, id) => {
      const allowed = settings.membersCanCreatePublicRepositories;
      if (allowed === null) return unknown(id, 'GitHub shows member privileges to organization owners only');
      return allowed ? fail(id, 'Members can create public repositories') : pass(id, 'Only owners can create public repositories');
    }),
);
