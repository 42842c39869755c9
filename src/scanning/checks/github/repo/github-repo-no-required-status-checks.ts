import { rule, withBranchPolicy } from '../lib/branch-policy.js';
import { defineGitHubCheck, REPO_RESOURCE } from '../lib/helpers.js';

export const check = defineGitHubCheck(
  {
    id: 'github-repo-no-required-status-checks',
    title: 'Default branch requires no status checks',
    service: 'branch-protection',
    resourceType: REPO_RESOURCE,
    severity: 'medium',
    description: 'Checks that merging into the default branch requires at least one status check (tests, scanners) to pass.',
    risk: 'Code that fails its tests or security scans can be merged and released; the checks only advise.',
    remediation: {
      text: 'Require the CI and security status checks to pass before merging, and require branches to be up to date.',
      cli: "gh api -X PATCH repos/<OWNER>/<REPO>/branches/<BRANCH>/protection/required_status_checks -F strict=true -f 'contexts[]=<CHECK_NAME>'",
      url: 'https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#require-status-checks-before-merging',
    },
    compliance: {
      'cis-github-1.1': ['1.1.9'],
      soc2: ['CC8.1'],
      'iso27001-2022': ['A.8.29', 'A.8.32'],
      'nist-800-53-r5': ['SA-11', 'CM-3'],
      'nist-csf-2.0': ['PR.PS-06'],
      'pci-dss-4.0': ['6.2.4'],
    },
    needs: ['repo.protection', 'repo.rules'],
  },
  (snapshot) =>
    withBranchPolicy(snapshot, (policy) => {
      const classic = policy.classic?.requiredStatusChecks ?? [];
      const fromRules = rule(policy, 'required_status_checks')?.parameters.required_status_checks;
      const ruleChecks = Array.isArray(fromRules) ? fromRules.map((c) => (c as { context?: unknown }).context).filter((c): c is string => typeof c === 'string' && c !== '') : [];
      const all = [...new Set([...classic, ...ruleChecks])];
      return all.length > 0 ? { status: 'pass', detail: `required status checks: ${all.join(', ')}` } : { status: 'fail', detail: 'no status check is required' };
    }),
);
