/**
 * A fake Microsoft Teams, for the real botbuilder to talk to over HTTP. One handler, served twice:
 *
 * - over HTTP: the Bot Framework channel's OpenID metadata and signing keys (JWKS, with the
 *   `msteams` endorsement botbuilder insists on), and the connector REST API v3 the bot replies,
 *   posts and updates through (the activity's `serviceUrl`). Every connector call is recorded with
 *   its Authorization header, and answered only with a bearer token this fake issued.
 * - over HTTPS (a self-signed certificate made with `openssl` at start): the Entra login authority,
 *   because MSAL accepts nothing but HTTPS authorities. `trustFakeCertificate()` makes this test
 *   process trust it; production code is not told anything.
 *
 * It signs channel tokens as the Bot Framework does (RS256, issuer, audience = app id, `serviceurl`),
 * or forges them (another key under the same key id), and can answer the next connector calls with
 * 429 + Retry-After or a 5xx.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Json = Record<string, unknown>;

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
const KEY_ID = 'fake-teams-key';

export interface ConnectorCall {
  method: 'POST' | 'PUT';
  /** `send` (new message), `reply` (into a thread), `update` (in place), `create` (new conversation). */
  kind: 'send' | 'reply' | 'update' | 'create';
  conversationId: string;
  /** The activity replied to or updated. */
  activityId: string | null;
  body: Json;
  authorization: string | null;
  /** What the fake answered. */
  status: number;
  /** The id given to a new activity. */
  id: string | null;
  at: number;
}

/** An activity as it now reads in a conversation, after any updates. */
export interface FakeActivity {
  conversationId: string;
  id: string;
  replyToId: string | null;
  body: Json;
  updates: number;
}

export interface InjectedFailure {
  status: number;
  /** Seconds, sent as Retry-After. */
  retryAfter?: number;
  /** Only calls of this kind fail; any call by default. */
  kind?: ConnectorCall['kind'];
  /** Only calls to this conversation (threads included) fail; any by default. */
  conversationId?: string;
}

export interface FakeTeams {
  appId: string;
  appPassword: string;
  /** The connector base URL, given to the bot as every activity's `serviceUrl`. */
  serviceUrl: string;
  /** The environment that points CloudSentinel's Teams bot at this fake. */
  env: Record<string, string>;
  /** Every connector call, in order. */
  calls: ConnectorCall[];
  /** Access tokens issued by the login endpoint. */
  issuedTokens: string[];
  /** Client-credential requests the login endpoint refused. */
  refusedLogins: number;
  /** A channel token for an incoming activity; `forge` signs it with a key the fake never published. */
  channelToken(options?: { serviceUrl?: string; audience?: string; issuer?: string; forge?: boolean; expiresInSeconds?: number }): string;
  /** The next `n` connector calls (of a kind) fail with this answer. */
  failNext(n: number, failure: InjectedFailure): void;
  activity(conversationId: string, id: string): FakeActivity | undefined;
  /** Activities posted to a conversation (thread replies included, by their base conversation id). */
  activitiesIn(conversationId: string): FakeActivity[];
  callsTo(conversationId: string, kind?: ConnectorCall['kind']): ConnectorCall[];
  close(): Promise<void>;
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

function signJwt(payload: Json, key: KeyObject): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: KEY_ID, x5t: KEY_ID }));
  const body = base64url(JSON.stringify(payload));
  const signature = sign('sha256', Buffer.from(`${header}.${body}`), key);
  return `${header}.${body}.${base64url(signature)}`;
}

/** A throwaway certificate for 127.0.0.1, made with the system's openssl. */
function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cs-teams-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}


/** Lets this process's default HTTPS agent (MSAL uses it) trust the fake's certificate. */
function trustFakeCertificate(cert: string): void {
  const current = https.globalAgent.options.ca;
  const existing = current === undefined ? [] : Array.isArray(current) ? current : [current];
  https.globalAgent.options.ca = [...existing, cert];
}

