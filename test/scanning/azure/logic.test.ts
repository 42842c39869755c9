/**
 * The check logic beyond one pass and one fail: NSG rules as Azure evaluates them (priority, Deny
 * before Allow, ranges, lists, the internet's many names, public service ports), activity log
 * alerts that do not count, and per-resource unknowns when one child call failed.
 */
import { describe, expect, it } from 'vitest';
import { check as alertDeleteNsg } from '../../../src/scanning/checks/azure/monitor/azure-monitor-alert-delete-nsg-missing.js';
import { check as customRole } from '../../../src/scanning/checks/azure/iam/azure-iam-custom-role-subscription-owner.js';
import { check as keyExpiry } from '../../../src/scanning/checks/azure/keyvault/azure-keyvault-key-without-expiry.js';
import { isInternetSource, rangeCovers, ruleOpening, udpRulesOpen } from '../../../src/scanning/checks/azure/lib/nsg.js';
import { check as httpOpen } from '../../../src/scanning/checks/azure/network/azure-network-nsg-http-open-to-internet.js';
import { check as sshOpen } from '../../../src/scanning/checks/azure/network/azure-network-nsg-ssh-open-to-internet.js';
import { check as vnetFlowLogs } from '../../../src/scanning/checks/azure/network/azure-network-vnet-flow-logs-disabled.js';
import { check as tde } from '../../../src/scanning/checks/azure/sql/azure-sql-database-tde-disabled.js';
import { check as allIps } from '../../../src/scanning/checks/azure/sql/azure-sql-firewall-allows-all-ips.js';
import { DEFAULT_SETTINGS } from '../../../src/scanning/types.js';
import { DENIED, NOW, SUB, failed, nsg, ok, resource, rule, snapshot, sqlServer, vault } from './fixtures/snapshot.js';

describe('NSG rule evaluation', () => {
  it.each(['*', 'Internet', 'INTERNET', 'Any', '0.0.0.0/0', '0.0.0.0', '::/0'])('treats %s as the internet', (prefix) => {
    expect(isInternetSource(prefix)).toBe(true);
  });

  it.each(['10.0.0.0/8', 'VirtualNetwork', 'AzureLoadBalancer', '203.0.113.0/24'])('does not treat %s as the internet', (prefix) => {
    expect(isInternetSource(prefix)).toBe(false);
  });

  it('reads single ports, ranges and *', () => {
    expect(rangeCovers('22', 22)).toBe(true);
    expect(rangeCovers('20-25', 22)).toBe(true);
    expect(rangeCovers('20 - 25', 26)).toBe(false);
    expect(rangeCovers('*', 3389)).toBe(true);
    expect(rangeCovers('2222', 22)).toBe(false);
  });

  it('finds a port inside a port list and an all-ports rule', () => {
    expect(ruleOpening(nsg(rule('list', 100, { destinationPortRanges: ['80', '3380-3390'] })), 3389, 'Tcp')?.name).toBe('list');
    expect(ruleOpening(nsg(rule('all', 100, { protocol: '*', destinationPortRanges: ['*'] })), 22, 'Tcp')?.name).toBe('all');
  });

  it('lets a higher-priority Deny from the internet win, whatever the order of the rules in the list', () => {
    const group = nsg(rule('allow', 300, { sourceAddressPrefixes: ['*'] }), rule('deny', 100, { access: 'Deny' }));
    expect(ruleOpening(group, 22, 'Tcp')).toBeNull();
    const lower = nsg(rule('allow', 100, { sourceAddressPrefixes: ['*'] }), rule('deny', 300, { access: 'Deny' }));
    expect(ruleOpening(lower, 22, 'Tcp')?.name).toBe('allow');
  });

  it('does not let a Deny of one range stop the rest of the internet', () => {
    const group = nsg(rule('deny-one', 100, { access: 'Deny', sourceAddressPrefixes: ['198.51.100.0/24'] }), rule('allow', 200));
    expect(ruleOpening(group, 22, 'Tcp')?.name).toBe('allow');
  });

  it('ignores outbound rules, other protocols and trusted sources', () => {
    expect(ruleOpening(nsg(rule('out', 100, { direction: 'Outbound' })), 22, 'Tcp')).toBeNull();
    expect(ruleOpening(nsg(rule('udp', 100, { protocol: 'Udp' })), 22, 'Tcp')).toBeNull();
    expect(ruleOpening(nsg(rule('office', 100, { sourceAddressPrefixes: ['203.0.113.0/24'] })), 22, 'Tcp')).toBeNull();
  });

  it('finds UDP opened by a `*` protocol rule, unless all UDP from the internet is denied first', () => {
    expect(udpRulesOpen(nsg(rule('any', 200, { protocol: '*', destinationPortRanges: ['*'] }))).map((r) => r.name)).toEqual(['any']);
    expect(udpRulesOpen(nsg(rule('deny', 100, { access: 'Deny', protocol: 'Udp', destinationPortRanges: ['*'] }), rule('any', 200, { protocol: '*' })))).toEqual([]);
  });

  it('reports SSH opened through a range with the rule that opens it, as exposed', () => {
    const [result] = sshOpen.evaluate(snapshot({ 'network.securityGroups': ok([nsg(rule('mgmt', 100, { destinationPortRanges: ['20-30'] }))]) }), DEFAULT_SETTINGS, NOW);
    expect(result).toMatchObject({ status: 'fail', exposed: true });
    expect(result?.statusDetail).toContain('20-30');
  });

  it('does not call a public web tier on 443 an HTTP(S) management finding, unless 443 is not a public service port', () => {
    const web = snapshot({ 'network.securityGroups': ok([nsg(rule('web', 100, { destinationPortRanges: ['443'] }))]) });
    expect(httpOpen.evaluate(web, DEFAULT_SETTINGS, NOW)[0]).toMatchObject({ status: 'pass' });
    expect(httpOpen.evaluate(web, DEFAULT_SETTINGS, NOW)[0]?.statusDetail).toContain('443 open as public service ports');
    expect(httpOpen.evaluate(web, { ...DEFAULT_SETTINGS, publicServicePorts: [] }, NOW)[0]).toMatchObject({ status: 'fail' });
    expect(httpOpen.evaluate(web, { ...DEFAULT_SETTINGS, publicServicePorts: [] }, NOW)[0]?.statusDetail).toContain('443 by rule web');
  });
});

