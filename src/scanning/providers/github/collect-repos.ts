/**
 * Repository-level parts, for every repository in scope: the list (paginated to the end), then per
 * repository, with bounded concurrency across repositories, exactly the parts the checks need.
 *
 * "Not configured" and "not visible" both arrive as 404 from GitHub; only the answers that say
 * which one they are count as "not configured" (`Branch not protected`, `Vulnerability alerts are
 * disabled`, a missing CODEOWNERS file in a repository we can read). Every other 403/404 is
 * "not visible with these permissions", so the checks answer `unknown`, never `pass`.
 */
import pLimit from 'p-limit';
import { attempt, unlessStatus } from './collected.js';
import type { GitHubClient } from './clients.js';
import type { BranchProtection, BranchRule, Collected, RepoActionsPermissions, RepoPart, RepoParts, RepoSnapshot, SecurityAndAnalysis } from './snapshot.js';

/** The fields of GitHub's repository objects (full or minimal) the collectors read. */
export interface RawRepository {
  full_name: string;
  name: string;
  owner: { login: string; type?: string };
  private: boolean;
  visibility?: string;
  archived?: boolean;
  default_branch?: string;
  security_and_analysis?: {
    secret_scanning?: { status?: string };
    secret_scanning_push_protection?: { status?: string };
  } | null;
}

export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

const ADMINISTRATION = 'repository Administration: read (classic token: repo, as a repository admin)';
const CONTENTS = 'repository Contents: read (classic token: repo)';

function visibilityOf(repo: RawRepository): RepoSnapshot['visibility'] {
  if (repo.visibility === 'public' || repo.visibility === 'private' || repo.visibility === 'internal') return repo.visibility;
  return repo.private ? 'private' : 'public';
}

function securityAndAnalysisOf(repo: RawRepository): SecurityAndAnalysis | null {
  const sa = repo.security_and_analysis;
  if (!sa) return null;
  return { secretScanning: sa.secret_scanning?.status ?? null, secretScanningPushProtection: sa.secret_scanning_push_protection?.status ?? null };
}

interface RepoContext {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  raw: RawRepository;
  branch: string | null;
}

function split(fullName: string): { owner: string; repo: string } {
  const [owner = '', repo = ''] = fullName.split('/');
  return { owner, repo };
}

function needBranch(ctx: RepoContext): string {
  if (ctx.branch === null) throw new Error('the repository is empty (no default branch yet)');
  return ctx.branch;
}

async function securityAndAnalysis(ctx: RepoContext): Promise<SecurityAndAnalysis> {
  const listed = securityAndAnalysisOf(ctx.raw);
  if (listed) return listed;
  // Repository lists omit the field for some principals (App installations); the repository itself shows it to admins.
  const { data } = await ctx.octokit.request('GET /repos/{owner}/{repo}', { owner: ctx.owner, repo: ctx.repo });
  const full = securityAndAnalysisOf(data);
  if (!full) throw new Error(`not visible with these permissions (needs ${ADMINISTRATION}): GitHub shows security_and_analysis to repository admins only`);
  return full;
}

interface RawProtection {
  required_pull_request_reviews?: { required_approving_review_count?: number; dismiss_stale_reviews?: boolean; require_code_owner_reviews?: boolean };
  required_status_checks?: { contexts?: string[]; checks?: Array<{ context: string }> } | null;
  enforce_admins?: { enabled?: boolean };
  allow_force_pushes?: { enabled?: boolean };
  allow_deletions?: { enabled?: boolean };
}

export function protectionOf(data: RawProtection): BranchProtection {
  const reviews = data.required_pull_request_reviews;
  const checks = data.required_status_checks;
  return {
    requiredApprovingReviewCount: reviews ? (reviews.required_approving_review_count ?? 0) : null,
    dismissStaleReviews: reviews?.dismiss_stale_reviews ?? false,
    requireCodeOwnerReviews: reviews?.require_code_owner_reviews ?? false,
    requiredStatusChecks: checks ? [...new Set([...(checks.contexts ?? []), ...(checks.checks ?? []).map((c) => c.context)])] : null,
    enforceAdmins: data.enforce_admins?.enabled ?? false,
    allowForcePushes: data.allow_force_pushes?.enabled ?? false,
    allowDeletions: data.allow_deletions?.enabled ?? false,
  };
}

async function protection(ctx: RepoContext): Promise<BranchProtection | null> {
  const branch = needBranch(ctx);
  return unlessStatus(404, /Branch not protected/i, null, async () => {
    const { data } = await ctx.octokit.request('GET /repos/{owner}/{repo}/branches/{branch}/protection', { owner: ctx.owner, repo: ctx.repo, branch });
    return protectionOf(data);
  });
}

async function rules(ctx: RepoContext): Promise<BranchRule[]> {
  const branch = needBranch(ctx);
  const list = await ctx.octokit.paginate('GET /repos/{owner}/{repo}/rules/branches/{branch}', { owner: ctx.owner, repo: ctx.repo, branch, per_page: 100 });
  return list.map((rule) => {
    const raw = rule as { type: string; parameters?: Record<string, unknown>; ruleset_id?: number };
    return { type: raw.type, parameters: raw.parameters ?? {}, rulesetId: raw.ruleset_id ?? null };
  });
}

async function vulnerabilityAlerts(ctx: RepoContext): Promise<boolean> {
  return unlessStatus(404, /disabled/i, false, async () => {
    await ctx.octokit.request('GET /repos/{owner}/{repo}/vulnerability-alerts', { owner: ctx.owner, repo: ctx.repo });
    return true;
  });
}

