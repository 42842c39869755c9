/**
 * A fake GitHub REST API over HTTP: GET /user and /orgs/{org} for personal access tokens (with the
 * `x-oauth-scopes` and `x-ratelimit-*` headers GitHub sends), and for a GitHub App the installation
 * token exchange (verifying the App's RS256 JWT with its public key) and GET
 * /installation/repositories. Octokit reaches it through GITHUB_API_URL.
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import { jwtVerify } from 'jose';
import { bearerOf, startFakeServer, type FakeServer } from './https.js';

export interface FakeToken {
  token: string;
  login: string;
  scopes: string;
  /** Organizations the token can see. */
  orgs: string[];
}

export interface FakeApp {
  appId: string;
  publicKey: KeyObject;
  /** installation id → its account and repositories. */
  installations: Record<string, { account: string; repositories: string[] }>;
}

const RATE = { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4999', 'x-ratelimit-used': '1', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600) };

export async function startFakeGitHub(world: { tokens: FakeToken[]; app?: FakeApp }): Promise<FakeServer> {
  const installationTokens = new Map<string, string>();
  return startFakeServer({
    tls: false,
    route: ({ method, url }) => {
      if (method === 'GET' && url.pathname === '/user') return 'user';
      if (method === 'GET' && /^\/orgs\/[^/]+$/.test(url.pathname)) return 'org';
      if (method === 'POST' && /^\/app\/installations\/\d+\/access_tokens$/.test(url.pathname)) return 'access_token';
      if (method === 'GET' && url.pathname === '/installation/repositories') return 'installation_repositories';
      return null;
    },
    answer: async (route, request) => {
      const presented = bearerOf(request) ?? '';
      const badCredentials = { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' } };
      if (route === 'access_token') {
        if (!world.app) return { status: 404, body: { message: 'Not Found' } };
        try {
          await jwtVerify(presented, world.app.publicKey, { issuer: world.app.appId, algorithms: ['RS256'] });
        } catch {
          return { status: 401, body: { message: 'A JSON web token could not be decoded', documentation_url: 'https://docs.github.com/rest' } };
        }
        const id = request.url.pathname.split('/')[3] ?? '';
        if (!world.app.installations[id]) return { status: 404, body: { message: 'Not Found' } };
        const token = `ghs_${randomBytes(18).toString('hex')}`;
        installationTokens.set(token, id);
        return { status: 201, body: { token, expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: { metadata: 'read' }, repository_selection: 'all' } };
      }
      if (route === 'installation_repositories') {
        const id = installationTokens.get(presented);
        const installation = id ? world.app?.installations[id] : undefined;
        if (!installation) return badCredentials;
        const perPage = Number(request.url.searchParams.get('per_page') ?? '30');
        const repositories = installation.repositories.slice(0, perPage).map((name, i) => ({ id: i + 1, name, full_name: `${installation.account}/${name}`, private: true, owner: { login: installation.account } }));
        return { status: 200, headers: RATE, body: { total_count: installation.repositories.length, repository_selection: 'all', repositories } };
      }
      const token = world.tokens.find((t) => t.token === presented);
      if (!token) return badCredentials;
      const headers = { ...RATE, ...(token.scopes ? { 'x-oauth-scopes': token.scopes } : {}) };
      if (route === 'user') return { status: 200, headers, body: { login: token.login, id: 1, type: 'User' } };
      const org = request.url.pathname.split('/')[2] ?? '';
      if (!token.orgs.includes(org)) return { status: 404, headers, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/orgs/orgs#get-an-organization' } };
      return { status: 200, headers, body: { login: org, id: 2, type: 'Organization' } };
    },
  });
}
