/**
 * Azure evidence (the guide's `configurations`: one item per resource group) through the real SDKs
 * against the fake Resource Manager: the integration's subscription only, grouped resources, and a
 * denied list recorded as an error of the type while the rest is still collected.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAzureEvidenceCollector } from '../../../src/scanning/providers/azure/evidence.js';
import { startFakeArm, type FakeArm } from '../../fakes/azure-arm.js';
import { CLIENT, SUB_A, TENANT, smallEstate } from '../../fakes/azure-arm-world.js';

const SECRET = `azure-evidence-${randomBytes(12).toString('hex')}`;
let fake: FakeArm;
let collector: ReturnType<typeof createAzureEvidenceCollector>;
const credentials = { tenant_id: TENANT, client_id: CLIENT, client_secret: SECRET, subscription_id: SUB_A };

beforeAll(async () => {
  fake = await startFakeArm(smallEstate(SECRET));
  collector = createAzureEvidenceCollector({ endpoints: { resourceManagerEndpoint: fake.url, authorityHost: fake.url, disableInstanceDiscovery: true }, retry: { maxRetries: 1, retryDelayInMs: 5 } });
});

afterAll(async () => {
  await fake?.close();
});

describe('Azure evidence collection', () => {
  it('collects one configurations item per resource group of the integration\'s subscription', async () => {
    const collection = await collector.collect({ credentials, types: ['configurations'] });
    expect(collection.account).toBe(SUB_A);
    expect(collection.errors).toEqual({});
    expect(collection.items.map((item) => item.metadata.resource_id)).toEqual(['rg-data', 'rg-db', 'rg-net', 'rg-sec'].map((rg) => `/subscriptions/${SUB_A}/resourceGroups/${rg}`));
    const data = collection.items.find((item) => item.title === 'Azure resource group rg-data');
    expect(data).toMatchObject({ collectionType: 'configurations', metadata: { region: null, source: 'Azure Resource Manager' } });
    expect(data?.data.storage_accounts).toHaveLength(2);
    expect(data?.data.storage_accounts).toContainEqual(expect.objectContaining({ name: 'stbad', enableHttpsTrafficOnly: false, minimumTlsVersion: 'TLS1_0' }) as unknown);
    expect(JSON.stringify(collection)).not.toContain(SECRET);
  });

  it('records a denied list as an error of the type and still collects the rest', async () => {
    fake.inject({ route: fake.route(`/subscriptions/${SUB_A}/providers/Microsoft.KeyVault/vaults`), times: 1, status: 403, body: { error: { code: 'AuthorizationFailed', message: 'no vaults for you' } } });
    const collection = await collector.collect({ credentials, types: ['configurations'] });
    expect(collection.errors.configurations).toHaveLength(1);
    expect(collection.errors.configurations?.[0]).toMatch(/^key vaults in subscription .*: AuthorizationFailed: .*\(HTTP 403\)$/);
    expect(collection.items.map((item) => item.title)).toEqual(['Azure resource group rg-data', 'Azure resource group rg-db', 'Azure resource group rg-net']);
  });
});
