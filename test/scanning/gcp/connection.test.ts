/**
 * The GCP connection test through the real @google-cloud/storage client against a local HTTPS fake
 * of Google's token endpoint (reached through the key's token_uri) and the Cloud Storage JSON API
 * (through the storage endpoint override): metadata on success, each failure class, no private key
 * in any message, and the guide's retry policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GcpConfig } from '../../../src/config.js';
import { testGcpConnection } from '../../../src/scanning/providers/gcp/connection.js';
import { makeServiceAccountKey, startFakeGcp, type FakeGcp } from '../../fakes/gcp.js';
import { closedUrl } from '../../fakes/https.js';

const PROJECT = 'acme-prod-123';
const EMAIL = `scanner@${PROJECT}.iam.gserviceaccount.com`;
const OUTSIDER = `outsider@${PROJECT}.iam.gserviceaccount.com`;

let fake: FakeGcp;
let endpoints: GcpConfig;
let key: Record<string, string>;
let outsiderKey: Record<string, string>;
let forgedKey: Record<string, string>;

beforeAll(async () => {
  // The fake needs the public keys, the keys need the fake's URL: make them with a placeholder, then fix token_uri.
  const good = makeServiceAccountKey(PROJECT, EMAIL, 'https://placeholder/token');
  const outsider = makeServiceAccountKey(PROJECT, OUTSIDER, 'https://placeholder/token');
  const forged = makeServiceAccountKey(PROJECT, EMAIL, 'https://placeholder/token');
  fake = await startFakeGcp({
    accounts: [
      { email: EMAIL, publicKey: good.publicKey, projects: [PROJECT] },
      { email: OUTSIDER, publicKey: outsider.publicKey, projects: [] },
    ],
    buckets: { [PROJECT]: ['acme-logs', 'acme-data'] },
  });
  key = { ...good.key, token_uri: fake.tokenUri };
  outsiderKey = { ...outsider.key, token_uri: fake.tokenUri };
  // Same account, another private key: what a deleted or rotated key looks like to Google.
  forgedKey = { ...forged.key, token_uri: fake.tokenUri };
  endpoints = { storageEmulatorHost: fake.url, apiEndpoint: null };
});

afterAll(async () => {
  await fake?.close();
});

const test = (serviceAccountKey: Record<string, string>) => testGcpConnection({ project_id: PROJECT, service_account_key: serviceAccountKey }, { endpoints, retryBaseDelayMs: 5 });

describe('GCP connection test', () => {
  it('exchanges the key at its token_uri and lists one bucket of the project', async () => {
    const result = await test(key);
    expect(result).toMatchObject({ status: 'healthy', failure: null, errorMessage: null, metadata: { project_id: PROJECT, service_account: EMAIL, buckets_visible: 'yes' } });
    expect(fake.count('token')).toBeGreaterThanOrEqual(1);
    expect(fake.calls.filter((c) => c.route === 'buckets').at(-1)?.status).toBe(200);
  });

  it('answers a key Google does not accept unhealthy / authentication, once, without the private key', async () => {
    const before = fake.count('token');
    const result = await test(forgedKey);
    expect(result).toMatchObject({ status: 'unhealthy', failure: 'authentication' });
    expect(result.errorMessage).toMatch(/invalid_grant/);
    expect(JSON.stringify(result)).not.toContain('PRIVATE KEY');
    expect(JSON.stringify(result)).not.toContain(forgedKey.private_key?.split('\n')[1] ?? 'x');
    expect(fake.count('token') - before).toBe(1);
  });

  it('answers a malformed private key unhealthy / authentication without echoing it', async () => {
    const broken = { ...key, private_key: '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n' };
    const result = await test(broken);
    expect(result).toMatchObject({ status: 'unhealthy', failure: 'authentication' });
    expect(result.errorMessage).not.toContain('bm90IGEga2V5');
  });

  it('answers an account without access to the project unhealthy / authorization (403)', async () => {
    const result = await test(outsiderKey);
    expect(result).toMatchObject({ status: 'unhealthy', failure: 'authorization', metadata: { service_account: OUTSIDER } });
    expect(result.errorMessage).toMatch(/storage\.buckets\.list/);
  });

  it('retries 429 and 503 three times and then succeeds', async () => {
    fake.inject({ route: 'buckets', times: 2, status: 429, body: { error: { code: 429, message: 'rate limited', errors: [{ reason: 'rateLimitExceeded' }] } } });
    fake.inject({ route: 'buckets', times: 1, status: 503, body: { error: { code: 503, message: 'backend error', errors: [{ reason: 'backendError' }] } } });
    const before = fake.count('buckets');
    const result = await test(key);
    expect(result).toMatchObject({ status: 'healthy', metadata: { project_id: PROJECT } });
    expect(fake.count('buckets') - before).toBe(4);
  });

  it('gives up after the third retry and reports the throttling', async () => {
    fake.inject({ route: 'buckets', times: 4, status: 429, body: { error: { code: 429, message: 'rate limited', errors: [{ reason: 'rateLimitExceeded' }] } } });
    const before = fake.count('buckets');
    const result = await test(key);
    expect(result).toMatchObject({ status: 'degraded', failure: 'throttled' });
    expect(fake.count('buckets') - before).toBe(4);
  });

  it('answers an unreachable storage endpoint unhealthy / network, without probing the metadata server', async () => {
    const started = Date.now();
    const result = await testGcpConnection({ project_id: PROJECT, service_account_key: key }, { endpoints: { storageEmulatorHost: await closedUrl('http'), apiEndpoint: null }, retryBaseDelayMs: 5 });
    expect(result).toMatchObject({ status: 'unhealthy', failure: 'network' });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
