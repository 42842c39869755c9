/**
 * The Azure scanner end to end through the real @azure/identity and ARM SDKs against a local HTTPS
 * fake of Entra ID and Resource Manager (trusted through NODE_EXTRA_CA_CERTS): discovery of the
 * subscriptions, every part collected, pagination through nextLink, 429 with Retry-After paced and
 * retried, a 403 on one API making only its checks unknown, and bad credentials stopping the scan.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AzureConfig } from '../../../src/config.js';
import { isAppError } from '../../../src/errors.js';
import { createAzureScanner } from '../../../src/scanning/providers/azure/scanner.js';
import { azureChecks } from '../../../src/scanning/registry.js';
import type { ScanOutcome } from '../../../src/scanning/scanner.js';
import type { Finding } from '../../../src/scanning/types.js';
import { startFakeArm, type FakeArm } from '../../fakes/azure-arm.js';
import { CLIENT, SUB_A, SUB_B, TENANT, smallEstate } from '../../fakes/azure-arm-world.js';

const SECRET = `azure-secret-${randomBytes(12).toString('hex')}`;
const PAGE_SIZE = 3;
const EXTRA_ACCOUNTS = 7;

let fake: FakeArm;
let endpoints: AzureConfig;

beforeAll(async () => {
  fake = await startFakeArm(smallEstate(SECRET, { pageSize: PAGE_SIZE, extraStorageAccounts: EXTRA_ACCOUNTS }));
  endpoints = { resourceManagerEndpoint: fake.url, authorityHost: fake.url, disableInstanceDiscovery: true };
});

afterAll(async () => {
  await fake?.close();
});

const stored = (overrides: Record<string, string> = {}) => ({ tenant_id: TENANT, client_id: CLIENT, client_secret: SECRET, subscription_id: SUB_A, ...overrides });
const scanner = () => createAzureScanner({ endpoints, retry: { maxRetries: 3, retryDelayInMs: 5, maxRetryDelayInMs: 20 } });

function find(outcome: ScanOutcome, checkId: string, resourceSuffix: string): Finding {
  const found = outcome.report.findings.find((f) => f.checkId === checkId && f.resourceId.toLowerCase().endsWith(resourceSuffix.toLowerCase()));
  if (!found) throw new Error(`no ${checkId} finding for ...${resourceSuffix}; have ${outcome.report.findings.filter((f) => f.checkId === checkId).map((f) => f.resourceId).join(', ')}`);
  return found;
}

describe('Azure scanner against the fake Resource Manager', () => {
  let full: ScanOutcome;

  beforeAll(async () => {
    full = await scanner().scan({ credentials: stored(), scope: { subscriptions: [SUB_A, SUB_B] } });
  });

  it('runs every check over both subscriptions, completely, and reports the subscriptions and locations', () => {
    const { scan, findings } = full.report;
    expect(findings.filter((f) => f.status === 'unknown').map((f) => f.statusDetail).slice(0, 2)).toEqual([]);
    expect(scan).toMatchObject({ provider: 'azure', accountId: `${SUB_A},${SUB_B}`, status: 'complete', checks: azureChecks.length, errors: [] });
    expect(scan.regions).toEqual(['eastus', 'northeurope', 'westeurope']);
    expect(full.incompleteChecks).toEqual([]);
    for (const check of azureChecks) expect(findings.some((f) => f.checkId === check.meta.id), check.meta.id).toBe(true);
    for (const finding of findings) {
      expect(finding.provider).toBe('azure');
      expect(finding.resourceId).toMatch(/^\/subscriptions\/[0-9a-f-]{36}(\/|$)/);
    }
    expect(full.apiCalls.calls).toBeGreaterThan(40);
  });

  it('follows nextLink to the last page of a list', () => {
    const accounts = full.report.findings.filter((f) => f.checkId === 'azure-storage-secure-transfer-disabled' && f.resourceId.includes(SUB_A));
    expect(accounts).toHaveLength(2 + EXTRA_ACCOUNTS);
    const route = fake.route(`/subscriptions/${SUB_A}/providers/Microsoft.Storage/storageAccounts`);
    // Two scans may have run by now; each reads ceil(9 / 3) = 3 pages.
    expect(fake.count(route) % 3).toBe(0);
    expect(fake.count(route)).toBeGreaterThanOrEqual(3);
  });

  it('finds what is wrong and passes what is right, per service', () => {
    expect(find(full, 'azure-storage-secure-transfer-disabled', '/stbad').status).toBe('fail');
    expect(find(full, 'azure-storage-secure-transfer-disabled', '/stgood').status).toBe('pass');
    expect(find(full, 'azure-storage-blob-public-access-allowed', '/stbad')).toMatchObject({ status: 'fail', riskScore: 8 });
    expect(find(full, 'azure-network-nsg-ssh-open-to-internet', '/nsg-open')).toMatchObject({ status: 'fail' });
    expect(find(full, 'azure-network-nsg-ssh-open-to-internet', '/nsg-open')?.statusDetail).toContain('ssh-range');
    expect(find(full, 'azure-network-nsg-ssh-open-to-internet', '/nsg-web').status).toBe('pass');
    expect(find(full, 'azure-network-nsg-rdp-open-to-internet', '/nsg-open').status).toBe('fail');
    expect(find(full, 'azure-network-nsg-http-open-to-internet', '/nsg-web')).toMatchObject({ status: 'pass' });
    expect(find(full, 'azure-network-nsg-http-open-to-internet', '/nsg-web')?.statusDetail).toContain('443');
    expect(find(full, 'azure-network-nsg-http-open-to-internet', '/nsg-open')).toMatchObject({ status: 'fail' });
    expect(find(full, 'azure-network-nsg-http-open-to-internet', '/nsg-open')?.statusDetail).toContain('8443');
    expect(find(full, 'azure-network-nsg-udp-open-to-internet', '/nsg-open').status).toBe('fail');
    expect(find(full, 'azure-network-watcher-disabled', '/locations/eastus').status).toBe('fail');
    expect(find(full, 'azure-network-watcher-disabled', '/locations/westeurope').status).toBe('pass');
    expect(find(full, 'azure-network-flow-log-retention-below-90-days', '/fl-web')).toMatchObject({ status: 'fail' });
    expect(find(full, 'azure-network-flow-log-retention-below-90-days', '/fl-web')?.statusDetail).toContain('30 days');
    expect(find(full, 'azure-network-vnet-flow-logs-disabled', '/vnet-web').status).toBe('pass');
    expect(find(full, 'azure-network-vnet-flow-logs-disabled', '/vnet-east').status).toBe('fail');
    expect(find(full, 'azure-keyvault-purge-protection-disabled', '/kv-bad')).toMatchObject({ status: 'fail', region: 'northeurope' });
    expect(find(full, 'azure-keyvault-key-without-expiry', '/kv-bad/keys/forever').status).toBe('fail');
    expect(full.report.findings.some((f) => f.resourceId.endsWith('/keys/off'))).toBe(false);
    expect(find(full, 'azure-keyvault-key-without-expiry', '/kv-good/keys/k1')).toMatchObject({ status: 'pass', statusDetail: 'The key expires on 2030-01-01' });
    expect(find(full, 'azure-keyvault-secret-without-expiry', '/kv-bad/secrets/password').status).toBe('fail');
    expect(find(full, 'azure-sql-firewall-allows-all-ips', '/sql-bad')).toMatchObject({ status: 'fail', severity: 'critical' });
    expect(find(full, 'azure-sql-firewall-allows-azure-services', '/sql-bad')).toMatchObject({ status: 'fail', severity: 'low' });
    expect(find(full, 'azure-sql-auditing-retention-below-90-days', '/sql-good').status).toBe('pass');
    expect(find(full, 'azure-sql-database-tde-disabled', '/sql-bad/databases/legacy').status).toBe('fail');
    expect(full.report.findings.some((f) => f.resourceId.endsWith('/databases/master'))).toBe(false);
    expect(find(full, 'azure-sql-entra-admin-missing', '/sql-good').status).toBe('pass');
    expect(find(full, 'azure-iam-custom-role-subscription-owner', '/0000aaaa-0000-0000-0000-000000000001').status).toBe('fail');
    expect(find(full, 'azure-iam-user-access-administrator-assigned', `/subscriptions/${SUB_A}`).status).toBe('fail');
    expect(find(full, 'azure-monitor-alert-create-update-nsg-missing', `/subscriptions/${SUB_A}`).status).toBe('pass');
    expect(find(full, 'azure-monitor-alert-delete-nsg-missing', `/subscriptions/${SUB_A}`).status).toBe('fail');
    // An `anyOf` of operations, as the portal writes it, arrives through arm-monitor 7 and counts.
    expect(find(full, 'azure-monitor-alert-create-policy-assignment-missing', `/subscriptions/${SUB_A}`)).toMatchObject({
      status: 'pass',
      statusDetail: 'Activity log alert policy-changes fires on Microsoft.Authorization/policyAssignments/write',
    });
    expect(find(full, 'azure-monitor-alert-delete-policy-assignment-missing', `/subscriptions/${SUB_A}`).status).toBe('pass');
    expect(find(full, 'azure-monitor-alert-create-update-sql-firewall-rule-missing', `/subscriptions/${SUB_A}`).status).toBe('fail');
    expect(find(full, 'azure-monitor-alert-create-update-public-ip-missing', `/subscriptions/${SUB_A}`).status).toBe('fail');
    expect(find(full, 'azure-defender-plans-off', '/pricings/StorageAccounts').status).toBe('fail');
    expect(find(full, 'azure-defender-plans-off', '/pricings/VirtualMachines').status).toBe('pass');
  });

  it('scans a stored integration\'s own subscription when none is named', async () => {
    const outcome = await scanner().scan({ credentials: stored(), scope: {}, checks: ['azure-defender-plans-off'] });
    expect(outcome.report.scan.accountId).toBe(SUB_A);
  });

  it('paces and retries a 429 with Retry-After, and counts it', async () => {
    const route = fake.route(`/subscriptions/${SUB_A}/providers/Microsoft.Security/pricings`);
    fake.inject({ route, times: 2, status: 429, body: { error: { code: 'TooManyRequests', message: 'slow down' } }, headers: { 'retry-after': '1' } });
    const before = fake.count(route);
    const started = Date.now();
    const outcome = await scanner().scan({ credentials: stored(), checks: ['azure-defender-plans-off'] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(fake.count(route) - before).toBe(3);
    expect(outcome.report.scan.status).toBe('complete');
    expect(outcome.apiCalls).toMatchObject({ calls: 1, retries: 2, throttled: 2 });
  });

  it('retries a 429 that does not say how long to wait, after a backoff', async () => {
    const route = fake.route(`/subscriptions/${SUB_A}/providers/Microsoft.Authorization/roleAssignments`);
    fake.inject({ route, times: 1, status: 429, body: { error: { code: 'TooManyRequests', message: 'slow down' } } });
    const before = fake.count(route);
    const outcome = await scanner().scan({ credentials: stored(), checks: ['azure-iam-user-access-administrator-assigned'] });
    expect(fake.count(route) - before).toBe(2);
    expect(outcome.report.scan.status).toBe('complete');
    expect(outcome.apiCalls).toMatchObject({ calls: 1, retries: 1, throttled: 1 });
  });

  it('turns a 403 on one API into unknown results for only the checks that need it, and a partial scan', async () => {
    const keys = fake.route(`/subscriptions/${SUB_A}/resourceGroups/rg-sec/providers/Microsoft.KeyVault/vaults/kv-bad/keys`);
    const servers = fake.route(`/subscriptions/${SUB_A}/providers/Microsoft.Sql/servers`);
    const denied = (action: string) => ({ error: { code: 'AuthorizationFailed', message: `The client '${CLIENT}' does not have authorization to perform action '${action}'.` } });
    fake.inject({ route: keys, times: 1, status: 403, body: denied('Microsoft.KeyVault/vaults/keys/read') });
    fake.inject({ route: servers, times: 1, status: 403, body: denied('Microsoft.Sql/servers/read') });
    const outcome = await scanner().scan({ credentials: stored() });
    expect(outcome.report.scan.status).toBe('partial');
    const sqlIds = azureChecks.filter((c) => c.meta.service === 'sql').map((c) => c.meta.id);
    expect(outcome.incompleteChecks).toEqual(['azure-keyvault-key-without-expiry', ...sqlIds].sort());
    const keyUnknown = find(outcome, 'azure-keyvault-key-without-expiry', '/vaults/kv-bad');
    expect(keyUnknown).toMatchObject({ status: 'unknown', region: 'northeurope' });
    expect(keyUnknown.statusDetail).toMatch(/^Could not check: AuthorizationFailed: .*\(HTTP 403\)$/);
    expect(find(outcome, 'azure-keyvault-key-without-expiry', '/kv-good/keys/k1').status).toBe('pass');
    const sql = outcome.report.findings.filter((f) => f.service === 'sql');
    expect(sql.map((f) => [f.resourceId, f.status])).toEqual(sqlIds.map(() => [`/subscriptions/${SUB_A}/providers/Microsoft.Sql/servers`, 'unknown']));
    expect(find(outcome, 'azure-storage-secure-transfer-disabled', '/stbad').status).toBe('fail');
  });

  it('keeps Azure\'s own code and message when a storage or Key Vault list is denied or not found (the SDK pagers drop them)', async () => {
    const accounts = fake.route(`/subscriptions/${SUB_A}/providers/Microsoft.Storage/storageAccounts`);
    const vaults = fake.route(`/subscriptions/${SUB_B}/providers/Microsoft.KeyVault/vaults`);
    const secrets = fake.route(`/subscriptions/${SUB_A}/resourceGroups/rg-sec/providers/Microsoft.KeyVault/vaults/kv-good/secrets`);
    const denied = `The client '${CLIENT}' with object id '${CLIENT}' does not have authorization to perform action 'Microsoft.Storage/storageAccounts/read' over scope '/subscriptions/${SUB_A}' or the scope is invalid. If access was recently granted, please refresh your credentials.`;
    fake.inject({ route: accounts, times: 1, status: 403, body: { error: { code: 'AuthorizationFailed', message: denied } } });
    fake.inject({ route: vaults, times: 1, status: 404, body: { error: { code: 'SubscriptionNotFound', message: `The subscription '${SUB_B}' could not be found.` } } });
    fake.inject({ route: secrets, times: 1, status: 403, body: { error: { code: 'Forbidden', message: 'Caller is not authorized to list secrets.', innererror: { code: 'ForbiddenByPolicy' } } } });
    const checks = ['azure-storage-secure-transfer-disabled', 'azure-keyvault-soft-delete-disabled', 'azure-keyvault-secret-without-expiry'];
    const outcome = await scanner().scan({ credentials: stored(), scope: { subscriptions: [SUB_A, SUB_B] }, checks });
    const unknown = (checkId: string, resource: string) => find(outcome, checkId, resource).statusDetail;
    expect(unknown('azure-storage-secure-transfer-disabled', `/subscriptions/${SUB_A}/providers/Microsoft.Storage/storageAccounts`)).toBe(`Could not check: AuthorizationFailed: ${denied} (HTTP 403)`);
    expect(unknown('azure-keyvault-soft-delete-disabled', `/subscriptions/${SUB_B}/providers/Microsoft.KeyVault/vaults`)).toBe(`Could not check: SubscriptionNotFound: The subscription '${SUB_B}' could not be found. (HTTP 404)`);
    expect(unknown('azure-keyvault-secret-without-expiry', '/vaults/kv-good')).toBe('Could not check: Forbidden (ForbiddenByPolicy): Caller is not authorized to list secrets. (HTTP 403)');
    expect(find(outcome, 'azure-storage-secure-transfer-disabled', '/stbad').resourceId).toContain(SUB_B);
  });

  it('never keeps a token or a signature a denial echoes, and names the status of one that is not Azure\'s JSON', async () => {
    const accounts = fake.route(`/subscriptions/${SUB_A}/providers/Microsoft.Storage/storageAccounts`);
    const token = `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQuYXp1cmUuY29tIn0.${randomBytes(16).toString('hex')}`;
    const sig = randomBytes(12).toString('base64url');
    const message = `Access denied for Authorization: Bearer ${token} to https://st.blob.core.windows.net/c?sv=2022-11-02&sig=${sig}&se=2030 (AccountKey=${sig}==)`;
    fake.inject({ route: accounts, times: 1, status: 403, body: { error: { code: 'AuthorizationFailed', message } } });
    const outcome = await scanner().scan({ credentials: stored(), checks: ['azure-storage-secure-transfer-disabled'] });
    const detail = find(outcome, 'azure-storage-secure-transfer-disabled', '/providers/Microsoft.Storage/storageAccounts').statusDetail;
    expect(detail).toMatch(/^Could not check: AuthorizationFailed: Access denied for Authorization: Bearer \[redacted\] to https:\/\/st\.blob\.core\.windows\.net\/c\?sv=2022-11-02&sig=\[redacted\]&se=2030 \(AccountKey=\[redacted\]\) \(HTTP 403\)$/);
    expect(detail).not.toContain(sig);
    expect(detail).not.toContain(token.split('.')[2]);
    fake.inject({ route: accounts, times: 1, status: 403, body: '<html><body>403 Forbidden</body></html>' });
    const proxied = await scanner().scan({ credentials: stored(), checks: ['azure-storage-secure-transfer-disabled'] });
    expect(find(proxied, 'azure-storage-secure-transfer-disabled', '/providers/Microsoft.Storage/storageAccounts').statusDetail).toMatch(/^Could not check: Forbidden: .+ \(HTTP 403\)$/);
  });

  it('stops with an authentication error, without the secret, when Entra ID rejects the secret', async () => {
    const wrong = `wrong-${randomBytes(8).toString('hex')}`;
    const error = await scanner()
      .scan({ credentials: stored({ client_secret: wrong }) })
      .then(() => null, (e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('AUTHENTICATION_ERROR');
    expect(String((error as Error).message)).not.toContain(wrong);
  });
});
