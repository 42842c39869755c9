import { defineGitHubCheck, fail, pass, REPO_RESOURCE, withEachRepo } from '../lib/helpers.js';

export const check = defineGitHubCheck(
  {
    id: 'github-repo-no-codeowners',
    title: 'No CODEOWNERS file on the default branch',
    service: 'repository',
    resourceType: REPO_RESOURCE,
    severity: 'low',
    description: 'Checks that the default branch has a CODEOWNERS file (.github/CODEOWNERS, CODEOWNERS or docs/CODEOWNERS).',
    risk: 'Without code owners, changes to sensitive code (workflows, infrastructure, authentication) can be approved by any reviewer rather than by the people responsible for it.',
    remediation: {
      text: 'Add a .github/CODEOWNERS file naming the responsible team for each sensitive path, and require code owner review in the branch protection.',
      cli: "gh api -X PUT repos/<OWNER>/<REPO>/contents/.github/CODEOWNERS -f message='Add CODEOWNERS' -f content=\"$(printf '* @<ORG>/<TEAM>\\n' | base64)\"",
      url: 'https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners',
    },
    compliance: {
      'cis-github-1.1': ['1.1.6'],
      soc2: ['CC8.1'],
      'iso27001-2022': ['A.8.4', 'A.8.32'],
      'nist-800-53-r5': ['CM-3', 'CM-9'],
      'nist-csf-2.0': ['GV.RR-02', 'PR.PS-01'],
    },
    needs: ['repo.codeowners'],
  },
  (snapshot) =>
    withEachRepo(snapshot, 'repo.codeowners', (path, repo) => (path ? pass(repo.fullName, `CODEOWNERS at ${path}`) : fail(repo.fullName, 'No CODEOWNERS file on the default branch'))),
);
