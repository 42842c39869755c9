/**
 * What the Azure collectors gather and the Azure checks read: plain, typed data with no SDK types,
 * per subscription. Every part records whether it could be collected; a part that failed (a 403 on
 * that API, a throttled call that never recovered) carries the reason, and the checks that needed it
 * report `unknown` for that subscription. Parts with one call per parent (a vault's keys, a server's
 * firewall rules) keep one `Collected` per parent, so a denied vault makes only that vault unknown.
 */

export type Collected<T> = { ok: true; value: T } | { ok: false; error: string };

/** What every ARM resource the checks report on carries. `id` is the Azure resource id. */
export interface AzureResource {
  id: string;
  name: string;
  resourceGroup: string;
  /** The resource's location (`westeurope`), `global` when it has none. */
  location: string;
  tags: Record<string, string>;
}

/** One child list (or setting) per parent resource. */
export interface PerResource<R, T> {
  resource: R;
  value: Collected<T>;
}

// ------------------------------------------------------------------------------------------ storage

export interface StorageAccount extends AzureResource {
  enableHttpsTrafficOnly: boolean | null;
  allowBlobPublicAccess: boolean | null;
  /** `TLS1_0`, `TLS1_1`, `TLS1_2`, `TLS1_3`; null when not reported (the service default, TLS 1.0 on old accounts). */
  minimumTlsVersion: string | null;
  /** `Allow` or `Deny`; null when the account has no network rule set. */
  networkDefaultAction: string | null;
  /** null: not set, which Azure treats as allowed. */
  allowSharedKeyAccess: boolean | null;
  requireInfrastructureEncryption: boolean | null;
}

// ------------------------------------------------------------------------------------------ network

export interface SecurityRule {
  name: string;
  direction: 'Inbound' | 'Outbound';
  access: 'Allow' | 'Deny';
  /** `Tcp`, `Udp`, `Icmp`, `Esp`, `Ah` or `*`. */
  protocol: string;
  priority: number;
  /** Every source prefix of the rule: `sourceAddressPrefix` and `sourceAddressPrefixes` together. */
  sourceAddressPrefixes: string[];
  /** Every destination port: `destinationPortRange` and `destinationPortRanges` together (`22`, `1000-2000`, `*`). */
  destinationPortRanges: string[];
}

export interface NetworkSecurityGroup extends AzureResource {
  securityRules: SecurityRule[];
}

export interface VirtualNetwork extends AzureResource {
  /** The ids of the NSGs attached to its subnets. */
  subnetNetworkSecurityGroupIds: string[];
}

export type NetworkWatcher = AzureResource;

export interface FlowLog {
  id: string;
  name: string;
  /** The NSG or virtual network it records. */
  targetResourceId: string;
  enabled: boolean;
  retentionEnabled: boolean;
  /** 0 with retention enabled means "keep forever". */
  retentionDays: number;
}

// ----------------------------------------------------------------------------------------- keyvault

export interface KeyVault extends AzureResource {
  enableSoftDelete: boolean | null;
  enablePurgeProtection: boolean | null;
  enableRbacAuthorization: boolean | null;
}

/** A key or a secret as ARM lists them: attributes only, never the value. */
export interface VaultItem {
  id: string;
  name: string;
  enabled: boolean;
  /** ISO date, or null for no expiry. */
  expires: string | null;
}

// ---------------------------------------------------------------------------------------------- sql

export type SqlServer = AzureResource;

export interface SqlFirewallRule {
  id: string;
  name: string;
  startIpAddress: string;
  endIpAddress: string;
}

export interface SqlAuditingPolicy {
  /** `Enabled` or `Disabled`. */
  state: string;
  /** 0 means unlimited. */
  retentionDays: number;
}

export interface SqlAdministrator {
  login: string;
  administratorType: string;
}

export interface SqlDatabase {
  id: string;
  name: string;
  location: string;
  /** `Enabled` / `Disabled`, or why it could not be read. */
  transparentDataEncryption: Collected<string>;
}

// ------------------------------------------------------------------------------------ authorization

