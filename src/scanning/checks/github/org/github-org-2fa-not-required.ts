import { defineGitHubCheck, fail, ORG_RESOURCE, pass, unknown, withOrg } from '../lib/helpers.js';

/** CIS GitHub 1.3.5. The requirement is shown to organization owners only; to anyone else it is unknown. */
export const check = defineGitHubCheck(
  {
    id: 'github-org-2fa-not-required',
    title: 'Organization does not require two-factor authentication',
    service: 'organization',
    resourceType: ORG_RESOURCE,
    severity: 'high',
    description: 'Checks that the organization requires every member, outside collaborator and billing manager to use two-factor authentication.',
    risk: 'A member protected by a password alone falls to one phished or reused password, and the attacker gets their access to every repository, secret and workflow of the organization.',
    remediation: {
      text: 'In the organization settings, open Authentication security and tick "Require two-factor authentication for everyone" (members without 2FA are removed and can rejoin once they enable it). GitHub offers no API to set it; the command verifies it.',
      cli: 'gh api orgs/<ORG> --jq .two_factor_requirement_enabled',
      url: 'https://docs.github.com/en/organizations/keeping-your-organization-secure/managing-two-factor-authentication-for-your-organization/requiring-two-factor-authentication-in-your-organization',
    },
    compliance: {
      'cis-github-1.1': ['1.3.5'],
      soc2: ['CC6.1'],
      'iso27001-2022': ['A.8.5'],
      'nist-800-53-r5': ['IA-2(1)', 'IA-2(2)'],
      'nist-csf-2.0': ['PR.AA-03'],
      'pci-dss-4.0': ['8.4.2'],
      hipaa: ['164.312(d)'],
    },
    needs: ['org.settings'],
  },
  (snapshot) =>
    withOrg(snapshot, 'org.settings', (settings, id) => {
      if (settings.twoFactorRequirementEnabled === null) return unknown(id, 'GitHub shows the two-factor requirement to organization owners only');
      return settings.twoFactorRequirementEnabled ? pass(id, 'Two-factor authentication is required') : fail(id, 'Two-factor authentication is not required of members');
    }),
);
