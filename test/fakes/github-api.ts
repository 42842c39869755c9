/**
 * A fake of the GitHub REST endpoints the GitHub checks read, over HTTP, for the real Octokit:
 * organizations (settings, owners, Actions permissions), their repositories (listed with `Link`
 * pagination), and per repository branch protection, branch rules, vulnerability alerts, outside
 * collaborators, CODEOWNERS contents and Actions permissions; GET /user and /user/repos for a
 * personal account; the App installation token exchange and /installation/repositories; and for the
 * App's check runs, the default branch's head commit and check runs (created and listed), which it
 * records — so the App's scans and its check runs can run against one fake, end to end.
 *
 * Like GitHub it sends `x-ratelimit-*` headers, an `ETag` on every 200 GET and answers
 * `304 Not Modified` to a matching `If-None-Match`. Rate limits and failures are injected through
 * the shared fake server (`inject`). What a principal may not see answers 403 or 404, as GitHub does.
 */
import { createHash, randomBytes, type KeyObject } from 'node:crypto';
import { jwtVerify } from 'jose';
import type { RecordedCheckRun } from './github-app.js';
import { bearerOf, startFakeServer, type FakeAnswer, type FakeRequest, type FakeServer } from './https.js';

/** Not visible to the principal: GitHub answers 403 (fine-grained permission missing) ... */
export const FORBIDDEN = 'forbidden';
/** ... or 404 Not Found (classic tokens on resources they may not see). */
export const HIDDEN = 'hidden';
type Denied = typeof FORBIDDEN | typeof HIDDEN;

export interface FakeRepo {
  name: string;
  visibility?: 'public' | 'private' | 'internal';
  archived?: boolean;
  /** Default `main`. */
  defaultBranch?: string;
  /** Omitted from the repository object when undefined (GitHub shows it to admins only). */
  securityAndAnalysis?: { secretScanning: 'enabled' | 'disabled'; pushProtection: 'enabled' | 'disabled' };
  /** GitHub's branch protection JSON; null: "Branch not protected". */
  protection?: Record<string, unknown> | null | Denied;
  /** Rules that apply to the default branch. */
  rules?: Array<{ type: string; parameters?: Record<string, unknown>; ruleset_id?: number }> | Denied;
  vulnerabilityAlerts?: boolean | Denied;
  collaborators?: Array<{ login: string; admin: boolean; outside: boolean }> | Denied;
  /** The path of CODEOWNERS on the default branch, if any. */
  codeowners?: string | null;
  actions?: { enabled: boolean; allowed_actions?: string } | Denied;
  /** The default branch's head commit; default a SHA derived from the name; null: an empty repository. */
  headSha?: string | null;
}

export interface FakeOrg {
  login: string;
  /** Owner-only fields are left out when undefined, as GitHub does for non-owners. */
  settings: { two_factor_requirement_enabled?: boolean; default_repository_permission?: string; members_can_create_public_repositories?: boolean; is_verified?: boolean };
  owners: string[];
  actions?: { enabled_repositories: string; allowed_actions?: string } | Denied;
  workflow?: { default_workflow_permissions: string; can_approve_pull_request_reviews: boolean } | Denied;
  repos: FakeRepo[];
}

export interface FakeGitHubWorld {
  token: string;
  login: string;
  orgs: FakeOrg[];
  /** The token user's own repositories. */
  userRepos?: FakeRepo[];
  /** Largest page the fake serves, whatever per_page asks (forces `Link` pagination). Default 100. */
  pageSize?: number;
  app?: { appId: string; publicKey: KeyObject; installations: Record<string, string> };
}

export interface FakeGitHubApi extends FakeServer {
  world: FakeGitHubWorld;
  /** Calls answered 304 Not Modified. */
  notModified(): number;
  /** Check runs created (installation tokens only, as on GitHub), in order. */
  checkRuns: RecordedCheckRun[];
}

/** The head commit of a repository's default branch, unless the world names one. */
export function headShaOf(owner: string, repo: FakeRepo): string | null {
  return repo.headSha === undefined ? createHash('sha1').update(`${owner}/${repo.name}`).digest('hex') : repo.headSha;
}

