/**
 * Who may call the API: API tokens (looked up by hash, revocable), HS256 JWTs and RS256/ES256 JWTs
 * from a JWKS served by a local identity-provider fake; every way a token can be missing, wrong,
 * expired or of an unknown tenant; the per-client rate limit; and the OpenAPI document and Swagger
 * UI, which must cover every route the router serves.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApiRouter, apiRoutes } from '../../src/api/router.js';
import { openApiPath } from '../../src/api/openapi.js';
import { loadConfig } from '../../src/config.js';
import { listApiTokens, revokeApiToken } from '../../src/store/api-tokens.js';
import type { Tenant } from '../../src/store/tenants.js';
import { dataOf, JWT_SECRET, problems, startApiService, type ApiWorld, type Json } from '../helpers/api.js';

const RATE_LIMIT = 25;

interface Idp {
  url: string;
  rsa: CryptoKey;
  ec: CryptoKey;
  requests: number;
  close(): Promise<void>;
}

/** A minimal identity provider: its JWKS (one RSA and one EC key) at /jwks.json. */
async function startIdp(): Promise<Idp> {
  const rsa = await generateKeyPair('RS256');
  const ec = await generateKeyPair('ES256');
  const keys: JWK[] = [
    { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
  ];
  const idp = { requests: 0 };
  const server = http.createServer((req, res) => {
    idp.requests += 1;
    if (req.url !== '/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/jwks.json`,
    rsa: rsa.privateKey,
    ec: ec.privateKey,
    get requests() {
      return idp.requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let api: ApiWorld;
let idp: Idp;
let acme: Tenant;

beforeAll(async () => {
  idp = await startIdp();
  api = await startApiService({ env: { JWT_JWKS_URL: idp.url, JWT_AUDIENCE: 'cloudsentinel', API_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) } });
  acme = await api.tenant('acme');
}, 60_000);

afterAll(async () => {
  await api?.stop();
  await idp?.close();
});

const STATUS = '/api/v1/integrations/cloud/status';
const now = () => Math.floor(Date.now() / 1000);

function expectAuthError(answer: Awaited<ReturnType<ApiWorld['call']>>, message: RegExp): void {
  expect(answer.status).toBe(401);
  expect(answer.body).toMatchObject({ success: false });
  expect(problems(answer)).toEqual([{ code: 'AUTHENTICATION_ERROR', field: 'authorization' }]);
  expect(String(answer.body.error)).toMatch(message);
  expect(Number.isNaN(Date.parse(String(answer.body.timestamp)))).toBe(false);
}

describe('API tokens', () => {
  it('accepts a live token and refuses a missing, malformed, unknown or revoked one', async () => {
    const { token, id } = await api.token('viewer');
    expect((await api.call('GET', STATUS, { token })).status).toBe(200);
    expectAuthError(await api.call('GET', STATUS), /no Authorization header/);
    expectAuthError(await api.call('GET', STATUS, { headers: { authorization: `Basic ${token}` } }), /Bearer/);
    expectAuthError(await api.call('GET', STATUS, { token: `${token.slice(0, -4)}AAAA` }), /not valid or has been revoked/);
    expectAuthError(await api.call('GET', STATUS, { token: 'garbage' }), /neither an API token nor a readable JWT/);
    await revokeApiToken(api.world.db, api.defaultTenant.id, id);
    expectAuthError(await api.call('GET', STATUS, { token }), /revoked/);
  });

  it('records a token\'s last use at most once a minute, not on every request', async () => {
    const { token, id } = await api.token('viewer');
    const lastUsed = async () => (await listApiTokens(api.world.db, api.defaultTenant.id)).find((t) => t.id === id)?.lastUsedAt ?? null;
    expect(await lastUsed()).toBeNull();
    expect((await api.call('GET', STATUS, { token })).status).toBe(200);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    expect((await api.call('GET', STATUS, { token })).status).toBe(200);
    expect(await lastUsed()).toEqual(first);
  });

  it('answers unknown API routes 404 only to callers who authenticated', async () => {
    const { token } = await api.token('viewer');
    expect((await api.call('GET', '/api/v1/nothing-here')).status).toBe(401);
    const unknown = await api.call('GET', '/api/v1/nothing-here', { token });
    expect(unknown.status).toBe(404);
    expect(problems(unknown)).toEqual([{ code: 'NOT_FOUND', field: undefined }]);
  });
});

describe('JWTs', () => {
  const claims = (extra: Json = {}): Json => ({ sub: 'user-42', tenant_id: acme.id, role: 'viewer', aud: 'cloudsentinel', ...extra });

  it('accepts HS256 with the tenant by id or by slug, and acts as jwt:<sub> of that tenant', async () => {
    const byId = await api.call('GET', STATUS, { token: await api.jwt(claims(), { expiresAt: '5m' }) });
    expect(byId.status).toBe(200);
    expect(dataOf(byId).summary).toMatchObject({ total_integrations: 0 });
    const bySlug = await api.call('GET', STATUS, { token: await api.jwt(claims({ tenant_id: 'acme' }), { expiresAt: '5m' }) });
    expect(bySlug.status).toBe(200);
    // The default tenant's `prod` integration stays invisible to acme.
    expect(dataOf(bySlug).integrations).toEqual([]);
    const denied = await api.call('POST', '/api/v1/scans', { token: await api.jwt(claims(), { expiresAt: '5m' }), body: { integration_id: '00000000-0000-4000-8000-000000000000' } });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toContain('scan:run');
  });

  it('refuses expired, wrongly signed, unsigned, audience-less and tenant-less tokens, and unknown tenants or roles', async () => {
    expectAuthError(await api.call('GET', STATUS, { token: await api.jwt(claims(), { issuedAt: now() - 3600, expiresAt: now() - 60 }) }), /expired/);
    expectAuthError(await api.call('GET', STATUS, { token: await api.jwt(claims(), { secret: 'another-secret-that-is-32-characters-long' }) }), /not valid/);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.`;
    expectAuthError(await api.call('GET', STATUS, { token: unsigned }), /none/);
    expectAuthError(await api.call('GET', STATUS, { token: await api.jwt(claims({ aud: 'someone-else' })) }), /aud/);
    expectAuthError(await api.call('GET', STATUS, { token: await api.jwt(claims({ tenant_id: undefined })) }), /names no tenant/);
    expectAuthError(await api.call('GET', STATUS, { token: await api.jwt(claims({ tenant_id: 'no-such-tenant' })) }), /does not exist/);
    expectAuthError(await api.call('GET', STATUS, { token: await api.jwt(claims({ tenant_id: '00000000-0000-4000-8000-000000000000' })) }), /does not exist/);
    expectAuthError(await api.call('GET', STATUS, { token: await api.jwt(claims({ role: 'root' })) }), /role/);
    expectAuthError(await api.call('GET', STATUS, { token: await api.jwt(claims({ sub: undefined })) }), /sub/);
  });

  it('accepts RS256 and ES256 tokens signed by the identity provider\'s JWKS keys, and no others', async () => {
    const rs = await new SignJWT(claims({ role: 'admin' })).setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' }).setIssuedAt().setExpirationTime('5m').sign(idp.rsa);
    expect((await api.call('GET', STATUS, { token: rs })).status).toBe(200);
    const es = await new SignJWT(claims()).setProtectedHeader({ alg: 'ES256', kid: 'ec-1' }).setIssuedAt().setExpirationTime('5m').sign(idp.ec);
    expect((await api.call('GET', STATUS, { token: es })).status).toBe(200);
    expect(idp.requests).toBeGreaterThanOrEqual(1);
    const stranger = await generateKeyPair('RS256');
    const forged = await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' }).setIssuedAt().setExpirationTime('5m').sign(stranger.privateKey);
    expectAuthError(await api.call('GET', STATUS, { token: forged }), /not valid/);
  });
});

describe('rate limiting', () => {
  it('answers 429 RATE_LIMITED with Retry-After once a client exceeds its budget, without touching other clients', async () => {
    const { token } = await api.token('viewer');
    const { token: neighbour } = await api.token('viewer');
    for (let i = 0; i < RATE_LIMIT; i += 1) expect((await api.call('GET', STATUS, { token })).status).toBe(200);
    const limited = await api.call('GET', STATUS, { token });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ success: false, error: 'Too many requests' });
    expect(problems(limited)).toEqual([{ code: 'RATE_LIMITED', field: undefined }]);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await api.call('GET', STATUS, { token: neighbour })).status).toBe(200);
  });
});

describe('OpenAPI and Swagger UI', () => {
  it('documents every route the router serves, with its parameters, body, answers, the error shape and bearer security', async () => {
    const answer = await api.call('GET', '/openapi.json');
    expect(answer.status).toBe(200);
    const doc = answer.body as { openapi: string; paths: Record<string, Record<string, Json>>; components: Json; security: unknown };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components).toMatchObject({ securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } }, schemas: { ErrorResponse: { type: 'object' } } });

    // Every route registered on the real router, read from express's own route table.
    const config = loadConfig({ JWT_SECRET });
    const router = createApiRouter({ db: api.world.db, queue: api.world.service.queue, keyring: api.world.service.keyring, logger: pino({ level: 'silent' }), config });
    const served = servedRoutes(router);
    expect(served.length).toBeGreaterThanOrEqual(apiRoutes().length);
    for (const { method, path } of served) {
      const documented = doc.paths[path.startsWith('/api/v1') ? openApiPath(path.slice('/api/v1'.length)) : path]?.[method];
      expect(documented, `${method.toUpperCase()} ${path}`).toBeDefined();
    }
    const connect = doc.paths['/api/v1/integrations/cloud/{platform}/connect']?.post as Json;
    expect(connect.parameters).toEqual([expect.objectContaining({ name: 'platform', in: 'path', required: true })]);
    expect(JSON.stringify(connect.requestBody)).toContain('secret_access_key');
    expect(Object.keys(connect.responses as Json)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '409', '429', '502']));
    const alerts = doc.paths['/api/v1/alerts']?.get as { parameters: Json[] };
    expect(alerts.parameters.map((p) => p.name)).toEqual(['state', 'severity', 'integration_id', 'assignee', 'limit', 'offset']);
    const limited = (doc.paths[STATUS]?.get as { responses: Record<string, Json> }).responses['429'];
    expect(limited).toMatchObject({ headers: { 'Retry-After': {} }, content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } } });
    // The response schemas really describe the answers: the status answer validates against its own schema.
    const { token } = await api.token('viewer');
    const status = await api.call('GET', STATUS, { token });
    const schema = z.fromJSONSchema((doc.paths[STATUS]?.get as { responses: Record<string, { content: Record<string, { schema: Json }> }> }).responses['200']?.content['application/json']?.schema ?? {});
    expect(schema.safeParse(status.body).success).toBe(true);
  });

  it('serves Swagger UI from swagger-ui-dist under a Content-Security-Policy that lets it run', async () => {
    const page = await api.call('GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.text).not.toMatch(/<script>[^<]/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    for (const src of [...page.text.matchAll(/(?:src|href)="(\/docs\/[^"]+)"/g)].map((m) => m[1] ?? '')) {
      expect((await api.call('GET', src)).status, src).toBe(200);
    }
    expect((await api.call('GET', '/docs/cloudsentinel-initializer.js')).text).toContain("url: '/openapi.json'");
  });
});

// ---- helpers for reading express's route table ------------------------------------------------

interface Layer {
  rawPath?: unknown;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every (method, path) the router answers, with mount paths joined. */
function servedRoutes(router: { stack: unknown[] }, prefix = ''): Array<{ method: string; path: string }> {
  const found: Array<{ method: string; path: string }> = [];
  for (const layer of router.stack as Layer[]) {
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods)) if (layer.route.methods[method]) found.push({ method, path: `${prefix}${layer.route.path}` });
    } else if (layer.handle?.stack && typeof layer.rawPath === 'string' && layer.rawPath !== '/docs') {
      found.push(...servedRoutes({ stack: layer.handle.stack }, `${prefix}${layer.rawPath === '/' ? '' : layer.rawPath}`));
    }
  }
  return found;
}
