/**
 * Connection tests of Azure, GCP and GitHub through the REST API, against local fakes reached
 * through the real SDKs with the endpoint overrides of the configuration (AZURE_RESOURCE_MANAGER_ENDPOINT,
 * AZURE_AUTHORITY_HOST, STORAGE_EMULATOR_HOST, GITHUB_API_URL, the GitHub App): connect with
 * test_connection, the test endpoint (cached, then called again), refused credentials naming the
 * field to fix, retries — and no secret in any response or log line.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrations } from '../../src/store/schema.js';
import { startFakeAzure, type FakeAzure } from '../fakes/azure.js';
import { makeServiceAccountKey, startFakeGcp, type FakeGcp } from '../fakes/gcp.js';
import { startFakeGitHub } from '../fakes/github.js';
import type { FakeServer } from '../fakes/https.js';
import { dataOf, problems, startApiService, type ApiWorld, type Json } from '../helpers/api.js';

const TENANT = '11111111-2222-3333-4444-555555555555';
const CLIENT = '66666666-7777-8888-9999-000000000000';
const SUBSCRIPTION = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const AZURE_SECRET = `CANARYAZ${randomBytes(12).toString('hex')}`;
const AZURE_WRONG = `CANARYAZWRONG${randomBytes(12).toString('hex')}`;
const PROJECT = 'acme-prod-123';
const GH_TOKEN = `ghp_CANARY${randomBytes(14).toString('hex')}`;
const GH_WRONG = `ghp_CANARYWRONG${randomBytes(12).toString('hex')}`;
const APP_ID = '123456';
const appKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const APP_KEY = appKeys.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

let api: ApiWorld;
let azure: FakeAzure;
let gcp: FakeGcp;
let github: FakeServer;
let admin: string;
let viewer: string;
let gcpKey: Record<string, string>;
let outsiderKey: Record<string, string>;

beforeAll(async () => {
  azure = await startFakeAzure({
    principals: [{ tenantId: TENANT, clientId: CLIENT, clientSecret: AZURE_SECRET, subscriptions: [SUBSCRIPTION] }],
    subscriptions: [{ subscriptionId: SUBSCRIPTION, tenantId: TENANT, displayName: 'Production', state: 'Enabled' }],
  });
  const good = makeServiceAccountKey(PROJECT, `scanner@${PROJECT}.iam.gserviceaccount.com`, 'https://placeholder/token');
  const outsider = makeServiceAccountKey(PROJECT, `outsider@${PROJECT}.iam.gserviceaccount.com`, 'https://placeholder/token');
  gcp = await startFakeGcp({
    accounts: [
      { email: good.key.client_email ?? '', publicKey: good.publicKey, projects: [PROJECT] },
      { email: outsider.key.client_email ?? '', publicKey: outsider.publicKey, projects: [] },
    ],
    buckets: { [PROJECT]: ['acme-logs'] },
  });
  gcpKey = { ...good.key, token_uri: gcp.tokenUri };
  outsiderKey = { ...outsider.key, token_uri: gcp.tokenUri };
  github = await startFakeGitHub({
    tokens: [{ token: GH_TOKEN, login: 'octo-scanner', scopes: 'read:org, repo', orgs: ['acme'] }],
    app: { appId: APP_ID, publicKey: appKeys.publicKey, installations: { '42': { account: 'acme', repositories: ['api', 'web'] } } },
  });
  api = await startApiService({
    env: {
      AZURE_RESOURCE_MANAGER_ENDPOINT: azure.url,
      AZURE_AUTHORITY_HOST: azure.url,
      AZURE_DISABLE_INSTANCE_DISCOVERY: 'true',
      STORAGE_EMULATOR_HOST: gcp.url,
      GITHUB_API_URL: github.url,
      GITHUB_APP_ID: APP_ID,
      GITHUB_APP_PRIVATE_KEY: APP_KEY.replace(/\n/g, '\\n'),
    },
  });
  ({ token: admin } = await api.token('admin'));
  ({ token: viewer } = await api.token('viewer'));
}, 60_000);

afterAll(async () => {
  await api?.stop();
  await Promise.all([azure?.close(), gcp?.close(), github?.close()]);
});

const azureCredentials = (secret = AZURE_SECRET) => ({ tenant_id: TENANT, client_id: CLIENT, client_secret: secret, subscription_id: SUBSCRIPTION });

async function connect(platform: string, credentials: Json, name: string) {
  return api.call('POST', `/api/v1/integrations/cloud/${platform}/connect`, { token: admin, body: { platform, credentials, configuration: { name }, test_connection: true } });
}

/** Ages the stored health past the 5-minute cache, so the next test calls the provider. */
async function ageHealth(id: string): Promise<void> {
  const [row] = await api.world.db.select({ health: integrations.health }).from(integrations).where(eq(integrations.id, id));
  const old = new Date(Date.now() - 6 * 60_000).toISOString();
  await api.world.db.update(integrations).set({ health: row?.health ? { ...row.health, checkedAt: old } : null }).where(eq(integrations.id, id));
}