const ROUTES: Array<[string, string, RegExp]> = [
  ['GET', 'user', /^\/user$/],
  ['GET', 'user_repos', /^\/user\/repos$/],
  ['GET', 'org', /^\/orgs\/([^/]+)$/],
  ['GET', 'org_members', /^\/orgs\/([^/]+)\/members$/],
  ['GET', 'org_repos', /^\/orgs\/([^/]+)\/repos$/],
  ['GET', 'org_actions', /^\/orgs\/([^/]+)\/actions\/permissions$/],
  ['GET', 'org_workflow', /^\/orgs\/([^/]+)\/actions\/permissions\/workflow$/],
  ['GET', 'repo', /^\/repos\/([^/]+)\/([^/]+)$/],
  ['GET', 'protection', /^\/repos\/([^/]+)\/([^/]+)\/branches\/([^/]+)\/protection$/],
  ['GET', 'rules', /^\/repos\/([^/]+)\/([^/]+)\/rules\/branches\/([^/]+)$/],
  ['GET', 'vulnerability_alerts', /^\/repos\/([^/]+)\/([^/]+)\/vulnerability-alerts$/],
  ['GET', 'collaborators', /^\/repos\/([^/]+)\/([^/]+)\/collaborators$/],
  ['GET', 'contents', /^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/],
  ['GET', 'repo_actions', /^\/repos\/([^/]+)\/([^/]+)\/actions\/permissions$/],
  ['GET', 'branch', /^\/repos\/([^/]+)\/([^/]+)\/branches\/([^/]+)$/],
  ['POST', 'create_check_run', /^\/repos\/([^/]+)\/([^/]+)\/check-runs$/],
  ['GET', 'list_check_runs', /^\/repos\/([^/]+)\/([^/]+)\/commits\/([^/]+)\/check-runs$/],
  ['POST', 'access_token', /^\/app\/installations\/(\d+)\/access_tokens$/],
  ['GET', 'installation_repositories', /^\/installation\/repositories$/],
];

function match(request: FakeRequest): { route: string; params: string[] } | null {
  for (const [method, route, pattern] of ROUTES) {
    const found = request.method === method ? pattern.exec(request.url.pathname) : null;
    if (found) return { route, params: found.slice(1).map(decodeURIComponent) };
  }
  return null;
}

