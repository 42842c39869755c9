/**
 * A fake Azure over HTTPS: Entra ID (a tenant's OpenID configuration and its v2.0 token endpoint
 * for the client-credentials grant, checking the client secret) and Azure Resource Manager
 * (GET /subscriptions/{id}, checking the bearer token and the principal's access). The real
 * ClientSecretCredential and SubscriptionClient reach it through AZURE_AUTHORITY_HOST (with instance
 * discovery off) and AZURE_RESOURCE_MANAGER_ENDPOINT.
 */
import { randomBytes } from 'node:crypto';
import { bearerOf, formOf, startFakeServer, type FakeServer } from './https.js';

export interface FakePrincipal {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Subscriptions this principal may read. */
  subscriptions: string[];
}

export interface FakeSubscription {
  subscriptionId: string;
  tenantId: string;
  displayName: string;
  state: string;
}

export interface FakeAzure extends FakeServer {
  /** Scopes asked for at the token endpoint, in order. */
  scopes: string[];
}

export async function startFakeAzure(world: { principals: FakePrincipal[]; subscriptions: FakeSubscription[] }): Promise<FakeAzure> {
  const tokens = new Map<string, FakePrincipal>();
  const scopes: string[] = [];
  const tenants = new Set(world.principals.map((p) => p.tenantId));
  const server = await startFakeServer({
    tls: true,
    route: ({ method, url }) => {
      if (method === 'GET' && /^\/[^/]+\/v2\.0\/\.well-known\/openid-configuration$/.test(url.pathname)) return 'openid';
      if (method === 'POST' && /^\/[^/]+\/oauth2\/v2\.0\/token$/.test(url.pathname)) return 'token';
      if (method === 'GET' && /^\/subscriptions\/[^/]+$/.test(url.pathname)) return 'subscription';
      return null;
    },
    answer: (route, request, base) => {
      const tenant = request.url.pathname.split('/')[1] ?? '';
      if (route === 'openid') {
        if (!tenants.has(tenant)) return { status: 400, body: { error: 'invalid_tenant', error_description: `AADSTS90002: Tenant '${tenant}' not found.`, error_codes: [90002] } };
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
        const principal = world.principals.find((p) => p.tenantId === tenant && p.clientId === form.client_id);
        if (!principal) return { status: 400, body: { error: 'unauthorized_client', error_description: `AADSTS700016: Application with identifier '${form.client_id}' was not found in the directory.`, error_codes: [700016] } };
        if (form.client_secret !== principal.clientSecret) {
          return { status: 401, body: { error: 'invalid_client', error_description: `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${principal.clientId}'.`, error_codes: [7000215] } };
        }
        scopes.push(form.scope ?? '');
        const token = `fake-arm-${randomBytes(16).toString('hex')}`;
        tokens.set(token, principal);
        return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token } };
      }
      // GET /subscriptions/{id}
      const principal = tokens.get(bearerOf(request) ?? '');
      if (!principal) return { status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' } } };
      const id = request.url.pathname.split('/')[2] ?? '';
      if (!principal.subscriptions.includes(id)) {
        return { status: 403, body: { error: { code: 'AuthorizationFailed', message: `The client '${principal.clientId}' does not have authorization to perform action 'Microsoft.Resources/subscriptions/read' over scope '/subscriptions/${id}'.` } } };
      }
      const subscription = world.subscriptions.find((s) => s.subscriptionId === id);
      if (!subscription) return { status: 404, body: { error: { code: 'SubscriptionNotFound', message: `The subscription '${id}' could not be found.` } } };
      return { status: 200, body: { id: `/subscriptions/${id}`, ...subscription, authorizationSource: 'RoleBased', subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' } } };
    },
  });
  return Object.assign(server, { scopes });
}