describe('activity log alerts that do not count', () => {
  const operation = 'Microsoft.Network/networkSecurityGroups/delete';
  const alert = (overrides: Record<string, unknown>) => ({
    ...resource('microsoft.insights/activityLogAlerts', 'a1', 'global'),
    enabled: true,
    scopes: [`/subscriptions/${SUB}`],
    conditions: [{ field: 'operationName', equals: operation }],
    ...overrides,
  });
  const statusWith = (overrides: Record<string, unknown>) => alertDeleteNsg.evaluate(snapshot({ 'monitor.activityLogAlerts': ok([alert(overrides)]) }), DEFAULT_SETTINGS, NOW)[0]?.status;

  it('counts an enabled alert scoped to the subscription (scope compared case-insensitively)', () => {
    expect(statusWith({ scopes: [`/SUBSCRIPTIONS/${SUB.toUpperCase()}/`] })).toBe('pass');
  });

  it('does not count a disabled alert, one scoped to a resource group, or one narrowed to a resource', () => {
    expect(statusWith({ enabled: false })).toBe('fail');
    expect(statusWith({ scopes: [`/subscriptions/${SUB}/resourceGroups/rg`] })).toBe('fail');
    expect(statusWith({ conditions: [{ field: 'operationName', equals: operation }, { field: 'resourceId', equals: 'x' }] })).toBe('fail');
  });
});

describe('per-resource outcomes', () => {
  it('makes only the vault whose keys could not be listed unknown', () => {
    const other = { ...vault(), id: `${vault().id}-2`, name: 'kv2' };
    const results = keyExpiry.evaluate(
      snapshot({ 'keyvault.keys': ok([{ resource: vault(), value: failed() }, { resource: other, value: ok([{ id: `${other.id}/keys/k`, name: 'k', enabled: true, expires: null }]) }]) }),
      DEFAULT_SETTINGS,
      NOW,
    );
    expect(results.map((r) => [r.resourceId, r.status])).toEqual([
      [vault().id, 'unknown'],
      [`${other.id}/keys/k`, 'fail'],
    ]);
    expect(results[0]?.statusDetail).toBe(`Could not check: ${DENIED}`);
  });

  it('makes a database whose TDE could not be read unknown, the others evaluated', () => {
    const server = sqlServer();
    const database = (name: string, state: ReturnType<typeof ok<string>> | ReturnType<typeof failed>) => ({ id: `${server.id}/databases/${name}`, name, location: 'westeurope', transparentDataEncryption: state });
    const results = tde.evaluate(snapshot({ 'sql.databases': ok([{ resource: server, value: ok([database('a', failed()), database('b', ok('Enabled'))]) }]) }), DEFAULT_SETTINGS, NOW);
    expect(results.map((r) => r.status)).toEqual(['unknown', 'pass']);
  });

  it('is unknown for a network whose region\'s flow logs could not be read, unless a readable log covers it', () => {
    const network = { ...resource('Microsoft.Network/virtualNetworks', 'vnet1'), subnetNetworkSecurityGroupIds: [] };
    const watcher = resource('Microsoft.Network/networkWatchers', 'NetworkWatcher_westeurope');
    const parts = { 'network.virtualNetworks': ok([network]), 'network.flowLogs': ok([{ resource: watcher, value: failed() }]) };
    expect(vnetFlowLogs.evaluate(snapshot(parts), DEFAULT_SETTINGS, NOW)[0]?.status).toBe('unknown');
  });

  it('does not flag a "*" custom role assignable only below the subscription', () => {
    const role = { id: 'r', roleName: 'RG owner', roleType: 'CustomRole', assignableScopes: [`/subscriptions/${SUB}/resourceGroups/rg`], actions: ['*'] };
    expect(customRole.evaluate(snapshot({ 'authorization.customRoles': ok([role]) }), DEFAULT_SETTINGS, NOW)[0]?.status).toBe('pass');
  });

  it('fails a rule spanning the whole IPv4 space, not a narrower one', () => {
    const server = sqlServer();
    const rules = (end: string) => snapshot({ 'sql.firewallRules': ok([{ resource: server, value: ok([{ id: 'r', name: 'r', startIpAddress: '0.0.0.0', endIpAddress: end }]) }]) });
    expect(allIps.evaluate(rules('255.255.255.255'), DEFAULT_SETTINGS, NOW)[0]).toMatchObject({ status: 'fail', exposed: true });
    expect(allIps.evaluate(rules('10.255.255.255'), DEFAULT_SETTINGS, NOW)[0]?.status).toBe('pass');
  });
});
