import { defineGitHubCheck, fail, pass, REPO_RESOURCE, withEachRepo } from '../lib/helpers.js';

export const check = defineGitHubCheck(
  {
    id: 'github-repo-outside-collaborator-admin',
    title: 'Outside collaborators have admin access',
    service: 'collaborators',
    resourceType: REPO_RESOURCE,
    severity: 'high',
    description: 'Checks that no outside collaborator (someone who is not a member of the organization) has admin permission on a repository.',
    risk: 'An outside admin is outside the organization\'s 2FA, SSO and offboarding, yet can change branch protection, read secrets, add collaborators and delete the repository.',
    remediation: {
      text: 'Lower the outside collaborator to write (or less), or make them a member subject to the organization\'s policies.',
      cli: 'gh api -X PUT repos/<OWNER>/<REPO>/collaborators/<USERNAME> -f permission=push',
      url: 'https://docs.github.com/en/organizations/managing-user-access-to-your-organizations-repositories/managing-outside-collaborators/adding-outside-collaborators-to-repositories-in-your-organization',
    },
    compliance: {
      soc2: ['CC6.1', 'CC6.2', 'CC6.3'],
      'iso27001-2022': ['A.5.15', 'A.5.19', 'A.8.2'],
      'nist-800-53-r5': ['AC-2', 'AC-6(5)'],
      'nist-csf-2.0': ['PR.AA-05'],
      'pci-dss-4.0': ['7.2.1'],
    },
    needs: ['repo.outsideAdmins'],
  },
  (snapshot) =>
    withEachRepo(
      snapshot,
      'repo.outsideAdmins',
      (admins, repo) => (admins.length > 0 ? fail(repo.fullName, `Outside collaborators with admin: ${admins.join(', ')}`) : pass(repo.fullName, 'No outside collaborator has admin')),
      { includeArchived: true },
    ),
);
