/**
 * Every Azure check over fixture snapshots, one test per outcome: pass, fail, unknown (each part it
 * needs failed to collect), and no result when there is nothing to look at. Metadata is checked for
 * shape, compliance frameworks and an `az` fix. The check-specific logic (NSG rule evaluation, SQL
 * firewall ranges, alert matching...) has its own tests in the service files beside this one.
 */
import { describe, expect, it } from 'vitest';
import type { AzureCheck } from '../../../src/scanning/checks/azure/lib/helpers.js';
import { FRAMEWORKS } from '../../../src/scanning/compliance/frameworks.js';
import { AZURE_PARTS, type AzureParts, type FlowLog, type VaultItem } from '../../../src/scanning/providers/azure/snapshot.js';
import { azureChecks } from '../../../src/scanning/registry.js';
import { DEFAULT_SETTINGS, SEVERITIES, type CheckResult } from '../../../src/scanning/types.js';
import { DENIED, NOW, SUB, failed, nsg, ok, resource, rule, snapshot, sqlServer, storageAccount, vault } from './fixtures/snapshot.js';

const watcher = resource('Microsoft.Network/networkWatchers', 'NetworkWatcher_westeurope');
const vnet = { ...resource('Microsoft.Network/virtualNetworks', 'vnet1'), subnetNetworkSecurityGroupIds: [] };
const flowLog = (settings: Partial<FlowLog> = {}): FlowLog => ({ id: `${watcher.id}/flowLogs/fl1`, name: 'fl1', targetResourceId: vnet.id, enabled: true, retentionEnabled: true, retentionDays: 90, ...settings });
const item = (expires: string | null): VaultItem => ({ id: `${vault().id}/keys/k1`, name: 'k1', enabled: true, expires });
const alert = (operation: string) => ({
  ...resource('microsoft.insights/activityLogAlerts', 'alert1', 'global'),
  enabled: true,
  scopes: [`/subscriptions/${SUB}`],
  conditions: [
    { field: 'category', equals: 'Administrative' },
    { field: 'operationName', equals: operation },
  ],
});
const UAA = '/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9';
const READER = '/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7';
const assignment = (role: string) => ({ id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleAssignments/a1`, scope: `/subscriptions/${SUB}`, principalId: 'p1', principalType: 'User', roleDefinitionId: `/subscriptions/${SUB}${role}` });
const role = (actions: string[]) => ({ id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/r1`, roleName: 'Custom', roleType: 'CustomRole', assignableScopes: [`/subscriptions/${SUB}`], actions });
const plan = (pricingTier: string) => ({ id: `/subscriptions/${SUB}/providers/Microsoft.Security/pricings/VirtualMachines`, name: 'VirtualMachines', pricingTier });
const server = sqlServer();

/** The operation each activity-log-alert check looks for, from its remediation. */
function operationOf(check: AzureCheck): string {
  const match = /operationName=(\S+)/.exec(check.meta.remediation.cli ?? '');
  if (!match?.[1]) throw new Error(`no operation in ${check.meta.id}`);
  return match[1];
}

interface Case {
  pass: Partial<AzureParts>;
  fail: Partial<AzureParts>;
  /** What the failure says. */
  detail: RegExp;
  /** Parts that hold nothing to evaluate (no result expected). */
  empty?: Partial<AzureParts>;
}

const storage = (settings: Parameters<typeof storageAccount>[0]): Partial<AzureParts> => ({ 'storage.accounts': ok([storageAccount(settings)]) });
const network = (...rules: ReturnType<typeof rule>[]): Partial<AzureParts> => ({ 'network.securityGroups': ok([nsg(...rules)]) });
const vaults = (settings: Parameters<typeof vault>[0]): Partial<AzureParts> => ({ 'keyvault.vaults': ok([vault(settings)]) });

