/**
 * A small Azure estate for the fake Resource Manager, in ARM's wire format (`properties` nested, REST
 * names such as `supportsHttpsTrafficOnly` and `networkAcls`): per subscription one good and one
 * bad resource of each kind the checks read, so a scan produces passes and failures everywhere.
 */
import type { ArmWorld } from './azure-arm.js';

export const TENANT = '11111111-2222-3333-4444-555555555555';
export const CLIENT = '66666666-7777-8888-9999-000000000000';
export const SUB_A = 'aaaaaaaa-0000-0000-0000-000000000001';
export const SUB_B = 'aaaaaaaa-0000-0000-0000-000000000002';
const UAA = '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9';
/** 2030-01-01 in seconds: keys and secrets "with expiry". */
const EXP = 1893456000;

type Lists = Record<string, unknown[]>;
type Objects = Record<string, unknown>;

function rg(sub: string, group: string): string {
  return `/subscriptions/${sub}/resourceGroups/${group}`;
}

function storageAccount(sub: string, name: string, good: boolean): unknown {
  return {
    id: `${rg(sub, 'rg-data')}/providers/Microsoft.Storage/storageAccounts/${name}`,
    name,
    type: 'Microsoft.Storage/storageAccounts',
    location: 'westeurope',
    tags: good ? { environment: 'prod' } : {},
    kind: 'StorageV2',
    sku: { name: 'Standard_LRS', tier: 'Standard' },
    properties: {
      supportsHttpsTrafficOnly: good,
      allowBlobPublicAccess: !good,
      minimumTlsVersion: good ? 'TLS1_2' : 'TLS1_0',
      networkAcls: { defaultAction: good ? 'Deny' : 'Allow', bypass: 'AzureServices', virtualNetworkRules: [], ipRules: [] },
      allowSharedKeyAccess: !good,
      encryption: { keySource: 'Microsoft.Storage', requireInfrastructureEncryption: good, services: {} },
    },
  };
}

function rule(name: string, priority: number, properties: Record<string, unknown>): unknown {
  return { name, properties: { direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourcePortRange: '*', destinationAddressPrefix: '*', priority, ...properties } };
}