async function outsideAdmins(ctx: RepoContext): Promise<string[]> {
  const collaborators = await ctx.octokit.paginate('GET /repos/{owner}/{repo}/collaborators', {
    owner: ctx.owner,
    repo: ctx.repo,
    affiliation: 'outside',
    permission: 'admin',
    per_page: 100,
  });
  // The permission filter is GitHub's; the check on the answer keeps an older server's unfiltered list honest.
  return collaborators.filter((c) => c.permissions?.admin ?? c.role_name === 'admin').map((c) => c.login).sort();
}

async function codeowners(ctx: RepoContext): Promise<string | null> {
  const ref = needBranch(ctx);
  for (const path of CODEOWNERS_PATHS) {
    const found = await unlessStatus(404, null, false, async () => {
      await ctx.octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner: ctx.owner, repo: ctx.repo, path, ref });
      return true;
    });
    if (found) return path;
  }
  return null;
}

async function actions(ctx: RepoContext): Promise<RepoActionsPermissions> {
  const { data } = await ctx.octokit.request('GET /repos/{owner}/{repo}/actions/permissions', { owner: ctx.owner, repo: ctx.repo });
  return { enabled: data.enabled, allowedActions: data.enabled ? (data.allowed_actions ?? null) : null };
}

const REPO_COLLECTORS: { [P in RepoPart]: (ctx: RepoContext) => Promise<RepoParts[P]> } = {
  'repo.securityAndAnalysis': (ctx) => attempt(ADMINISTRATION, () => securityAndAnalysis(ctx)),
  'repo.protection': (ctx) => attempt(ADMINISTRATION, () => protection(ctx)),
  'repo.rules': (ctx) => attempt('repository Metadata: read', () => rules(ctx)),
  'repo.vulnerabilityAlerts': (ctx) => attempt(ADMINISTRATION, () => vulnerabilityAlerts(ctx)),
  'repo.outsideAdmins': (ctx) => attempt('repository Metadata: read and push access (classic token: repo)', () => outsideAdmins(ctx)),
  'repo.codeowners': (ctx) => attempt(CONTENTS, () => codeowners(ctx)),
  'repo.actions': (ctx) => attempt(ADMINISTRATION, () => actions(ctx)),
};

export function repoSnapshotBase(raw: RawRepository): Omit<RepoSnapshot, 'parts'> {
  return {
    fullName: raw.full_name,
    visibility: visibilityOf(raw),
    archived: raw.archived ?? false,
    defaultBranch: raw.default_branch ?? null,
  };
}

/**
 * The only part the checks read for an archived repository: archived repositories are read-only, so
 * the branch, security-feature and Actions checks skip them (checks/github/lib/helpers.ts), and
 * collecting those parts would only spend requests.
 */
const ARCHIVED_PARTS: ReadonlySet<RepoPart> = new Set(['repo.outsideAdmins']);

/** One repository's parts, one after another (the concurrency is across repositories). */
export async function collectRepo(octokit: GitHubClient, raw: RawRepository, parts: readonly RepoPart[]): Promise<RepoSnapshot> {
  const base = repoSnapshotBase(raw);
  const ctx: RepoContext = { octokit, ...split(raw.full_name), raw, branch: base.defaultBranch };
  const collected: Partial<Record<RepoPart, Collected<unknown>>> = {};
  for (const part of parts) {
    if (base.archived && !ARCHIVED_PARTS.has(part)) continue;
    collected[part] = await REPO_COLLECTORS[part](ctx);
  }
  // Each entry was produced by that part's own collector (REPO_COLLECTORS is typed per part).
  return { ...base, parts: collected as Partial<RepoParts> };
}

export type RepositorySource = { kind: 'organization'; org: string } | { kind: 'user' } | { kind: 'installation' } | { kind: 'named'; repositories: readonly string[] };

/** The repositories in scope, every page of them. A named repository that cannot be read is left out with its reason. */
export async function listRepositories(octokit: GitHubClient, source: RepositorySource, onUnreadable: (fullName: string, reason: string) => void): Promise<RawRepository[]> {
  switch (source.kind) {
    case 'organization':
      return await octokit.paginate('GET /orgs/{org}/repos', { org: source.org, type: 'all', per_page: 100 });
    case 'user':
      return await octokit.paginate('GET /user/repos', { affiliation: 'owner', per_page: 100 });
    case 'installation':
      return await octokit.paginate('GET /installation/repositories', { per_page: 100 });
    case 'named': {
      const found: RawRepository[] = [];
      for (const fullName of source.repositories) {
        const { owner, repo } = split(fullName);
        const result = await attempt(CONTENTS, async () => (await octokit.request('GET /repos/{owner}/{repo}', { owner, repo })).data as RawRepository);
        if (result.ok) found.push(result.value);
        else onUnreadable(fullName, result.error);
      }
      return found;
    }
  }
}

/** Collects `parts` of every repository, `concurrency` repositories at a time, reporting progress per repository. */
export async function collectRepos(
  octokit: GitHubClient,
  repositories: readonly RawRepository[],
  parts: readonly RepoPart[],
  options: { concurrency: number; onProgress?: (done: number, total: number) => void },
): Promise<RepoSnapshot[]> {
  const limit = pLimit(Math.max(1, options.concurrency));
  let done = 0;
  options.onProgress?.(0, repositories.length);
  return Promise.all(
    repositories.map((raw) =>
      limit(async () => {
        const snapshot = await collectRepo(octokit, raw, parts);
        done += 1;
        options.onProgress?.(done, repositories.length);
        return snapshot;
      }),
    ),
  );
}
