/**
 * The Azure connection test through the real @azure/identity and @azure/arm-resources-subscriptions
 * clients against a local HTTPS fake of Entra ID and Resource Manager (trusted through
 * NODE_EXTRA_CA_CERTS): metadata on success, each failure class, no secret in any message, and the
 * guide's retry policy (throttling and faults retried three times, rejected secrets never).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AzureConfig } from '../../../src/config.js';
import { testAzureConnection } from '../../../src/scanning/providers/azure/connection.js';
import { startFakeAzure, type FakeAzure } from '../../fakes/azure.js';
import { closedUrl } from '../../fakes/https.js';

const TENANT = '11111111-2222-3333-4444-555555555555';
const CLIENT = '66666666-7777-8888-9999-000000000000';
const OTHER_CLIENT = '66666666-7777-8888-9999-000000000001';
const SUBSCRIPTION = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const DISABLED = 'aaaaaaaa-bbbb-cccc-dddd-ffffffffffff';
const SECRET = `azure-secret-${randomBytes(12).toString('hex')}`;
const WRONG_SECRET = `wrong-secret-${randomBytes(12).toString('hex')}`;

let fake: FakeAzure;
let endpoints: AzureConfig;

beforeAll(async () => {
  fake = await startFakeAzure({
    principals: [
      { tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET, subscriptions: [SUBSCRIPTION, DISABLED] },
      { tenantId: TENANT, clientId: OTHER_CLIENT, clientSecret: SECRET, subscriptions: [] },
    ],
    subscriptions: [
      { subscriptionId: SUBSCRIPTION, tenantId: TENANT, displayName: 'Production', state: 'Enabled' },
      { subscriptionId: DISABLED, tenantId: TENANT, displayName: 'Old', state: 'Disabled' },
    ],
  });
  endpoints = { resourceManagerEndpoint: fake.url, authorityHost: fake.url, disableInstanceDiscovery: true };
});

afterAll(async () => {
  await fake?.close();
});

const credentials = (overrides: Record<string, string> = {}) => ({ tenant_id: TENANT, client_id: CLIENT, client_secret: SECRET, subscription_id: SUBSCRIPTION, ...overrides });
const test = (stored: Record<string, unknown>) => testAzureConnection(stored, { endpoints, retryBaseDelayMs: 5 });

describe('Azure connection test', () => {
  it('gets a Resource Manager token for <endpoint>/.default and reads the subscription', async () => {
    const result = await test(credentials());
    expect(result).toMatchObject({
      status: 'healthy',
      failure: null,
      errorMessage: null,
      metadata: { subscription_id: SUBSCRIPTION, display_name: 'Production', state: 'Enabled', tenant_id: TENANT },
    });
    expect(result.responseTimeMs).toBeGreaterThan(0);
    expect(fake.scopes.at(-1)).toBe(`${fake.url}/.default`);
  });

  it('is degraded when the subscription is not Enabled', async () => {
    const result = await test(credentials({ subscription_id: DISABLED }));
    expect(result).toMatchObject({ status: 'degraded', failure: null, metadata: { state: 'Disabled' } });
    expect(result.errorMessage).toMatch(/Disabled/);
  });

  it('answers a wrong secret unhealthy / authentication, once, without the secret', async () => {
    const before = fake.count('token');
    const result = await test(credentials({ client_secret: WRONG_SECRET }));
    expect(result).toMatchObject({ status: 'unhealthy', failure: 'authentication' });
    expect(result.errorMessage).toMatch(/invalid_client/);
    expect(result.errorMessage).toMatch(/AADSTS7000215/);
    expect(result.errorMessage).not.toContain(WRONG_SECRET);
    expect(result.errorMessage).not.toContain(SECRET);
    expect(JSON.stringify(result)).not.toContain(WRONG_SECRET);
    expect(fake.count('token') - before).toBe(1);
  });

  it('answers an unknown tenant unhealthy / authentication', async () => {
    const result = await test(credentials({ tenant_id: '99999999-2222-3333-4444-555555555555' }));
    expect(result).toMatchObject({ status: 'unhealthy', failure: 'authentication' });
    expect(result.errorMessage).not.toContain(SECRET);
  });

  it('answers a principal without access to the subscription unhealthy / authorization (403), without retrying', async () => {
    const before = fake.count('subscription');
    const result = await test(credentials({ client_id: OTHER_CLIENT }));
    expect(result).toMatchObject({ status: 'unhealthy', failure: 'authorization' });
    expect(result.errorMessage).toMatch(/AuthorizationFailed/);
    expect(fake.count('subscription') - before).toBe(1);
  });

  it('retries 429 and 503 three times and then succeeds', async () => {
    fake.inject({ route: 'subscription', times: 2, status: 429, body: { error: { code: 'TooManyRequests', message: 'throttled' } }, headers: { 'retry-after': '0' } });
    fake.inject({ route: 'subscription', times: 1, status: 503, body: { error: { code: 'ServiceUnavailable', message: 'try later' } } });
    const before = fake.count('subscription');
    const result = await test(credentials());
    expect(result).toMatchObject({ status: 'healthy', metadata: { display_name: 'Production' } });
    expect(fake.count('subscription') - before).toBe(4);
  });

  it('gives up after the third retry: throttled is degraded, a provider fault unknown', async () => {
    fake.inject({ route: 'subscription', times: 4, status: 429, body: { error: { code: 'TooManyRequests', message: 'throttled' } } });
    let before = fake.count('subscription');
    const throttled = await test(credentials());
    expect(throttled).toMatchObject({ status: 'degraded', failure: 'throttled' });
    expect(fake.count('subscription') - before).toBe(4);

    fake.inject({ route: 'subscription', times: 4, status: 500, body: { error: { code: 'InternalServerError', message: 'oops' } } });
    before = fake.count('subscription');
    const fault = await test(credentials());
    expect(fault).toMatchObject({ status: 'unknown', failure: 'unknown' });
    expect(fake.count('subscription') - before).toBe(4);
  });

  it('answers an unreachable endpoint unhealthy / network', async () => {
    const nowhere = await closedUrl('https');
    const closed = { ...endpoints, resourceManagerEndpoint: nowhere, authorityHost: nowhere };
    const result = await testAzureConnection(credentials(), { endpoints: closed, retryBaseDelayMs: 5 });
    expect(result).toMatchObject({ status: 'unhealthy', failure: 'network' });
    expect(result.errorMessage).not.toContain(SECRET);
  });
});
