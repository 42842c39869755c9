import { defineGitHubCheck, fail, ORG_RESOURCE, pass, unknown, withOrg } from '../lib/helpers.js';

const STRONGER_THAN_READ = new Set(['write', 'admin']);

/** CIS GitHub 1.3.8: base permissions no stronger than read (`none` or `read` pass). */
export const check = defineGitHubCheck(
  {
    id: 'github-org-default-permission-too-broad',
    title: 'Organization base permission is stronger than read',
    service: 'organization',
    resourceType: ORG_RESOURCE,
    severity: 'high',
    description: 'Checks that the base permission every member has on every repository of the organization is `read` or `none`.',
    risk: 'With write or admin as the base permission, every member — and anyone who takes over one member account — can push to, and with admin reconfigure or delete, every repository in the organization.',
    remediation: {
      text: 'Set the organization base permission to Read (or No permission) and grant write access through teams per repository.',
      cli: 'gh api -X PATCH orgs/<ORG> -f default_repository_permission=read',
      url: 'https://docs.github.com/en/organizations/managing-user-access-to-your-organizations-repositories/managing-repository-roles/setting-base-permissions-for-an-organization',
    },
    compliance: {
      'cis-github-1.1': ['1.3.8'],
      soc2: ['CC6.1', 'CC6.3'],
      'iso27001-2022': ['A.5.15', 'A.8.4'],
      'nist-800-53-r5': ['AC-6'],
      'nist-csf-2.0': ['PR.AA-05'],
      'pci-dss-4.0': ['7.2.1'],
    },
    needs: ['org.settings'],
  },
  (snapshot) =>
    withOrg(snapshot, 'org.settings', (settings, id) => {
      const permission = settings.defaultRepositoryPermission;
      if (permission === null) return unknown(id, 'GitHub shows the base permission to organization owners only');
      return STRONGER_THAN_READ.has(permission) ? fail(id, `The base permission is ${permission}`) : pass(id, `The base permission is ${permission}`);
    }),
);
