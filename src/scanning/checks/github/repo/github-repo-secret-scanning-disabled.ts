import { defineGitHubCheck, fail, pass, REPO_RESOURCE, unknown, withEachRepo } from '../lib/helpers.js';

export const check = defineGitHubCheck(
  {
    id: 'github-repo-secret-scanning-disabled',
    title: 'Secret scanning is off',
    service: 'secret-scanning',
    resourceType: REPO_RESOURCE,
    severity: 'high',
    description: 'Checks that GitHub secret scanning is enabled for each repository.',
    risk: 'Credentials committed to the repository (cloud keys, tokens, passwords) go unnoticed until someone — possibly an attacker reading the history — uses them.',
    remediation: {
      text: 'Enable secret scanning in the repository\'s Code security settings (free for public repositories; GitHub Secret Protection for private ones), or for all repositories through a security configuration.',
      cli: "gh api -X PATCH repos/<OWNER>/<REPO> -f 'security_and_analysis[secret_scanning][status]=enabled'",
      url: 'https://docs.github.com/en/code-security/secret-scanning/enabling-secret-scanning-features/enabling-secret-scanning-for-your-repository',
    },
    compliance: {
      'cis-github-1.1': ['1.5.1'],
      soc2: ['CC6.1', 'CC7.1'],
      'iso27001-2022': ['A.5.17', 'A.8.12'],
      'nist-800-53-r5': ['IA-5(7)', 'SA-11'],
      'nist-csf-2.0': ['DE.CM-09', 'PR.DS-01'],
      'pci-dss-4.0': ['6.2.4', '8.6.2'],
    },
    needs: ['repo.securityAndAnalysis'],
  },
  (snapshot) =>
    withEachRepo(snapshot, 'repo.securityAndAnalysis', (sa, repo) => {
      if (sa.secretScanning === null) return unknown(repo.fullName, 'GitHub does not report secret scanning for this repository');
      return sa.secretScanning === 'enabled' ? pass(repo.fullName, 'Secret scanning is enabled') : fail(repo.fullName, 'Secret scanning is disabled');
    }),
);
