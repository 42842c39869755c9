import { defineGitHubCheck, fail, ORG_RESOURCE, pass, unknown, withOrg } from '../lib/helpers.js';

/**
 * CIS GitHub 1.3.9. The REST API shows whether a domain is verified (`is_verified`); whether SAML
 * SSO is enforced is not visible through it (GraphQL, enterprise accounts only), so this check does
 * not claim to see SSO.
 */
export const check = defineGitHubCheck(
  {
    id: 'github-org-not-verified',
    title: 'Organization has no verified domain',
    service: 'organization',
    resourceType: ORG_RESOURCE,
    severity: 'low',
    description: 'Checks that the organization has verified at least one domain (the "Verified" badge), which also lets it restrict notifications to that domain.',
    risk: 'Without a verified domain, users cannot tell the real organization from a look-alike one, and e-mail notifications about its code may go to personal addresses outside the company.',
    remediation: {
      text: 'Verify the company domain in Settings → Verified and approved domains (a DNS TXT record), then restrict e-mail notifications to it.',
      cli: 'gh api orgs/<ORG> --jq .is_verified',
      url: 'https://docs.github.com/en/organizations/managing-organization-settings/verifying-or-approving-a-domain-for-your-organization',
    },
    compliance: {
      'cis-github-1.1': ['1.3.9'],
      soc2: ['CC6.1'],
      'iso27001-2022': ['A.5.16'],
      'nist-800-53-r5': ['IA-8'],
      'nist-csf-2.0': ['PR.AA-01'],
    },
    needs: ['org.settings'],
  },
  (snapshot) =>
    withOrg(snapshot, 'org.settings', (settings, id) => {
      if (settings.isVerified === null) return unknown(id, 'GitHub did not say whether the organization has a verified domain');
      return settings.isVerified ? pass(id, 'The organization has a verified domain') : fail(id, 'The organization has no verified domain');
    }),
);
