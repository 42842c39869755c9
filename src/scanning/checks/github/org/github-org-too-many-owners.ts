import { defineGitHubCheck, fail, ORG_RESOURCE, pass, plural, withOrg } from '../lib/helpers.js';

/** More owners than this fail (CIS GitHub 1.3.3 asks for a minimum; two or three cover absences). */
export const MAX_OWNERS = 3;

export const check = defineGitHubCheck(
  {
    id: 'github-org-too-many-owners',
    title: 'Organization has more than 3 owners',
    service: 'organization',
    resourceType: ORG_RESOURCE,
    severity: 'medium',
    description: `Checks that the organization has at most ${MAX_OWNERS} owners.`,
    risk: 'Every owner can change any setting, delete any repository, read every secret and add members; each extra owner is one more account whose takeover compromises the whole organization.',
    remediation: {
      text: 'Review the owners and make those who do not need full control members, granting them what they need through teams or custom roles.',
      cli: 'gh api -X PUT orgs/<ORG>/memberships/<USERNAME> -f role=member',
      url: 'https://docs.github.com/en/organizations/managing-peoples-access-to-your-organization-with-roles/roles-in-an-organization',
    },
    compliance: {
      'cis-github-1.1': ['1.3.3'],
      soc2: ['CC6.1', 'CC6.3'],
      'iso27001-2022': ['A.8.2'],
      'nist-800-53-r5': ['AC-6(5)', 'AC-2'],
      'nist-csf-2.0': ['PR.AA-05'],
      'pci-dss-4.0': ['7.2.2'],
    },
    needs: ['org.owners'],
  },
  (snapshot) =>
    withOrg(snapshot, 'org.owners', (owners, id) => {
      const detail = `${plural(owners.length, 'owner')}${owners.length ? `: ${owners.join(', ')}` : ''}`;
      return owners.length > MAX_OWNERS ? fail(id, `${detail} (more than ${MAX_OWNERS})`) : pass(id, detail);
    }),
);
