/**
 * A fake of the GitHub REST API a GitHub App's server side uses: the installation token exchange
 * (`POST /app/installations/{id}/access_tokens`, the App's RS256 JWT verified with its public key),
 * the repository and branch reads that find a default branch's head commit, and check runs
 * (created and listed), which it records. Every answer carries GitHub's rate-limit headers.
 * Octokit (through @octokit/app) reaches it through GITHUB_API_URL.
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import { jwtVerify } from 'jose';
import { bearerOf, startFakeServer, type FakeServer } from './https.js';

export interface FakeRepository {
  defaultBranch: string;
  /** The default branch's head commit; null: an empty repository (no branches yet). */
  headSha: string | null;
}

export interface FakeInstallation {
  account: string;
  /** `name` (without owner) → repository. */
  repositories: Record<string, FakeRepository>;
}

export interface RecordedCheckRun {
  id: number;
  repository: string;
  installationId: string;
  body: {
    name: string;
    head_sha: string;
    external_id?: string;
    status?: string;
    conclusion?: string;
    output?: { title: string; summary: string };
    actions?: Array<{ label: string; description: string; identifier: string }>;
  };
}

export interface FakeGitHubApp extends FakeServer {
  checkRuns: RecordedCheckRun[];
  /** Installation tokens handed out, by installation id. */
  tokensIssued(installationId: string): number;
}

const RATE = () => ({ 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4990', 'x-ratelimit-used': '10', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600) });

export async function startFakeGitHubApp(world: { appId: string; publicKey: KeyObject; installations: Record<string, FakeInstallation> }): Promise<FakeGitHubApp> {
  const tokens = new Map<string, string>();
  const issued = new Map<string, number>();
  const checkRuns: RecordedCheckRun[] = [];
  const notFound = { status: 404, headers: RATE(), body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
  const server = await startFakeServer({
    tls: false,
    route: ({ method, url }) => {
      const path = url.pathname;
      if (method === 'POST' && /^\/app\/installations\/\d+\/access_tokens$/.test(path)) return 'access_token';
      if (method === 'GET' && /^\/repos\/[^/]+\/[^/]+$/.test(path)) return 'repository';
      if (method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/branches\/[^/]+$/.test(path)) return 'branch';
      if (method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/check-runs$/.test(path)) return 'create_check_run';
      if (method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/commits\/[^/]+\/check-runs$/.test(path)) return 'list_check_runs';
      return null;
    },
    answer: async (route, request) => {
      const parts = request.url.pathname.split('/').map(decodeURIComponent);
      if (route === 'access_token') {
        try {
          await jwtVerify(bearerOf(request) ?? '', world.publicKey, { issuer: world.appId, algorithms: ['RS256'] });
        } catch {
          return { status: 401, body: { message: 'A JSON web token could not be decoded', documentation_url: 'https://docs.github.com/rest' } };
        }
        const id = parts[3] ?? '';
        if (!world.installations[id]) return notFound;
        const token = `ghs_${randomBytes(18).toString('hex')}`;
        tokens.set(token, id);
        issued.set(id, (issued.get(id) ?? 0) + 1);
        return { status: 201, body: { token, expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: { checks: 'write', metadata: 'read' }, repository_selection: 'selected' } };
      }
      // Everything else needs an installation token, and the repository must be in that installation.
      const installationId = tokens.get(bearerOf(request) ?? '');
      if (!installationId) return { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } };
      const installation = world.installations[installationId];
      const [owner = '', name = ''] = [parts[2], parts[3]];
      const repository = installation && installation.account === owner ? installation.repositories[name] : undefined;
      if (!repository) return notFound;
      const fullName = `${owner}/${name}`;
      switch (route) {
        case 'repository':
          return { status: 200, headers: RATE(), body: { id: 1, name, full_name: fullName, private: true, default_branch: repository.defaultBranch, owner: { login: owner } } };
        case 'branch':
          if (parts[5] !== repository.defaultBranch || repository.headSha === null) return { status: 404, headers: RATE(), body: { message: 'Branch not found' } };
          return { status: 200, headers: RATE(), body: { name: repository.defaultBranch, commit: { sha: repository.headSha }, protected: false } };
        case 'create_check_run': {
          const body = JSON.parse(request.body) as RecordedCheckRun['body'];
          if (!body.name || !body.head_sha) return { status: 422, body: { message: 'Invalid request.' } };
          if ((body.actions ?? []).length > 3) return { status: 422, body: { message: 'Only 3 actions are allowed.' } };
          const run: RecordedCheckRun = { id: checkRuns.length + 1, repository: fullName, installationId, body };
          checkRuns.push(run);
          return { status: 201, headers: RATE(), body: { id: run.id, head_sha: body.head_sha, name: body.name, external_id: body.external_id ?? null, status: body.status, conclusion: body.conclusion } };
        }
        case 'list_check_runs': {
          const name = request.url.searchParams.get('check_name');
          const runs = checkRuns.filter((run) => run.repository === fullName && run.body.head_sha === parts[5] && (!name || run.body.name === name));
          return { status: 200, headers: RATE(), body: { total_count: runs.length, check_runs: runs.map((run) => ({ id: run.id, name: run.body.name, head_sha: run.body.head_sha, external_id: run.body.external_id ?? null })) } };
        }
        default:
          return notFound;
      }
    },
  });
  return Object.assign(server, { checkRuns, tokensIssued: (installationId: string) => issued.get(installationId) ?? 0 });
}
