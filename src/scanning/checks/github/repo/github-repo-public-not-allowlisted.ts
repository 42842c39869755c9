import { defineGitHubCheck, fail, forEachRepo, pass, REPO_RESOURCE } from '../lib/helpers.js';

/** `owner/repo` matches itself; `owner/*` matches every repository of the owner. Case-insensitive, as GitHub names are. */
export function allowlisted(fullName: string, allowlist: readonly string[]): boolean {
  const name = fullName.toLowerCase();
  const owner = name.split('/')[0];
  return allowlist.some((entry) => {
    const pattern = entry.trim().toLowerCase();
    return pattern === name || pattern === `${owner}/*`;
  });
}

/** The allowlist is ScanSettings.githubPublicRepositories (GITHUB_PUBLIC_REPOSITORIES_ALLOWLIST). */
export const check = defineGitHubCheck(
  {
    id: 'github-repo-public-not-allowlisted',
    title: 'Public repository not on the allowlist',
    service: 'repository',
    resourceType: REPO_RESOURCE,
    severity: 'high',
    description: 'Checks that every public repository is one the organization meant to publish (listed in GITHUB_PUBLIC_REPOSITORIES_ALLOWLIST).',
    risk: 'A repository made public by mistake exposes source code, internal hostnames and any secret ever committed to the whole internet — and it is cloned within minutes.',
    remediation: {
      text: 'Make the repository private (or internal), or, if it is meant to be public, add it to GITHUB_PUBLIC_REPOSITORIES_ALLOWLIST.',
      cli: 'gh api -X PATCH repos/<OWNER>/<REPO> -f visibility=private',
      url: 'https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/managing-repository-settings/setting-repository-visibility',
    },
    compliance: {
      soc2: ['CC6.1', 'CC6.7'],
      'iso27001-2022': ['A.5.12', 'A.8.4'],
      'nist-800-53-r5': ['AC-3', 'AC-22'],
      'nist-csf-2.0': ['PR.DS-01'],
      gdpr: ['Art.32'],
    },
    needs: [],
  },
  (snapshot, settings) => {
    const allowlist = settings.githubPublicRepositories ?? [];
    return forEachRepo(
      snapshot,
      (repo) => {
        if (repo.visibility !== 'public') return pass(repo.fullName, `The repository is ${repo.visibility}`);
        if (allowlisted(repo.fullName, allowlist)) return pass(repo.fullName, 'The repository is public and on the allowlist', { exposed: true });
        return fail(repo.fullName, 'The repository is public and not on the allowlist', { exposed: true });
      },
      { includeArchived: true },
    );
  },
);
