/**
 * A fake Azure Resource Manager over HTTPS for the scanning collectors: Entra ID (OpenID
 * configuration and the v2.0 token endpoint, client-credentials grant with a checked secret) and
 * every ARM GET the collectors make, served from a `world` of paths → JSON. List paths answer
 * `{ value, nextLink }` pages of `pageSize` items, the next page at `?$skiptoken=<offset>` — the real
 * SDKs follow nextLink. Each call is logged under its route, which is its lower-cased path, so a
 * test can inject a 403 or a 429 for exactly one API (`fake.inject({ route: path, ... })`).
 */
import { randomBytes } from 'node:crypto';
import { bearerOf, formOf, startFakeServer, type FakeServer } from './https.js';

export interface ArmWorld {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Items per page of every list. Default 50. */
  pageSize?: number;
  /** List path (e.g. `/subscriptions/<id>/providers/Microsoft.Storage/storageAccounts`) → its items. */
  lists: Record<string, unknown[]>;
  /** Single-resource path → the resource. */
  objects: Record<string, unknown>;
}

export interface FakeArm extends FakeServer {
  /** Lower-cased route of a path, for `inject` and `count`. */
  route(path: string): string;
}

const key = (path: string): string => path.toLowerCase().replace(/\/+$/, '');

export async function startFakeArm(world: ArmWorld): Promise<FakeArm> {
  const tokens = new Set<string>();
  const lists = new Map(Object.entries(world.lists).map(([path, items]) => [key(path), items]));
  const objects = new Map(Object.entries(world.objects).map(([path, value]) => [key(path), value]));
  const pageSize = world.pageSize ?? 50;
  const server = await startFakeServer({
    tls: true,
    route: ({ method, url }) => {
      if (method === 'GET' && /^\/[^/]+\/v2\.0\/\.well-known\/openid-configuration$/.test(url.pathname)) return 'openid';
      if (method === 'POST' && /^\/[^/]+\/oauth2\/v2\.0\/token$/.test(url.pathname)) return 'token';
      if (method === 'GET') return key(url.pathname);
      return null;
    },
    answer: (route, request, base) => {
      const tenant = request.url.pathname.split('/')[1] ?? '';
      if (route === 'openid') {
        if (tenant !== world.tenantId) return { status: 400, body: { error: 'invalid_tenant', error_description: `AADSTS90002: Tenant '${tenant}' not found.` } };
        return {
          status: 200,
          body: {
            token_endpoint: `${base}/${tenant}/oauth2/v2.0/token`,
            authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/authorize`,
            end_session_endpoint: `${base}/${tenant}/oauth2/v2.0/logout`,
            jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
            issuer: `${base}/${tenant}/v2.0`,
            response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
          },
        };
      }
      if (route === 'token') {
        const form = formOf(request.body);
        if (tenant !== world.tenantId || form.client_id !== world.clientId || form.client_secret !== world.clientSecret) {
          return { status: 401, body: { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.', error_codes: [7000215] } };
        }
        const token = `fake-arm-${randomBytes(16).toString('hex')}`;
        tokens.add(token);
        return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token } };
      }
      if (!tokens.has(bearerOf(request) ?? '')) return { status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' } } };
      const items = lists.get(route);
      if (items) {
        const offset = Number(request.url.searchParams.get('$skiptoken') ?? '0');
        const page = items.slice(offset, offset + pageSize);
        const next = offset + pageSize < items.length ? new URL(request.url.href) : null;
        next?.searchParams.set('$skiptoken', String(offset + pageSize));
        return { status: 200, body: { value: page, ...(next ? { nextLink: next.href } : {}) } };
      }
      const object = objects.get(route);
      if (object !== undefined) return { status: 200, body: object };
      return { status: 404, body: { error: { code: 'ResourceNotFound', message: `The resource '${request.url.pathname}' was not found.` } } };
    },
  });
  return Object.assign(server, { route: key });
}
