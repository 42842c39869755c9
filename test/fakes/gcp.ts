/**
 * A fake Google Cloud over HTTPS: an OAuth token endpoint for service account keys (the JWT bearer
 * grant; it verifies the assertion's signature with the account's public key and its audience)
 * and the Cloud Storage JSON API's bucket list (checking the bearer token and the account's access
 * to the project). The real storage SDK reaches it through STORAGE_EMULATOR_HOST / its apiEndpoint,
 * and the token exchange through the key's token_uri.
 */
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { decodeJwt, jwtVerify } from 'jose';
import { bearerOf, formOf, startFakeServer, type FakeServer } from './https.js';

export interface FakeServiceAccount {
  email: string;
  publicKey: KeyObject;
  /** Projects whose buckets it may list. */
  projects: string[];
}

export interface FakeGcp extends FakeServer {
  /** The token endpoint: put it in a key's token_uri. */
  tokenUri: string;
  buckets: Map<string, string[]>;
}

/** A service account key in Google's JSON shape, with a fresh RSA key pair. */
export function makeServiceAccountKey(projectId: string, email: string, tokenUri: string): { key: Record<string, string>; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    key: {
      type: 'service_account',
      project_id: projectId,
      private_key_id: randomBytes(20).toString('hex'),
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: email,
      client_id: '100000000000000000001',
      token_uri: tokenUri,
    },
    publicKey,
  };
}

export async function startFakeGcp(world: { accounts: FakeServiceAccount[]; buckets: Record<string, string[]> }): Promise<FakeGcp> {
  const tokens = new Map<string, FakeServiceAccount>();
  const buckets = new Map(Object.entries(world.buckets));
  const server = await startFakeServer({
    tls: true,
    route: ({ method, url }) => {
      if (method === 'POST' && url.pathname === '/token') return 'token';
      // The SDK uses STORAGE_EMULATOR_HOST verbatim as the JSON API base, an apiEndpoint with /storage/v1 appended.
      if (method === 'GET' && (url.pathname === '/storage/v1/b' || url.pathname === '/b')) return 'buckets';
      return null;
    },
    answer: async (route, request, base) => {
      if (route === 'token') {
        const form = formOf(request.body);
        if (form.grant_type !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' || !form.assertion) return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'Invalid grant_type' } };
        let issuer: string | undefined;
        try {
          issuer = decodeJwt(form.assertion).iss;
        } catch {
          return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT.' } };
        }
        const account = world.accounts.find((a) => a.email === issuer);
        if (!account) return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid grant: account not found' } };
        try {
          await jwtVerify(form.assertion, account.publicKey, { audience: `${base}/token`, algorithms: ['RS256'] });
        } catch {
          return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } };
        }
        const token = `ya29.fake-${randomBytes(16).toString('hex')}`;
        tokens.set(token, account);
        return { status: 200, body: { access_token: token, expires_in: 3599, token_type: 'Bearer' } };
      }
      const account = tokens.get(bearerOf(request) ?? '');
      if (!account) return { status: 401, body: { error: { code: 401, message: 'Invalid Credentials', errors: [{ message: 'Invalid Credentials', domain: 'global', reason: 'authError' }] } } };
      const project = request.url.searchParams.get('project') ?? '';
      if (!account.projects.includes(project)) {
        const message = `${account.email} does not have storage.buckets.list access to the Google Cloud project. Permission 'storage.buckets.list' denied on resource (or it may not exist).`;
        return { status: 403, body: { error: { code: 403, message, errors: [{ message, domain: 'global', reason: 'forbidden' }] } } };
      }
      const max = Number(request.url.searchParams.get('maxResults') ?? '1000');
      const names = (buckets.get(project) ?? []).slice(0, max);
      return { status: 200, body: { kind: 'storage#buckets', items: names.map((name) => ({ kind: 'storage#bucket', id: name, name, projectNumber: '123456789012', location: 'US' })) } };
    },
  });
  return Object.assign(server, { tokenUri: `${server.url}/token`, buckets });
}