async function readJson(req: IncomingMessage): Promise<{ raw: string; json: Json | null }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return { raw, json: typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Json) : null };
  } catch {
    return { raw, json: null };
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** `19:abc@thread.tacv2;messageid=123` → `19:abc@thread.tacv2`. */
export const baseConversation = (id: string): string => id.split(';')[0] ?? id;

function listen(server: http.Server | https.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

export interface FakeTeamsOptions {
  appId?: string;
  appPassword?: string;
  /** Answer connector calls without a token issued here (the Emulator's unauthenticated mode). Default false. */
  allowAnonymous?: boolean;
}

export async function startFakeTeams(options: FakeTeamsOptions = {}): Promise<FakeTeams> {
  const appId = options.appId ?? randomUUID();
  const appPassword = options.appPassword ?? `fake-secret-${randomUUID()}`;
  const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const calls: ConnectorCall[] = [];
  const issuedTokens: string[] = [];
  const activities = new Map<string, FakeActivity>();
  const failures: InjectedFailure[] = [];
  let refusedLogins = 0;
  let counter = 0;
  let httpBase = '';
  let httpsBase = '';

  const jwk = signing.publicKey.export({ format: 'jwk' });
  const keys = { keys: [{ kty: 'RSA', use: 'sig', kid: KEY_ID, x5t: KEY_ID, n: jwk.n, e: jwk.e, endorsements: ['msteams', 'emulator'] }] };

  function openIdConfiguration(base: string, tenant: string): Json {
    return {
      issuer: `${base}/${tenant}/v2.0`,
      authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/${tenant}/oauth2/v2.0/token`,
      jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
      end_session_endpoint: `${base}/${tenant}/oauth2/v2.0/logout`,
      response_types_supported: ['code', 'id_token', 'token'],
      id_token_signing_alg_values_supported: ['RS256'],
    };
  }

  async function login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== appId || form.get('client_secret') !== appPassword) {
      refusedLogins += 1;
      send(res, 401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
      return;
    }
    const token = `fake-access-${randomUUID()}`;
    issuedTokens.push(token);
    send(res, 200, { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: token });
  }

  function takeFailure(kind: ConnectorCall['kind'], conversationId: string): InjectedFailure | null {
    const index = failures.findIndex((f) => (!f.kind || f.kind === kind) && (!f.conversationId || f.conversationId === baseConversation(conversationId)));
    if (index < 0) return null;
    const [failure] = failures.splice(index, 1);
    return failure ?? null;
  }

  async function connector(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const match = /^\/v3\/conversations(?:\/([^/]+)\/activities(?:\/([^/]+))?)?\/?$/.exec(path);
    const method = req.method === 'PUT' ? 'PUT' : req.method === 'POST' ? 'POST' : null;
    if (!match || !method) {
      send(res, 404, { error: { code: 'NotFound', message: `no route ${req.method ?? ''} ${path}` } });
      return;
    }
    const conversationId = match[1] ? decodeURIComponent(match[1]) : '';
    const activityId = match[2] ? decodeURIComponent(match[2]) : null;
    const kind: ConnectorCall['kind'] = !match[1] ? 'create' : method === 'PUT' ? 'update' : activityId ? 'reply' : 'send';
    const { json } = await readJson(req);
    const authorization = req.headers.authorization ?? null;
    const record = (status: number, id: string | null): ConnectorCall => {
      const call: ConnectorCall = { method, kind, conversationId, activityId, body: json ?? {}, authorization, status, id, at: Date.now() };
      calls.push(call);
      return call;
    };
    const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7) : null;
    if (!options.allowAnonymous && (!bearer || !issuedTokens.includes(bearer))) {
      record(401, null);
      send(res, 401, { message: 'Authorization has been denied for this request.' });
      return;
    }
    if (!json) {
      record(400, null);
      send(res, 400, { error: { code: 'BadSyntax', message: 'not JSON' } });
      return;
    }
    const failure = takeFailure(kind, conversationId);
    if (failure) {
      record(failure.status, null);
      send(res, failure.status, { error: { code: 'Throttled', message: `injected ${failure.status}` } }, failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {});
      return;
    }
    if (kind === 'create') {
      const id = `a:conversation-${(counter += 1)}`;
      record(201, id);
      send(res, 201, { id, activityId: null, serviceUrl: httpBase });
      return;
    }
    if (kind === 'update' && activityId) {
      const base = baseConversation(conversationId);
      const existing = activities.get(`${base}|${activityId}`);
      if (!existing) {
        record(404, null);
        send(res, 404, { error: { code: 'ActivityNotFoundInConversation', message: 'no such activity' } });
        return;
      }
      existing.body = json;
      existing.updates += 1;
      record(200, activityId);
      send(res, 200, { id: activityId });
      return;
    }
    const id = `${1_700_000_000_000 + (counter += 1)}`;
    const base = baseConversation(conversationId);
    activities.set(`${base}|${id}`, { conversationId: base, id, replyToId: activityId ?? threadOf(conversationId), body: json, updates: 0 });
    record(201, id);
    send(res, 201, { id });
  }

  /** The thread a channel conversation id names (`…;messageid=123` → `123`). */
  const threadOf = (conversationId: string): string | null => /;messageid=([^;]+)/.exec(conversationId)?.[1] ?? null;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    if (req.method === 'GET' && path === '/v1/.well-known/openidconfiguration') {
      send(res, 200, { issuer: BOT_FRAMEWORK_ISSUER, jwks_uri: `${httpBase}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] });
      return;
    }
    if (req.method === 'GET' && path === '/v1/.well-known/keys') {
      send(res, 200, keys);
      return;
    }
    const tenantRoute = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token|discovery\/v2\.0\/keys)$/.exec(path);
    if (tenantRoute?.[1] && tenantRoute[2]) {
      if (tenantRoute[2].startsWith('v2.0')) send(res, 200, openIdConfiguration(httpsBase, tenantRoute[1]));
      else if (tenantRoute[2].startsWith('discovery')) send(res, 200, { keys: [] });
      else await login(req, res);
      return;
    }
    if (path.startsWith('/v3/')) {
      await connector(req, res, path);
      return;
    }
    send(res, 404, { error: `no route ${req.method ?? ''} ${path}` });
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { error: String(error) }));
  };
  const tls = selfSignedCertificate();
  trustFakeCertificate(tls.cert);
  const plain = http.createServer(handler);
  const secure = https.createServer({ key: tls.key, cert: tls.cert }, handler);
  httpBase = `http://127.0.0.1:${await listen(plain)}`;
  httpsBase = `https://127.0.0.1:${await listen(secure)}`;
  const serviceUrl = `${httpBase}/`;

  return {
    appId,
    appPassword,
    serviceUrl,
    env: {
      MICROSOFT_APP_ID: appId,
      MICROSOFT_APP_PASSWORD: appPassword,
      MICROSOFT_APP_TYPE: 'MultiTenant',
      ToBotFromChannelOpenIdMetadataUrl: `${httpBase}/v1/.well-known/openidconfiguration`,
      ToBotFromChannelTokenIssuer: BOT_FRAMEWORK_ISSUER,
      ToChannelFromBotLoginUrl: `${httpsBase}/botframework.com`,
      ToChannelFromBotOAuthScope: BOT_FRAMEWORK_ISSUER,
      ToBotFromEmulatorOpenIdMetadataUrl: `${httpBase}/v1/.well-known/openidconfiguration`,
      ValidateAuthority: 'false',
    },
    calls,
    issuedTokens,
    get refusedLogins() {
      return refusedLogins;
    },
    channelToken(tokenOptions = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload = {
        iss: tokenOptions.issuer ?? BOT_FRAMEWORK_ISSUER,
        aud: tokenOptions.audience ?? appId,
        serviceurl: tokenOptions.serviceUrl ?? serviceUrl,
        nbf: now - 60,
        iat: now - 60,
        exp: now + (tokenOptions.expiresInSeconds ?? 3600),
      };
      return signJwt(payload, tokenOptions.forge ? forger.privateKey : signing.privateKey);
    },
    failNext(n, failure) {
      for (let i = 0; i < n; i += 1) failures.push(failure);
    },
    activity: (conversationId, id) => activities.get(`${baseConversation(conversationId)}|${id}`),
    activitiesIn: (conversationId) => [...activities.values()].filter((a) => a.conversationId === baseConversation(conversationId)),
    callsTo: (conversationId, kind) => calls.filter((c) => baseConversation(c.conversationId) === baseConversation(conversationId) && (!kind || c.kind === kind)),
    async close() {
      await Promise.all([plain, secure].map((server) => new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })));
    },
  };
}