const CASES: Record<string, Case | ((check: AzureCheck) => Case)> = {
  'azure-storage-secure-transfer-disabled': { pass: storage({}), fail: storage({ enableHttpsTrafficOnly: false }), detail: /plain HTTP/, empty: { 'storage.accounts': ok([]) } },
  'azure-storage-blob-public-access-allowed': { pass: storage({}), fail: storage({ allowBlobPublicAccess: null }), detail: /unset/, empty: { 'storage.accounts': ok([]) } },
  'azure-storage-min-tls-below-1-2': { pass: storage({ minimumTlsVersion: 'TLS1_3' }), fail: storage({ minimumTlsVersion: 'TLS1_1' }), detail: /TLS1_1/, empty: { 'storage.accounts': ok([]) } },
  'azure-storage-network-default-allow': { pass: storage({}), fail: storage({ networkDefaultAction: null }), detail: /no network rule set/, empty: { 'storage.accounts': ok([]) } },
  'azure-storage-shared-key-access-allowed': { pass: storage({}), fail: storage({ allowSharedKeyAccess: true }), detail: /Shared Key authorization is allowed/, empty: { 'storage.accounts': ok([]) } },
  'azure-storage-infrastructure-encryption-disabled': { pass: storage({}), fail: storage({ requireInfrastructureEncryption: null }), detail: /not enabled/, empty: { 'storage.accounts': ok([]) } },
  'azure-network-nsg-ssh-open-to-internet': { pass: network(rule('ssh', 100, { sourceAddressPrefixes: ['10.0.0.0/8'] })), fail: network(rule('ssh', 100)), detail: /22 by rule ssh/, empty: { 'network.securityGroups': ok([]) } },
  'azure-network-nsg-rdp-open-to-internet': { pass: network(rule('ssh', 100)), fail: network(rule('rdp', 100, { destinationPortRanges: ['3389'] })), detail: /3389 by rule rdp/, empty: { 'network.securityGroups': ok([]) } },
  'azure-network-nsg-udp-open-to-internet': { pass: network(rule('ssh', 100)), fail: network(rule('dns', 100, { protocol: 'Udp', destinationPortRanges: ['53'] })), detail: /UDP open to the internet by rule dns/, empty: { 'network.securityGroups': ok([]) } },
  'azure-network-nsg-http-open-to-internet': { pass: network(rule('web', 100, { destinationPortRanges: ['443'] })), fail: network(rule('console', 100, { destinationPortRanges: ['8080'] })), detail: /8080 by rule console/, empty: { 'network.securityGroups': ok([]) } },
  'azure-network-watcher-disabled': {
    pass: { 'network.virtualNetworks': ok([vnet]), 'network.watchers': ok([watcher]) },
    fail: { 'network.virtualNetworks': ok([vnet]), 'network.watchers': ok([]) },
    detail: /No Network Watcher in westeurope/,
    empty: { 'network.virtualNetworks': ok([]), 'network.watchers': ok([]) },
  },
  'azure-network-flow-log-retention-below-90-days': {
    pass: { 'network.flowLogs': ok([{ resource: watcher, value: ok([flowLog({ retentionDays: 0 })]) }]) },
    fail: { 'network.flowLogs': ok([{ resource: watcher, value: ok([flowLog({ retentionEnabled: false })]) }]) },
    detail: /Retention is not enabled/,
    empty: { 'network.flowLogs': ok([{ resource: watcher, value: ok([]) }]) },
  },
  'azure-network-vnet-flow-logs-disabled': {
    pass: { 'network.virtualNetworks': ok([vnet]), 'network.flowLogs': ok([{ resource: watcher, value: ok([flowLog()]) }]) },
    fail: { 'network.virtualNetworks': ok([vnet]), 'network.flowLogs': ok([{ resource: watcher, value: ok([flowLog({ enabled: false })]) }]) },
    detail: /No enabled flow log/,
    empty: { 'network.virtualNetworks': ok([]), 'network.flowLogs': ok([]) },
  },
  'azure-keyvault-soft-delete-disabled': { pass: vaults({ enableSoftDelete: null }), fail: vaults({ enableSoftDelete: false }), detail: /Soft delete is disabled/, empty: { 'keyvault.vaults': ok([]) } },
  'azure-keyvault-purge-protection-disabled': { pass: vaults({}), fail: vaults({ enablePurgeProtection: null }), detail: /Purge protection is not enabled/, empty: { 'keyvault.vaults': ok([]) } },
  'azure-keyvault-rbac-disabled': { pass: vaults({}), fail: vaults({ enableRbacAuthorization: false }), detail: /access policies/, empty: { 'keyvault.vaults': ok([]) } },
  'azure-keyvault-key-without-expiry': {
    pass: { 'keyvault.keys': ok([{ resource: vault(), value: ok([item('2027-01-01T00:00:00.000Z')]) }]) },
    fail: { 'keyvault.keys': ok([{ resource: vault(), value: ok([item(null)]) }]) },
    detail: /key k1 in vault kv1 has no expiration date/,
    empty: { 'keyvault.keys': ok([{ resource: vault(), value: ok([{ ...item(null), enabled: false }]) }]) },
  },
  'azure-keyvault-secret-without-expiry': {
    pass: { 'keyvault.secrets': ok([{ resource: vault(), value: ok([item('2027-01-01T00:00:00.000Z')]) }]) },
    fail: { 'keyvault.secrets': ok([{ resource: vault(), value: ok([item(null)]) }]) },
    detail: /secret k1 in vault kv1 has no expiration date/,
    empty: { 'keyvault.secrets': ok([]) },
  },
  'azure-sql-firewall-allows-all-ips': {
    pass: { 'sql.firewallRules': ok([{ resource: server, value: ok([{ id: 'r', name: 'azure', startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }]) }]) },
    fail: { 'sql.firewallRules': ok([{ resource: server, value: ok([{ id: 'r', name: 'open', startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' }]) }]) },
    detail: /open admits 0\.0\.0\.0–255\.255\.255\.255/,
    empty: { 'sql.firewallRules': ok([]) },
  },
  'azure-sql-firewall-allows-azure-services': {
    pass: { 'sql.firewallRules': ok([{ resource: server, value: ok([{ id: 'r', name: 'office', startIpAddress: '203.0.113.1', endIpAddress: '203.0.113.9' }]) }]) },
    fail: { 'sql.firewallRules': ok([{ resource: server, value: ok([{ id: 'r', name: 'AllowAllWindowsAzureIps', startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }]) }]) },
    detail: /AllowAllWindowsAzureIps \(0\.0\.0\.0\) admits every Azure service/,
    empty: { 'sql.firewallRules': ok([]) },
  },
  'azure-sql-auditing-disabled': {
    pass: { 'sql.auditing': ok([{ resource: server, value: ok({ state: 'Enabled', retentionDays: 0 }) }]) },
    fail: { 'sql.auditing': ok([{ resource: server, value: ok({ state: 'Disabled', retentionDays: 0 }) }]) },
    detail: /Server auditing is Disabled/,
    empty: { 'sql.auditing': ok([]) },
  },
  'azure-sql-auditing-retention-below-90-days': {
    pass: { 'sql.auditing': ok([{ resource: server, value: ok({ state: 'Enabled', retentionDays: 90 }) }]) },
    fail: { 'sql.auditing': ok([{ resource: server, value: ok({ state: 'Enabled', retentionDays: 89 }) }]) },
    detail: /kept 89 days, fewer than 90/,
    empty: { 'sql.auditing': ok([]) },
  },
  'azure-sql-entra-admin-missing': {
    pass: { 'sql.administrators': ok([{ resource: server, value: ok([{ login: 'dba', administratorType: 'ActiveDirectory' }]) }]) },
    fail: { 'sql.administrators': ok([{ resource: server, value: ok([]) }]) },
    detail: /No Microsoft Entra administrator/,
    empty: { 'sql.administrators': ok([]) },
  },
  'azure-sql-database-tde-disabled': {
    pass: { 'sql.databases': ok([{ resource: server, value: ok([{ id: `${server.id}/databases/app`, name: 'app', location: 'westeurope', transparentDataEncryption: ok('Enabled') }]) }]) },
    fail: { 'sql.databases': ok([{ resource: server, value: ok([{ id: `${server.id}/databases/app`, name: 'app', location: 'westeurope', transparentDataEncryption: ok('Disabled') }]) }]) },
    detail: /Transparent data encryption is Disabled/,
    empty: { 'sql.databases': ok([{ resource: server, value: ok([]) }]) },
  },
  'azure-iam-custom-role-subscription-owner': {
    pass: { 'authorization.customRoles': ok([role(['Microsoft.Compute/*/read'])]) },
    fail: { 'authorization.customRoles': ok([role(['*'])]) },
    detail: /grants '\*' and is assignable at \/subscriptions\//,
    empty: { 'authorization.customRoles': ok([]) },
  },
  'azure-iam-user-access-administrator-assigned': {
    pass: { 'authorization.roleAssignments': ok([assignment(READER)]) },
    fail: { 'authorization.roleAssignments': ok([assignment(UAA)]) },
    detail: /User Access Administrator is assigned to User p1/,
  },
  'azure-defender-plans-off': {
    pass: { 'security.pricings': ok([plan('Standard')]) },
    fail: { 'security.pricings': ok([plan('Free')]) },
    detail: /Defender for Servers is off \(Free tier\)/,
    empty: { 'security.pricings': ok([]) },
  },
};

function caseOf(check: AzureCheck): Case {
  if (check.meta.service === 'monitor') {
    const operation = operationOf(check);
    return {
      pass: { 'monitor.activityLogAlerts': ok([alert(operation.toUpperCase())]) },
      fail: { 'monitor.activityLogAlerts': ok([alert('Microsoft.Compute/virtualMachines/write')]) },
      detail: new RegExp(`No enabled activity log alert on the subscription fires on ${operation.replace(/\./g, '\\.')}`),
    };
  }
  const found = CASES[check.meta.id];
  if (!found) throw new Error(`no fixture case for ${check.meta.id}`);
  return typeof found === 'function' ? found(check) : found;
}

function run(check: AzureCheck, parts: Partial<AzureParts>): CheckResult[] {
  return check.evaluate(snapshot(parts), DEFAULT_SETTINGS, NOW);
}

const ALL = azureChecks.map((check) => [check.meta.id, check] as const);

describe('the Azure check registry', () => {
  it('has at least 30 checks with unique ids, every one with a fixture case', () => {
    expect(azureChecks.length).toBeGreaterThanOrEqual(30);
    expect(new Set(azureChecks.map((c) => c.meta.id)).size).toBe(azureChecks.length);
    for (const check of azureChecks) expect(() => caseOf(check)).not.toThrow();
  });
});

describe.each(ALL)('%s', (_id, check) => {
  const { meta } = check;
  const fixture = caseOf(check);

  it('has well-formed metadata: id, texts, az fix, docs, compliance, known parts', () => {
    expect(meta.provider).toBe('azure');
    expect(meta.id).toMatch(new RegExp(`^azure-${meta.service}-[a-z0-9]+(-[a-z0-9]+)*$`));
    expect(['storage', 'network', 'keyvault', 'sql', 'iam', 'monitor', 'defender']).toContain(meta.service);
    expect(meta.resourceType).toMatch(/^Microsoft\.[A-Za-z]+\/[A-Za-z/]+$/);
    expect(SEVERITIES).toContain(meta.severity);
    for (const text of [meta.title, meta.description, meta.risk, meta.remediation.text]) expect(text.length).toBeGreaterThan(10);
    expect(meta.remediation.cli).toMatch(/^az [a-z-]+ [a-z -]+.*<[A-Z_]+>/);
    expect(meta.remediation.url).toMatch(/^https:\/\/learn\.microsoft\.com\/azure\//);
    const frameworks = FRAMEWORKS.map(({ id }) => id);
    for (const [framework, controls] of Object.entries(meta.compliance)) {
      expect(frameworks).toContain(framework);
      expect(controls.length).toBeGreaterThan(0);
      for (const control of controls) expect(typeof control).toBe('string');
    }
    for (const control of meta.compliance['cis-azure-3.0'] ?? []) expect(control).toMatch(/^\d+(\.\d+)+$/);
    expect(Object.keys(meta.compliance)).toEqual(expect.arrayContaining(['soc2', 'iso27001-2022', 'nist-800-53-r5', 'nist-csf-2.0']));
    expect(meta.needs.length).toBeGreaterThan(0);
    for (const part of meta.needs) expect(AZURE_PARTS).toContain(part);
  });

  it('passes a compliant resource', () => {
    const results = run(check, fixture.pass);
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) expect(result, result.statusDetail).toMatchObject({ status: 'pass' });
  });

  it('fails a non-compliant resource, saying what is wrong', () => {
    const results = run(check, fixture.fail);
    const failing = results.filter((r) => r.status === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    expect(failing.map((r) => r.statusDetail).join('\n')).toMatch(fixture.detail);
    for (const result of failing) expect(result.resourceId).toMatch(new RegExp(`^/subscriptions/${SUB}(/|$)`));
  });

  it.each(meta.needs.map((part) => [part]))('is unknown, with the reason, when %s could not be collected', (part) => {
    const results = run(check, { ...fixture.fail, [part]: failed() });
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) expect(result).toMatchObject({ status: 'unknown', statusDetail: `Could not check: ${DENIED}` });
  });

  const { empty } = fixture;
  if (empty) {
    it('gives no result when there is nothing to look at', () => {
      expect(run(check, empty)).toEqual([]);
    });
  } else {
    it('reports once on the subscription itself, whatever it holds', () => {
      expect(run(check, fixture.fail).map((r) => [r.resourceId, r.region])).toEqual([[`/subscriptions/${SUB}`, 'global']]);
    });
  }
});
