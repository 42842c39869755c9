import { defineGitHubCheck, fail, forEachRepo, pass, REPO_RESOURCE, unknown } from '../lib/helpers.js';

/**
 * CIS GitHub 1.1.14, for classic branch protection (`enforce_admins`). Rulesets bind admins unless
 * they are bypass actors, and the bypass list is not part of the branch rules answer, so a branch
 * protected by rulesets alone is `unknown` rather than a guess either way.
 */
export const check = defineGitHubCheck(
  {
    id: 'github-repo-admins-not-enforced',
    title: 'Branch protection does not apply to administrators',
    service: 'branch-protection',
    resourceType: REPO_RESOURCE,
    severity: 'medium',
    description: 'Checks that the default branch protection also binds repository administrators ("Do not allow bypassing the above settings" / enforce_admins).',
    risk: 'Administrators — and whoever takes over one admin account — can push unreviewed code or rewrite history on the protected branch as if it were unprotected.',
    remediation: {
      text: 'Turn on "Do not allow bypassing the above settings" (enforce_admins) in the default branch protection.',
      cli: 'gh api -X POST repos/<OWNER>/<REPO>/branches/<BRANCH>/protection/enforce_admins',
      url: 'https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#do-not-allow-bypassing-the-above-settings',
    },
    compliance: {
      'cis-github-1.1': ['1.1.14'],
      soc2: ['CC8.1', 'CC6.1'],
      'iso27001-2022': ['A.8.2', 'A.8.32'],
      'nist-800-53-r5': ['CM-5', 'AC-6'],
      'nist-csf-2.0': ['PR.PS-01', 'PR.AA-05'],
    },
    needs: ['repo.protection', 'repo.rules'],
  },
  (snapshot) =>
    forEachRepo(snapshot, (repo) => {
      const classic = repo.parts['repo.protection'];
      if (!classic?.ok) return unknown(repo.fullName, `Could not check: ${classic ? classic.error : 'repo.protection was not collected'}`);
      if (classic.value) return classic.value.enforceAdmins ? pass(repo.fullName, 'Branch protection applies to administrators') : fail(repo.fullName, 'Administrators can bypass the branch protection');
      const rules = repo.parts['repo.rules'];
      if (rules?.ok && rules.value.length > 0) return unknown(repo.fullName, 'Protected by rulesets only; their bypass actors are not visible through the branch rules API');
      if (!rules?.ok) return unknown(repo.fullName, `Could not check: ${rules ? rules.error : 'repo.rules was not collected'}`);
      return fail(repo.fullName, 'The default branch is not protected, for administrators or anyone else');
    }),
);
