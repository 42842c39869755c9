import { defineGitHubCheck, fail, pass, REPO_RESOURCE, withEachRepo } from '../lib/helpers.js';

export const check = defineGitHubCheck(
  {
    id: 'github-repo-dependabot-alerts-disabled',
    title: 'Dependabot alerts are off',
    service: 'dependabot',
    resourceType: REPO_RESOURCE,
    severity: 'medium',
    description: 'Checks that Dependabot alerts (vulnerability alerts) are enabled, so known-vulnerable dependencies are reported.',
    risk: 'Dependencies with published vulnerabilities stay in the code unnoticed; attackers scan for exactly those.',
    remediation: {
      text: 'Enable Dependabot alerts in the repository\'s Code security settings (and Dependabot security updates to get fix pull requests).',
      cli: 'gh api -X PUT repos/<OWNER>/<REPO>/vulnerability-alerts',
      url: 'https://docs.github.com/en/code-security/dependabot/dependabot-alerts/configuring-dependabot-alerts',
    },
    compliance: {
      'cis-github-1.1': ['1.5.5'],
      soc2: ['CC7.1'],
      'iso27001-2022': ['A.8.8'],
      'nist-800-53-r5': ['RA-5', 'SI-2'],
      'nist-csf-2.0': ['ID.RA-01'],
      'pci-dss-4.0': ['6.3.1', '6.3.3'],
    },
    needs: ['repo.vulnerabilityAlerts'],
  },
  (snapshot) =>
    withEachRepo(snapshot, 'repo.vulnerabilityAlerts', (enabled, repo) =>
      enabled ? pass(repo.fullName, 'Dependabot alerts are enabled') : fail(repo.fullName, 'Dependabot alerts are disabled'),
    ),
);
