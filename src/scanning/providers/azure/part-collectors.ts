/**
 * Which collector produces each snapshot part, typed so that each entry returns its part's value.
 * Every part is collected once per subscription.
 */
import { collectCustomRoles, collectRoleAssignments } from './collectors/authorization.js';
import type { SubscriptionContext } from './collectors/context.js';
import { collectKeys, collectSecrets, collectVaults } from './collectors/keyvault.js';
import { collectActivityLogAlerts, collectDefenderPlans } from './collectors/monitor-security.js';
import { collectFlowLogs, collectSecurityGroups, collectVirtualNetworks, collectWatchers } from './collectors/network.js';
import { collectAdministrators, collectAuditing, collectDatabases, collectFirewallRules, collectSqlServers } from './collectors/sql.js';
import { collectStorageAccounts } from './collectors/storage.js';
import type { AzurePart, AzureParts, Collected } from './snapshot.js';

export type PartValue<P extends AzurePart> = AzureParts[P] extends Collected<infer T> ? T : never;

export const PART_COLLECTORS: { [P in AzurePart]: (ctx: SubscriptionContext) => Promise<PartValue<P>> } = {
  'storage.accounts': collectStorageAccounts,
  'network.securityGroups': collectSecurityGroups,
  'network.virtualNetworks': collectVirtualNetworks,
  'network.watchers': collectWatchers,
  'network.flowLogs': collectFlowLogs,
  'keyvault.vaults': collectVaults,
  'keyvault.keys': collectKeys,
  'keyvault.secrets': collectSecrets,
  'sql.servers': collectSqlServers,
  'sql.firewallRules': collectFirewallRules,
  'sql.auditing': collectAuditing,
  'sql.administrators': collectAdministrators,
  'sql.databases': collectDatabases,
  'authorization.customRoles': collectCustomRoles,
  'authorization.roleAssignments': collectRoleAssignments,
  'monitor.activityLogAlerts': collectActivityLogAlerts,
  'security.pricings': collectDefenderPlans,
};