describe.each([
  ['azure', () => azureCredentials(), { subscription_id: SUBSCRIPTION, display_name: 'Production', state: 'Enabled', tenant_id: TENANT }, 'Azure'],
  ['gcp', () => ({ project_id: PROJECT, service_account_key: gcpKey }), { project_id: PROJECT, service_account: `scanner@${PROJECT}.iam.gserviceaccount.com` }, 'GCP'],
  ['github', () => ({ token: GH_TOKEN, organization: 'acme' }), { login: 'octo-scanner', organization: 'acme', scopes: 'read:org, repo' }, 'GitHub'],
  ['github', () => ({ installation_id: 42 }), { installation_id: '42', organization: 'acme', repositories: '2' }, 'GitHub'],
] as const)('%s connection test through the API', (platform, credentials, metadata, label) => {
  let id = '';

  it('connects after a real provider call and stores the health', async () => {
    const answer = await connect(platform, credentials(), `${platform}-${randomBytes(3).toString('hex')}`);
    expect(answer.status, answer.text).toBe(201);
    expect(answer.body.message).toMatch(new RegExp(`^Successfully connected to ${label}`));
    expect(answer.body.message).not.toMatch(/not available|not tested/);
    id = String(dataOf(answer).integration_id);
    const [row] = await api.world.db.select({ health: integrations.health }).from(integrations).where(eq(integrations.id, id));
    expect(row?.health).toMatchObject({ status: 'healthy', metadata });
  });

  it('answers the test endpoint from the stored result, then from a fresh call', async () => {
    const cached = await api.call('GET', `/api/v1/integrations/cloud/${platform}/test?integration_id=${id}`, { token: viewer });
    expect(dataOf(cached)).toMatchObject({ integration_id: id, platform, status: 'healthy', error_message: null, metadata });
    await ageHealth(id);
    const fresh = await api.call('GET', `/api/v1/integrations/cloud/${platform}/test?integration_id=${id}`, { token: viewer });
    expect(dataOf(fresh)).toMatchObject({ status: 'healthy', metadata });
    expect(typeof dataOf(fresh).response_time_ms).toBe('number');
    expect(dataOf(fresh).last_checked).not.toBe(dataOf(cached).last_checked);
  });
});

describe('refused credentials', () => {
  it('a wrong Azure secret: 400 AUTHENTICATION_ERROR on credentials.client_secret, nothing stored, no secret echoed', async () => {
    const before = await api.world.db.select({ id: integrations.id }).from(integrations);
    const answer = await connect('azure', azureCredentials(AZURE_WRONG), 'azure-wrong');
    expect(answer.status).toBe(400);
    expect(problems(answer)).toEqual([{ code: 'AUTHENTICATION_ERROR', field: 'credentials.client_secret' }]);
    expect(answer.text).toMatch(/AADSTS7000215/);
    expect(answer.text).not.toContain(AZURE_WRONG);
    expect(await api.world.db.select({ id: integrations.id }).from(integrations)).toHaveLength(before.length);
  });

  it('a GCP service account without access to the project: 400 AUTHORIZATION_ERROR', async () => {
    const answer = await connect('gcp', { project_id: PROJECT, service_account_key: outsiderKey }, 'gcp-outsider');
    expect(answer.status).toBe(400);
    expect(problems(answer)).toEqual([{ code: 'AUTHORIZATION_ERROR', field: 'credentials.service_account_key' }]);
    expect(answer.text).not.toContain('PRIVATE KEY');
  });

  it('a wrong GitHub token: 400 AUTHENTICATION_ERROR on credentials.token', async () => {
    const answer = await connect('github', { token: GH_WRONG }, 'github-wrong');
    expect(answer.status).toBe(400);
    expect(problems(answer)).toEqual([{ code: 'AUTHENTICATION_ERROR', field: 'credentials.token' }]);
    expect(answer.text).not.toContain(GH_WRONG);
  });
});

describe('retries through the API', () => {
  it('a throttled and then failing provider is retried and the connect succeeds', async () => {
    azure.inject({ route: 'subscription', times: 1, status: 429, body: { error: { code: 'TooManyRequests', message: 'slow down' } }, headers: { 'retry-after': '0' } });
    azure.inject({ route: 'subscription', times: 1, status: 503, body: { error: { code: 'ServiceUnavailable', message: 'try later' } } });
    const before = azure.count('subscription');
    const answer = await connect('azure', azureCredentials(), 'azure-retried');
    expect(answer.status, answer.text).toBe(201);
    expect(azure.count('subscription') - before).toBe(3);
  });
});

describe('the secrets', () => {
  it('never appear in a response or a log line', () => {
    const secrets = [AZURE_SECRET, AZURE_WRONG, GH_TOKEN, GH_WRONG, APP_KEY.split('\n')[1] ?? 'x', gcpKey.private_key?.split('\n')[1] ?? 'x'];
    for (const secret of secrets) {
      expect(api.responses.filter((text) => text.includes(secret))).toEqual([]);
      expect(api.logs.filter((line) => line.includes(secret))).toEqual([]);
    }
  });
});
