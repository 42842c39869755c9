import { defineGitHubCheck, fail, pass, REPO_RESOURCE, unknown, withEachRepo } from '../lib/helpers.js';

export const check = defineGitHubCheck(
  {
    id: 'github-repo-push-protection-disabled',
    title: 'Secret scanning push protection is off',
    service: 'secret-scanning',
    resourceType: REPO_RESOURCE,
    severity: 'medium',
    description: 'Checks that secret scanning push protection blocks pushes that contain recognised secrets.',
    risk: 'Without push protection a secret is found only after it is in the history (and possibly cloned or forked); with it, the push is refused before the secret leaves the laptop.',
    remediation: {
      text: 'Enable push protection in the repository\'s Code security settings (it needs secret scanning).',
      cli: "gh api -X PATCH repos/<OWNER>/<REPO> -f 'security_and_analysis[secret_scanning_push_protection][status]=enabled'",
      url: 'https://docs.github.com/en/code-security/secret-scanning/enabling-secret-scanning-features/enabling-push-protection-for-your-repository',
    },
    compliance: {
      'cis-github-1.1': ['1.5.1'],
      soc2: ['CC6.1', 'CC6.8'],
      'iso27001-2022': ['A.5.17', 'A.8.12'],
      'nist-800-53-r5': ['IA-5(7)', 'SI-4'],
      'nist-csf-2.0': ['PR.DS-01'],
    },
    needs: ['repo.securityAndAnalysis'],
  },
  (snapshot) =>
    withEachRepo(snapshot, 'repo.securityAndAnalysis', (sa, repo) => {
      if (sa.secretScanningPushProtection === null) return unknown(repo.fullName, 'GitHub does not report push protection for this repository');
      return sa.secretScanningPushProtection === 'enabled' ? pass(repo.fullName, 'Push protection is enabled') : fail(repo.fullName, 'Push protection is disabled');
    }),
);
