/**
 * The GitHub connection test through the real Octokit (with its retry and throttling plugins)
 * against a local fake of the REST API: token and App installation, metadata, each failure class,
 * no token or key in any message, and the guide's retry policy.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GITHUB_APP_NOT_CONFIGURED, testGitHubConnection } from '../../../src/scanning/providers/github/connection.js';
import { startFakeGitHub } from '../../fakes/github.js';
import { closedUrl, type FakeServer } from '../../fakes/https.js';

const TOKEN = `ghp_${randomBytes(18).toString('hex')}`;
const WRONG_TOKEN = `ghp_${randomBytes(18).toString('hex')}`;
const APP_ID = '123456';
// GitHub hands out App keys in PKCS#1 ("BEGIN RSA PRIVATE KEY").
const appKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const APP_KEY = appKeys.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const OTHER_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

let fake: FakeServer;

beforeAll(async () => {
  fake = await startFakeGitHub({
    tokens: [{ token: TOKEN, login: 'octo-scanner', scopes: 'read:org, repo', orgs: ['acme'] }],
    app: { appId: APP_ID, publicKey: appKeys.publicKey, installations: { '42': { account: 'acme', repositories: ['api', 'web', 'infra'] } } },
  });
});

afterAll(async () => {
  await fake?.close();
});

const app = { appId: APP_ID, privateKey: APP_KEY };
const test = (stored: Record<string, unknown>, appConfig: typeof app | null = app) => testGitHubConnection(stored, { baseUrl: fake.url, app: appConfig, retryBaseDelayMs: 5 });

describe('GitHub connection test with a token', () => {
  it('reads the user and the organization, with scopes and rate limit', async () => {
    const result = await test({ token: TOKEN, organization: 'acme' });
    expect(result).toMatchObject({
      status: 'healthy',
      failure: null,
      metadata: { login: 'octo-scanner', organization: 'acme', scopes: 'read:org, repo', rate_limit_remaining: '4999' },
    });
  });

  it('is degraded when the organization is not visible to the token', async () => {
    const result = await test({ token: TOKEN, organization: 'globex' });
    expect(result).toMatchObject({ status: 'degraded', failure: null, metadata: { login: 'octo-scanner', organization: 'globex' } });
    expect(result.errorMessage).toMatch(/globex is not visible/);
  });

  it('answers a wrong token unhealthy / authentication, once, without the token', async () => {
    const before = fake.count('user');
    const result = await test({ token: WRONG_TOKEN });
    expect(result).toMatchObject({ status: 'unhealthy', failure: 'authentication' });
    expect(result.errorMessage).toMatch(/Bad credentials/);
    expect(JSON.stringify(result)).not.toContain(WRONG_TOKEN);
    expect(fake.count('user') - before).toBe(1);
  });

  it('answers 403 unhealthy / authorization without retrying', async () => {
    fake.inject({ route: 'user', times: 1, status: 403, body: { message: 'Resource not accessible by personal access token' } });
    const before = fake.count('user');
    const result = await test({ token: TOKEN });
    expect(result).toMatchObject({ status: 'unhealthy', failure: 'authorization' });
    expect(fake.count('user') - before).toBe(1);
  });

  it('retries 429 and 503 three times and then succeeds', async () => {
    fake.inject({ route: 'user', times: 2, status: 429, body: { message: 'API rate limit exceeded' }, headers: { 'retry-after': '0' } });
    fake.inject({ route: 'user', times: 1, status: 503, body: { message: 'Service Unavailable' } });
    const before = fake.count('user');
    const result = await test({ token: TOKEN });
    expect(result).toMatchObject({ status: 'healthy', metadata: { login: 'octo-scanner' } });
    expect(fake.count('user') - before).toBe(4);
  });

  it('gives up after the third retry: a primary rate limit is degraded / throttled', async () => {
    const reset = String(Math.floor(Date.now() / 1000));
    fake.inject({ route: 'user', times: 4, status: 403, body: { message: 'API rate limit exceeded for user ID 1.' }, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset } });
    const before = fake.count('user');
    const result = await test({ token: TOKEN });
    expect(result).toMatchObject({ status: 'degraded', failure: 'throttled' });
    expect(fake.count('user') - before).toBe(4);
  });

  it('answers an unreachable API unhealthy / network', async () => {
    const result = await testGitHubConnection({ token: TOKEN }, { baseUrl: await closedUrl('http'), app, retryBaseDelayMs: 5 });
    expect(result).toMatchObject({ status: 'unhealthy', failure: 'network' });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });
});

describe('GitHub connection test with an App installation', () => {
  it('gets an installation token from the App key and lists one repository', async () => {
    const result = await test({ installation_id: 42 });
    expect(result).toMatchObject({ status: 'healthy', failure: null, metadata: { installation_id: '42', organization: 'acme', repositories: '3', rate_limit_remaining: '4999' } });
    expect(fake.calls.filter((c) => c.route === 'installation_repositories').length).toBeGreaterThan(0);
  });

  it('answers unhealthy with a clear error when the App is not configured', async () => {
    const result = await test({ installation_id: 42 }, null);
    expect(result).toMatchObject({ status: 'unhealthy', failure: 'authentication', errorMessage: GITHUB_APP_NOT_CONFIGURED, metadata: { installation_id: '42' } });
  });

  it('answers a wrong App key unhealthy / authentication without the key', async () => {
    const result = await test({ installation_id: 42 }, { appId: APP_ID, privateKey: OTHER_KEY });
    expect(result).toMatchObject({ status: 'unhealthy', failure: 'authentication' });
    expect(JSON.stringify(result)).not.toContain('PRIVATE KEY');
  });

  it('answers an installation the App does not have unhealthy / authorization', async () => {
    const result = await test({ installation_id: 7 });
    expect(result).toMatchObject({ status: 'unhealthy', failure: 'authorization' });
  });
});