const rate = () => ({ 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4990', 'x-ratelimit-used': '10', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600) });
const NOT_FOUND: FakeAnswer = { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
const FORBIDDEN_ANSWER: FakeAnswer = { status: 403, body: { message: 'Resource not accessible by personal access token', documentation_url: 'https://docs.github.com/rest' } };

function denied(value: unknown): FakeAnswer | null {
  if (value === FORBIDDEN) return FORBIDDEN_ANSWER;
  if (value === HIDDEN) return NOT_FOUND;
  return null;
}

function repoObject(owner: string, ownerType: string, repo: FakeRepo, id: number): Record<string, unknown> {
  const visibility = repo.visibility ?? 'private';
  return {
    id,
    name: repo.name,
    full_name: `${owner}/${repo.name}`,
    owner: { login: owner, type: ownerType },
    private: visibility !== 'public',
    visibility,
    archived: repo.archived ?? false,
    default_branch: repo.defaultBranch ?? 'main',
    ...(repo.securityAndAnalysis
      ? { security_and_analysis: { secret_scanning: { status: repo.securityAndAnalysis.secretScanning }, secret_scanning_push_protection: { status: repo.securityAndAnalysis.pushProtection } } }
      : {}),
  };
}

/** One page of `items` with GitHub's `Link` header. */
function page(request: FakeRequest, items: unknown[], maxPage: number, wrap?: (items: unknown[]) => unknown): FakeAnswer {
  const perPage = Math.min(maxPage, Number(request.url.searchParams.get('per_page') ?? '30'));
  const current = Number(request.url.searchParams.get('page') ?? '1');
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((current - 1) * perPage, current * perPage);
  const link = (n: number) => {
    const url = new URL(request.url.toString());
    url.searchParams.set('page', String(n));
    return url.toString();
  };
  const rels = [...(current < last ? [`<${link(current + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`] : []), ...(current > 1 ? [`<${link(1)}>; rel="first"`, `<${link(current - 1)}>; rel="prev"`] : [])];
  return { status: 200, body: wrap ? wrap(slice) : slice, headers: rels.length ? { link: rels.join(', ') } : {} };
}

export async function startFakeGitHubApi(world: FakeGitHubWorld): Promise<FakeGitHubApi> {
  /** Installation token → the installation (its id and organization). */
  const installationTokens = new Map<string, { id: string; org: string }>();
  const checkRuns: RecordedCheckRun[] = [];
  const maxPage = () => world.pageSize ?? 100;

  function findRepo(owner: string, name: string): { repo: FakeRepo; ownerType: string; index: number } | null {
    const org = world.orgs.find((o) => o.login === owner);
    const repos = org ? org.repos : owner === world.login ? (world.userRepos ?? []) : [];
    const index = repos.findIndex((r) => r.name === name);
    const repo = repos[index];
    return repo ? { repo, ownerType: org ? 'Organization' : 'User', index } : null;
  }

  function answer(route: string, params: string[], request: FakeRequest, installation: { id: string; org: string } | null): FakeAnswer {
    const installationOrg = installation?.org ?? null;
    const [first = '', second = '', third = ''] = params;
    switch (route) {
      case 'user':
        return { status: 200, body: { login: world.login, id: 1, type: 'User' } };
      case 'user_repos':
        return page(request, (world.userRepos ?? []).map((r, i) => repoObject(world.login, 'User', r, 1000 + i)), maxPage());
      case 'installation_repositories': {
        const org = world.orgs.find((o) => o.login === installationOrg);
        if (!org) return NOT_FOUND;
        const repos = org.repos.map((r, i) => repoObject(org.login, 'Organization', r, i + 1));
        return page(request, repos, maxPage(), (items) => ({ total_count: repos.length, repositories: items }));
      }
    }
    if (route.startsWith('org')) {
      const org = world.orgs.find((o) => o.login === first);
      if (!org) return NOT_FOUND;
      if (route === 'org') return { status: 200, body: { login: org.login, id: 2, type: 'Organization', ...org.settings } };
      if (route === 'org_members') {
        const role = request.url.searchParams.get('role');
        return page(request, role === 'admin' ? org.owners.map((login) => ({ login })) : [], maxPage());
      }
      if (route === 'org_repos') return page(request, org.repos.map((r, i) => repoObject(org.login, 'Organization', r, i + 1)), maxPage());
      const value = route === 'org_actions' ? (org.actions ?? { enabled_repositories: 'all', allowed_actions: 'all' }) : (org.workflow ?? { default_workflow_permissions: 'read', can_approve_pull_request_reviews: false });
      return denied(value) ?? { status: 200, body: value };
    }
    const found = findRepo(first, second);
    if (!found) return NOT_FOUND;
    const { repo } = found;
    const branch = repo.defaultBranch ?? 'main';
    switch (route) {
      case 'repo':
        return { status: 200, body: repoObject(first, found.ownerType, repo, found.index + 1) };
      case 'protection': {
        if (third !== branch) return { status: 404, body: { message: 'Branch not found' } };
        const protection = repo.protection ?? null;
        if (protection === null) return { status: 404, body: { message: 'Branch not protected', documentation_url: 'https://docs.github.com/rest/branches/branch-protection#get-branch-protection' } };
        return denied(protection) ?? { status: 200, body: protection };
      }
      case 'rules': {
        const rules = repo.rules ?? [];
        return denied(rules) ?? page(request, rules as unknown[], maxPage());
      }
      case 'vulnerability_alerts': {
        const enabled = repo.vulnerabilityAlerts ?? false;
        if (enabled === true) return { status: 204 };
        if (enabled === false) return { status: 404, body: { message: 'Vulnerability alerts are disabled.', documentation_url: 'https://docs.github.com/rest' } };
        return denied(enabled) ?? NOT_FOUND;
      }
      case 'collaborators': {
        const collaborators = repo.collaborators ?? [];
        const refused = denied(collaborators);
        if (refused || !Array.isArray(collaborators)) return refused ?? NOT_FOUND;
        const outside = request.url.searchParams.get('affiliation') === 'outside';
        const admin = request.url.searchParams.get('permission') === 'admin';
        const listed = collaborators
          .filter((c) => (!outside || c.outside) && (!admin || c.admin))
          .map((c, i) => ({ login: c.login, id: 500 + i, role_name: c.admin ? 'admin' : 'write', permissions: { admin: c.admin, maintain: c.admin, push: true, triage: true, pull: true } }));
        return page(request, listed, maxPage());
      }
      case 'contents':
        if (repo.codeowners && third === repo.codeowners && request.url.searchParams.get('ref') === branch) {
          return { status: 200, body: { type: 'file', name: 'CODEOWNERS', path: third, content: Buffer.from('* @acme/security\n').toString('base64'), encoding: 'base64' } };
        }
        return NOT_FOUND;
      case 'repo_actions': {
        const actions = repo.actions ?? { enabled: true, allowed_actions: 'all' };
        return denied(actions) ?? { status: 200, body: actions };
      }
      case 'branch': {
        const sha = headShaOf(first, repo);
        if (third !== branch || sha === null) return { status: 404, body: { message: 'Branch not found', documentation_url: 'https://docs.github.com/rest/branches/branches#get-a-branch' } };
        return { status: 200, body: { name: branch, commit: { sha }, protected: repo.protection !== null && repo.protection !== undefined } };
      }
      case 'create_check_run': {
        if (!installation) return { status: 403, body: { message: 'You must authenticate via a GitHub App.', documentation_url: 'https://docs.github.com/rest/checks/runs#create-a-check-run' } };
        const body = JSON.parse(request.body) as RecordedCheckRun['body'];
        if (!body.name || !body.head_sha) return { status: 422, body: { message: 'Invalid request.' } };
        if ((body.actions ?? []).length > 3) return { status: 422, body: { message: 'Only 3 actions are allowed.' } };
        const run: RecordedCheckRun = { id: checkRuns.length + 1, repository: `${first}/${second}`, installationId: installation.id, body };
        checkRuns.push(run);
        return { status: 201, body: { id: run.id, head_sha: body.head_sha, name: body.name, external_id: body.external_id ?? null, status: body.status, conclusion: body.conclusion } };
      }
      case 'list_check_runs': {
        const name = request.url.searchParams.get('check_name');
        const runs = checkRuns.filter((run) => run.repository === `${first}/${second}` && run.body.head_sha === third && (!name || run.body.name === name));
        return { status: 200, body: { total_count: runs.length, check_runs: runs.map((run) => ({ id: run.id, name: run.body.name, head_sha: run.body.head_sha, external_id: run.body.external_id ?? null })) } };
      }
    }
    return NOT_FOUND;
  }

  const server = await startFakeServer({
    tls: false,
    route: (request) => match(request)?.route ?? null,
    answer: async (route, request) => {
      const presented = bearerOf(request) ?? '';
      if (route === 'access_token') {
        if (!world.app) return NOT_FOUND;
        try {
          await jwtVerify(presented, world.app.publicKey, { issuer: world.app.appId, algorithms: ['RS256'] });
        } catch {
          return { status: 401, body: { message: 'A JSON web token could not be decoded' } };
        }
        const id = match(request)?.params[0] ?? '';
        const org = world.app.installations[id];
        if (!org) return NOT_FOUND;
        const token = `ghs_${randomBytes(18).toString('hex')}`;
        installationTokens.set(token, { id, org });
        return { status: 201, body: { token, expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: { metadata: 'read', administration: 'read' }, repository_selection: 'all' } };
      }
      const installation = installationTokens.get(presented) ?? null;
      if (presented !== world.token && !installation) return { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } };
      if (route === 'installation_repositories' && !installation) return { status: 403, body: { message: 'You must authenticate with an installation access token' } };
      const found = match(request);
      const result = answer(route, found?.params ?? [], request, installation);
      const headers = { ...rate(), ...result.headers };
      if (result.status !== 200 || result.body === undefined) return { ...result, headers };
      const etag = `W/"${createHash('sha1').update(JSON.stringify(result.body)).digest('hex')}"`;
      if (request.headers['if-none-match'] === etag) return { status: 304, headers: { ...headers, etag } };
      return { ...result, headers: { ...headers, etag } };
    },
  });
  return { ...server, world, checkRuns, notModified: () => server.calls.filter((c) => c.status === 304).length };
}