export interface RoleDefinition {
  id: string;
  roleName: string;
  /** `CustomRole` or `BuiltInRole`. */
  roleType: string;
  assignableScopes: string[];
  /** Every `actions` entry over all its permissions. */
  actions: string[];
}

export interface RoleAssignment {
  id: string;
  scope: string;
  principalId: string;
  principalType: string;
  /** The full role definition id (`/subscriptions/.../providers/Microsoft.Authorization/roleDefinitions/<guid>`). */
  roleDefinitionId: string;
}

// ------------------------------------------------------------------------------------ monitor, security

/**
 * A leaf condition: the event's `field` equals `equals`, or one of `containsAny` (case-insensitive).
 * Azure sets one of the two; a leaf with neither (an unreadable one) never holds.
 */
export interface ActivityLogAlertLeafCondition {
  field: string;
  equals?: string;
  containsAny?: string[];
}

/** One of `anyOf`'s leaves must hold — how the portal and the CIS remediation group operations. */
export interface ActivityLogAlertAnyOfCondition {
  anyOf: ActivityLogAlertLeafCondition[];
}

/** One entry of the alert's `allOf` (API 2020-10-01 shape): every entry must hold for the alert to fire. */
export type ActivityLogAlertCondition = ActivityLogAlertLeafCondition | ActivityLogAlertAnyOfCondition;

export interface ActivityLogAlert extends AzureResource {
  enabled: boolean;
  scopes: string[];
  conditions: ActivityLogAlertCondition[];
}

export interface DefenderPlan {
  id: string;
  /** `VirtualMachines`, `SqlServers`, `StorageAccounts`, ... */
  name: string;
  /** `Free` or `Standard`. */
  pricingTier: string;
}

// ---------------------------------------------------------------------------------------- the parts

export interface AzureParts {
  'storage.accounts': Collected<StorageAccount[]>;
  'network.securityGroups': Collected<NetworkSecurityGroup[]>;
  'network.virtualNetworks': Collected<VirtualNetwork[]>;
  'network.watchers': Collected<NetworkWatcher[]>;
  'network.flowLogs': Collected<Array<PerResource<NetworkWatcher, FlowLog[]>>>;
  'keyvault.vaults': Collected<KeyVault[]>;
  'keyvault.keys': Collected<Array<PerResource<KeyVault, VaultItem[]>>>;
  'keyvault.secrets': Collected<Array<PerResource<KeyVault, VaultItem[]>>>;
  'sql.servers': Collected<SqlServer[]>;
  'sql.firewallRules': Collected<Array<PerResource<SqlServer, SqlFirewallRule[]>>>;
  'sql.auditing': Collected<Array<PerResource<SqlServer, SqlAuditingPolicy>>>;
  'sql.administrators': Collected<Array<PerResource<SqlServer, SqlAdministrator[]>>>;
  'sql.databases': Collected<Array<PerResource<SqlServer, SqlDatabase[]>>>;
  'authorization.customRoles': Collected<RoleDefinition[]>;
  'authorization.roleAssignments': Collected<RoleAssignment[]>;
  'monitor.activityLogAlerts': Collected<ActivityLogAlert[]>;
  'security.pricings': Collected<DefenderPlan[]>;
}

export type AzurePart = keyof AzureParts;

export const AZURE_PARTS: readonly AzurePart[] = [
  'storage.accounts',
  'network.securityGroups',
  'network.virtualNetworks',
  'network.watchers',
  'network.flowLogs',
  'keyvault.vaults',
  'keyvault.keys',
  'keyvault.secrets',
  'sql.servers',
  'sql.firewallRules',
  'sql.auditing',
  'sql.administrators',
  'sql.databases',
  'authorization.customRoles',
  'authorization.roleAssignments',
  'monitor.activityLogAlerts',
  'security.pricings',
];

export interface AzureSubscriptionSnapshot {
  subscriptionId: string;
  displayName: string;
  parts: Partial<AzureParts>;
}

export interface AzureSnapshot {
  subscriptions: AzureSubscriptionSnapshot[];
}
