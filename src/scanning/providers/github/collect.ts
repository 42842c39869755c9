/**
 * Collects the parts of a GitHub snapshot the selected checks need. Who is scanned:
 * - an organization (`--org`, the integration's `organization`): its settings and every repository;
 * - named repositories (`scope.repositories`, e.g. the GitHub App rescanning one): those only, and
 *   no organization-level parts (a rescan of one repository must not re-judge the organization);
 * - otherwise the token's own account (GET /user, its repositories) or the App installation's
 *   repositories (with their owner's organization settings when the owner is an organization).
 * Only credentials GitHub rejects outright (401) stop the scan; anything else becomes a part that
 * failed with its reason.
 */
import { AppError } from '../../../errors.js';
import { httpStatusOf, messageOf } from './collected.js';
import type { GitHubClient } from './clients.js';
import { collectOrg } from './collect-org.js';
import { collectRepos, listRepositories, type RawRepository, type RepositorySource } from './collect-repos.js';
import { describeGitHubError } from './collected.js';
import { ORG_PARTS, REPO_PARTS, type GitHubPart, type GitHubSnapshot, type OrgPart, type RepoPart } from './snapshot.js';

export interface GitHubTarget {
  auth: 'token' | 'installation';
  /** The organization to scan; null: the token's user or the installation's account. */
  organization: string | null;
  /** `owner/repo` names: scan only these. */
  repositories: readonly string[] | null;
}

export interface CollectGitHubOptions {
  octokit: GitHubClient;
  parts: readonly GitHubPart[];
  target: GitHubTarget;
  /** Repositories collected at once. Default 8. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  /** Something the scan worked around (a named repository it could not read). */
  onWarning?: (message: string) => void;
}

function rejected(error: unknown): never {
  throw new AppError('AUTHENTICATION_ERROR', `GitHub rejected the credentials (HTTP 401): ${messageOf(error)}`, {
    hint: 'Check GITHUB_TOKEN (or the stored token / App installation) and GITHUB_API_URL.',
    cause: error,
  });
}

/** Re-throws a 401 as an authentication error; anything else is for the caller to record. */
async function unlessRejected<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (httpStatusOf(error) === 401) rejected(error);
    throw error;
  }
}

function sourceOf(target: GitHubTarget): RepositorySource {
  if (target.repositories && target.repositories.length > 0) return { kind: 'named', repositories: [...new Set(target.repositories)] };
  if (target.organization) return { kind: 'organization', org: target.organization };
  return target.auth === 'token' ? { kind: 'user' } : { kind: 'installation' };
}

export async function collectGitHub(options: CollectGitHubOptions): Promise<GitHubSnapshot> {
  const { octokit, target } = options;
  const wanted = new Set(options.parts);
  const orgParts = ORG_PARTS.filter((part): part is OrgPart => wanted.has(part));
  const repoParts = REPO_PARTS.filter((part): part is RepoPart => wanted.has(part));
  const source = sourceOf(target);

  // The personal account scanned when no organization is named: who the token belongs to.
  const userLogin = source.kind === 'user' ? (await unlessRejected(() => octokit.request('GET /user'))).data.login : null;

  let listed: RawRepository[] | null = null;
  let listError: string | null = null;
  try {
    listed = await unlessRejected(() => listRepositories(octokit, source, (name, reason) => options.onWarning?.(`Could not read ${name}: ${reason}`)));
  } catch (error) {
    if (error instanceof AppError) throw error;
    listError = `could not list the repositories: ${describeGitHubError(error, 'repository Metadata: read (classic token: repo or public_repo, read:org)')}`;
  }

  const firstOwner = listed?.[0]?.owner;
  const login = target.organization ?? userLogin ?? firstOwner?.login ?? target.repositories?.[0]?.split('/')[0] ?? 'unknown';
  const type = target.organization || firstOwner?.type === 'Organization' ? 'Organization' : 'User';
  // Organization parts: not for named repositories (see above), and only for an organization.
  const scanOrg = source.kind !== 'named' && type === 'Organization' && orgParts.length > 0;
  const org = scanOrg ? await collectOrg(octokit, login, orgParts) : null;

  if (!listed) return { account: { login, type }, org, repositories: { ok: false, error: listError ?? 'could not list the repositories' } };
  const repositories = await collectRepos(octokit, listed, repoParts, { concurrency: options.concurrency ?? 8, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  return { account: { login, type }, org, repositories: { ok: true, value: repositories } };
}
