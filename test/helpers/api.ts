/**
 * The whole service with the REST API, for API tests and the API benchmark: the Slack test service
 * (real HTTP server, job workers, fresh database, scripted AWS scanner), plus JWT settings, a
 * fake AWS reached through the SDK's own AWS_ENDPOINT_URL, every log line captured, and helpers to
 * mint API tokens and JWTs and to call the API over HTTP.
 */
import { SignJWT } from 'jose';
import { createApiToken } from '../../src/store/api-tokens.js';
import { createTenant, ensureDefaultTenant, type Tenant } from '../../src/store/tenants.js';
import type { FakeAws } from '../fakes/aws/server.js';
import { startSlackService, type SlackService } from './slack-service.js';

export const JWT_SECRET = 'api-test-jwt-secret-0123456789-abcdefghij';

export type Json = Record<string, unknown>;

export interface ApiAnswer {
  status: number;
  headers: Headers;
  /** The parsed JSON body (an empty object when the body is not JSON). */
  body: Json;
  text: string;
  /** The raw body (zip downloads). */
  bytes: Uint8Array;
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  /** Sent as is instead of JSON.stringify(body). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface ApiWorld {
  world: SlackService;
  baseUrl: string;
  defaultTenant: Tenant;
  /** Every log line the service wrote (the production logger with its redaction), at debug level. */
  logs: string[];
  /** Every response body the tests received, for the canary checks. */
  responses: string[];
  call(method: string, path: string, options?: CallOptions): Promise<ApiAnswer>;
  /** A new API token of `role` in the tenant (default: the default tenant). */
  token(role: 'admin' | 'responder' | 'viewer', tenantId?: string): Promise<{ token: string; id: string }>;
  /** An HS256 JWT signed with JWT_SECRET (or `secret`). */
  jwt(claims: Json, options?: { expiresAt?: number | string; secret?: string; issuedAt?: number }): Promise<string>;
  tenant(slug: string): Promise<Tenant>;
  stop(): Promise<void>;
}

export interface ApiWorldOptions {
  env?: Record<string, string>;
  /** Route the AWS SDK to this fake (sets AWS_ENDPOINT_URL for the process, restored at stop). */
  aws?: FakeAws;
  /** What the service logs (default debug, every line kept in `logs`); the benchmark turns it down. */
  logLevel?: 'debug' | 'info' | 'silent';
}

export async function startApiService(options: ApiWorldOptions = {}): Promise<ApiWorld> {
  const previousEndpoint = process.env.AWS_ENDPOINT_URL;
  if (options.aws) process.env.AWS_ENDPOINT_URL = options.aws.endpoint;
  const logs: string[] = [];
  const responses: string[] = [];
  const world = await startSlackService({
    logLevel: options.logLevel ?? 'debug',
    onLog: (line) => logs.push(line),
    env: {
      JWT_SECRET,
      ...(options.aws ? { AWS_ENDPOINT_URL: options.aws.endpoint, AWS_REGION: 'us-east-1' } : {}),
      ...options.env,
    },
  });
  const defaultTenant = await ensureDefaultTenant(world.db);
  const secretKey = (secret: string) => new TextEncoder().encode(secret);
  return {
    world,
    baseUrl: world.baseUrl,
    defaultTenant,
    logs,
    responses,
    async call(method, path, call = {}) {
      const headers: Record<string, string> = { ...call.headers };
      if (call.token) headers.authorization = `Bearer ${call.token}`;
      let body: string | undefined;
      if (call.rawBody !== undefined) body = call.rawBody;
      else if (call.body !== undefined) body = JSON.stringify(call.body);
      if (body !== undefined) headers['content-type'] ??= 'application/json';
      const response = await fetch(`${world.baseUrl}${path}`, { method, headers, body });
      const bytes = new Uint8Array(await response.arrayBuffer());
      const text = new TextDecoder().decode(bytes);
      responses.push(text);
      let parsed: Json = {};
      try {
        const value: unknown = JSON.parse(text);
        if (value && typeof value === 'object' && !Array.isArray(value)) parsed = value as Json;
      } catch {
        // Not JSON (HTML, JavaScript): `text` has it.
      }
      return { status: response.status, headers: response.headers, body: parsed, text, bytes };
    },
    async token(role, tenantId) {
      const { token, row } = await createApiToken(world.db, { tenantId: tenantId ?? defaultTenant.id, name: `test-${role}`, role });
      return { token, id: row.id };
    },
    async jwt(claims, jwtOptions = {}) {
      const builder = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' });
      builder.setIssuedAt(jwtOptions.issuedAt);
      if (jwtOptions.expiresAt !== undefined) builder.setExpirationTime(jwtOptions.expiresAt);
      return builder.sign(secretKey(jwtOptions.secret ?? JWT_SECRET));
    },
    async tenant(slug) {
      return createTenant(world.db, { slug, name: slug });
    },
    async stop() {
      await world.stop();
      if (options.aws) {
        if (previousEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL;
        else process.env.AWS_ENDPOINT_URL = previousEndpoint;
      }
    },
  };
}

/** The `{ code, field }` pairs of an error answer's details, for compact assertions. */
export function problems(answer: ApiAnswer): Array<{ code: unknown; field: unknown }> {
  const details = Array.isArray(answer.body.details) ? (answer.body.details as Json[]) : [];
  return details.map((d) => ({ code: d.code, field: d.field }));
}

/** `body.data` as an object. */
export function dataOf(answer: ApiAnswer): Json {
  const data = answer.body.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error(`no data object in ${answer.text}`);
  return data as Json;
}