/** The resources of one subscription; `storageAccounts` extra accounts exercise pagination. */
export function subscriptionWorld(sub: string, options: { extraStorageAccounts?: number } = {}): { lists: Lists; objects: Objects } {
  const network = `${rg(sub, 'rg-net')}/providers/Microsoft.Network`;
  const watcherRg = `${rg(sub, 'NetworkWatcherRG')}/providers/Microsoft.Network/networkWatchers/NetworkWatcher_westeurope`;
  const vault = (name: string) => `${rg(sub, 'rg-sec')}/providers/Microsoft.KeyVault/vaults/${name}`;
  const server = (name: string) => `${rg(sub, 'rg-db')}/providers/Microsoft.Sql/servers/${name}`;
  const extra = Array.from({ length: options.extraStorageAccounts ?? 0 }, (_, i) => storageAccount(sub, `stpage${i}`, true));
  const lists: Lists = {
    [`/subscriptions/${sub}/providers/Microsoft.Storage/storageAccounts`]: [storageAccount(sub, 'stgood', true), storageAccount(sub, 'stbad', false), ...extra],
    [`/subscriptions/${sub}/providers/Microsoft.Network/networkSecurityGroups`]: [
      {
        id: `${network}/networkSecurityGroups/nsg-open`,
        name: 'nsg-open',
        location: 'westeurope',
        properties: {
          securityRules: [
            rule('ssh-range', 100, { sourceAddressPrefix: 'Internet', destinationPortRange: '20-25' }),
            rule('rdp-list', 110, { sourceAddressPrefix: '*', destinationPortRanges: ['3389', '443'] }),
            rule('dns-udp', 120, { protocol: 'Udp', sourceAddressPrefix: '0.0.0.0/0', destinationPortRange: '53' }),
            rule('console', 130, { sourceAddressPrefixes: ['Any'], destinationPortRange: '8443' }),
          ],
        },
      },
      {
        id: `${network}/networkSecurityGroups/nsg-web`,
        name: 'nsg-web',
        location: 'westeurope',
        properties: {
          securityRules: [
            rule('deny-ssh', 100, { access: 'Deny', sourceAddressPrefix: 'Internet', destinationPortRange: '22' }),
            rule('web', 110, { sourceAddressPrefix: 'Internet', destinationPortRange: '443' }),
            rule('ssh-all', 200, { sourceAddressPrefix: '*', destinationPortRange: '22' }),
            rule('ssh-office', 210, { sourceAddressPrefix: '203.0.113.0/24', destinationPortRange: '3389' }),
          ],
        },
      },
    ],
    [`/subscriptions/${sub}/providers/Microsoft.Network/virtualNetworks`]: [
      {
        id: `${network}/virtualNetworks/vnet-web`,
        name: 'vnet-web',
        location: 'westeurope',
        properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [{ id: `${network}/virtualNetworks/vnet-web/subnets/web`, name: 'web', properties: { addressPrefix: '10.0.1.0/24', networkSecurityGroup: { id: `${network}/networkSecurityGroups/nsg-web` } } }] },
      },
      { id: `${network}/virtualNetworks/vnet-east`, name: 'vnet-east', location: 'eastus', properties: { addressSpace: { addressPrefixes: ['10.1.0.0/16'] }, subnets: [] } },
    ],
    [`/subscriptions/${sub}/providers/Microsoft.Network/networkWatchers`]: [{ id: watcherRg, name: 'NetworkWatcher_westeurope', location: 'westeurope', properties: { provisioningState: 'Succeeded' } }],
    [`${watcherRg}/flowLogs`]: [
      {
        id: `${watcherRg}/flowLogs/fl-web`,
        name: 'fl-web',
        location: 'westeurope',
        properties: { targetResourceId: `${network}/networkSecurityGroups/nsg-web`, storageId: `${rg(sub, 'rg-data')}/providers/Microsoft.Storage/storageAccounts/stgood`, enabled: true, retentionPolicy: { days: 30, enabled: true } },
      },
    ],
    [`/subscriptions/${sub}/providers/Microsoft.KeyVault/vaults`]: [
      { id: vault('kv-good'), name: 'kv-good', location: 'westeurope', properties: { tenantId: TENANT, sku: { family: 'A', name: 'standard' }, enableSoftDelete: true, enablePurgeProtection: true, enableRbacAuthorization: true } },
      { id: vault('kv-bad'), name: 'kv-bad', location: 'northeurope', properties: { tenantId: TENANT, sku: { family: 'A', name: 'standard' }, enableSoftDelete: true, enableRbacAuthorization: false } },
    ],
    [`${vault('kv-good')}/keys`]: [{ id: `${vault('kv-good')}/keys/k1`, name: 'k1', properties: { attributes: { enabled: true, exp: EXP } } }],
    [`${vault('kv-bad')}/keys`]: [
      { id: `${vault('kv-bad')}/keys/forever`, name: 'forever', properties: { attributes: { enabled: true } } },
      { id: `${vault('kv-bad')}/keys/off`, name: 'off', properties: { attributes: { enabled: false } } },
    ],
    [`${vault('kv-good')}/secrets`]: [{ id: `${vault('kv-good')}/secrets/s1`, name: 's1', properties: { attributes: { enabled: true, exp: EXP } } }],
    [`${vault('kv-bad')}/secrets`]: [{ id: `${vault('kv-bad')}/secrets/password`, name: 'password', properties: { attributes: { enabled: true } } }],
    [`/subscriptions/${sub}/providers/Microsoft.Sql/servers`]: [
      { id: server('sql-good'), name: 'sql-good', location: 'westeurope', properties: { version: '12.0' } },
      { id: server('sql-bad'), name: 'sql-bad', location: 'westeurope', properties: { version: '12.0' } },
    ],
    [`${server('sql-good')}/firewallRules`]: [{ id: `${server('sql-good')}/firewallRules/office`, name: 'office', properties: { startIpAddress: '203.0.113.1', endIpAddress: '203.0.113.20' } }],
    [`${server('sql-bad')}/firewallRules`]: [
      { id: `${server('sql-bad')}/firewallRules/everyone`, name: 'everyone', properties: { startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' } },
      { id: `${server('sql-bad')}/firewallRules/AllowAllWindowsAzureIps`, name: 'AllowAllWindowsAzureIps', properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' } },
    ],
    [`${server('sql-good')}/administrators`]: [{ id: `${server('sql-good')}/administrators/ActiveDirectory`, name: 'ActiveDirectory', properties: { administratorType: 'ActiveDirectory', login: 'dba-group', sid: CLIENT, tenantId: TENANT } }],
    [`${server('sql-bad')}/administrators`]: [],
    [`${server('sql-good')}/databases`]: [
      { id: `${server('sql-good')}/databases/master`, name: 'master', location: 'westeurope', properties: {} },
      { id: `${server('sql-good')}/databases/app`, name: 'app', location: 'westeurope', properties: {} },
    ],
    [`${server('sql-bad')}/databases`]: [{ id: `${server('sql-bad')}/databases/legacy`, name: 'legacy', location: 'westeurope', properties: {} }],
    [`/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions`]: [
      {
        id: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/0000aaaa-0000-0000-0000-000000000001`,
        name: '0000aaaa-0000-0000-0000-000000000001',
        properties: { roleName: 'Everything', type: 'CustomRole', assignableScopes: [`/subscriptions/${sub}`], permissions: [{ actions: ['*'], notActions: [] }] },
      },
      {
        id: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/0000aaaa-0000-0000-0000-000000000002`,
        name: '0000aaaa-0000-0000-0000-000000000002',
        properties: { roleName: 'VM operator', type: 'CustomRole', assignableScopes: [`/subscriptions/${sub}`], permissions: [{ actions: ['Microsoft.Compute/virtualMachines/start/action'], notActions: [] }] },
      },
    ],
    [`/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments`]: [
      {
        id: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments/a1`,
        name: 'a1',
        properties: { scope: `/subscriptions/${sub}`, principalId: 'bbbbbbbb-0000-0000-0000-000000000001', principalType: 'User', roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${UAA}` },
      },
    ],
    [`/subscriptions/${sub}/providers/microsoft.insights/activityLogAlerts`]: [
      {
        id: `${rg(sub, 'rg-sec')}/providers/microsoft.insights/activityLogAlerts/nsg-write`,
        name: 'nsg-write',
        location: 'Global',
        properties: {
          scopes: [`/subscriptions/${sub}`],
          enabled: true,
          condition: { allOf: [{ field: 'category', equals: 'Administrative' }, { field: 'operationName', equals: 'Microsoft.Network/networkSecurityGroups/write' }] },
          actions: { actionGroups: [] },
        },
      },
      // As the portal and the CIS remediation create them (API 2020-10-01): the operations in one
      // `anyOf`, names in whatever case the author typed.
      {
        id: `${rg(sub, 'rg-sec')}/providers/microsoft.insights/activityLogAlerts/policy-changes`,
        name: 'policy-changes',
        type: 'Microsoft.Insights/ActivityLogAlerts',
        location: 'Global',
        properties: {
          scopes: [`/subscriptions/${sub}`],
          enabled: true,
          condition: {
            allOf: [
              { field: 'category', equals: 'Administrative' },
              { anyOf: [{ field: 'operationName', equals: 'microsoft.authorization/policyassignments/write' }, { field: 'operationName', equals: 'Microsoft.Authorization/policyAssignments/delete' }] },
            ],
          },
          actions: { actionGroups: [{ actionGroupId: `${rg(sub, 'rg-sec')}/providers/microsoft.insights/actionGroups/secops`, webhookProperties: {} }] },
          description: 'Policy assignment created, changed or deleted',
        },
      },
      // Neither counts: switched off, and scoped to one resource group.
      {
        id: `${rg(sub, 'rg-sec')}/providers/microsoft.insights/activityLogAlerts/sql-rules-off`,
        name: 'sql-rules-off',
        location: 'Global',
        properties: {
          scopes: [`/subscriptions/${sub}`],
          enabled: false,
          condition: { allOf: [{ field: 'category', equals: 'Administrative' }, { anyOf: [{ field: 'operationName', equals: 'Microsoft.Sql/servers/firewallRules/write' }] }] },
          actions: { actionGroups: [] },
        },
      },
      {
        id: `${rg(sub, 'rg-sec')}/providers/microsoft.insights/activityLogAlerts/pip-one-group`,
        name: 'pip-one-group',
        location: 'Global',
        properties: {
          scopes: [`/subscriptions/${sub}/resourceGroups/rg-net`],
          enabled: true,
          condition: { allOf: [{ field: 'category', equals: 'Administrative' }, { field: 'operationName', containsAny: ['Microsoft.Network/publicIPAddresses/write'] }] },
          actions: { actionGroups: [] },
        },
      },
    ],
    [`/subscriptions/${sub}/providers/Microsoft.Security/pricings`]: [
      { id: `/subscriptions/${sub}/providers/Microsoft.Security/pricings/VirtualMachines`, name: 'VirtualMachines', type: 'Microsoft.Security/pricings', properties: { pricingTier: 'Standard' } },
      { id: `/subscriptions/${sub}/providers/Microsoft.Security/pricings/StorageAccounts`, name: 'StorageAccounts', type: 'Microsoft.Security/pricings', properties: { pricingTier: 'Free' } },
    ],
  };
  const objects: Objects = {
    [`${server('sql-good')}/auditingSettings/default`]: { id: `${server('sql-good')}/auditingSettings/default`, name: 'default', properties: { state: 'Enabled', retentionDays: 120 } },
    [`${server('sql-bad')}/auditingSettings/default`]: { id: `${server('sql-bad')}/auditingSettings/default`, name: 'default', properties: { state: 'Disabled', retentionDays: 0 } },
    [`${server('sql-good')}/databases/app/transparentDataEncryption/current`]: { name: 'current', properties: { state: 'Enabled' } },
    [`${server('sql-bad')}/databases/legacy/transparentDataEncryption/current`]: { name: 'current', properties: { state: 'Disabled' } },
  };
  return { lists, objects };
}

/** Two subscriptions the principal can see (and a disabled one it skips). */
export function smallEstate(secret: string, options: { pageSize?: number; extraStorageAccounts?: number } = {}): ArmWorld {
  const a = subscriptionWorld(SUB_A, options);
  const b = subscriptionWorld(SUB_B);
  return {
    tenantId: TENANT,
    clientId: CLIENT,
    clientSecret: secret,
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    lists: {
      '/subscriptions': [
        { id: `/subscriptions/${SUB_A}`, subscriptionId: SUB_A, tenantId: TENANT, displayName: 'Production', state: 'Enabled' },
        { id: `/subscriptions/${SUB_B}`, subscriptionId: SUB_B, tenantId: TENANT, displayName: 'Staging', state: 'Enabled' },
        { id: '/subscriptions/aaaaaaaa-0000-0000-0000-00000000dead', subscriptionId: 'aaaaaaaa-0000-0000-0000-00000000dead', tenantId: TENANT, displayName: 'Old', state: 'Disabled' },
      ],
      ...a.lists,
      ...b.lists,
    },
    objects: { ...a.objects, ...b.objects },
  };
}
