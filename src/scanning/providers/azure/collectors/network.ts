/** Network security groups, virtual networks, Network Watchers and their flow logs. */
import type { FlowLog, NetworkSecurityGroup, NetworkWatcher, PerResource, SecurityRule, VirtualNetwork } from '../snapshot.js';
import { listAll, perResource, resourceOf, type SubscriptionContext } from './context.js';

interface RawRule {
  name?: string;
  direction?: string;
  access?: string;
  protocol?: string;
  priority?: number;
  sourceAddressPrefix?: string;
  sourceAddressPrefixes?: string[];
  destinationPortRange?: string;
  destinationPortRanges?: string[];
}

function ruleOf(rule: RawRule): SecurityRule {
  return {
    name: rule.name ?? '',
    direction: rule.direction === 'Outbound' ? 'Outbound' : 'Inbound',
    access: rule.access === 'Deny' ? 'Deny' : 'Allow',
    protocol: rule.protocol ?? '*',
    priority: rule.priority ?? 0,
    sourceAddressPrefixes: [...(rule.sourceAddressPrefix ? [rule.sourceAddressPrefix] : []), ...(rule.sourceAddressPrefixes ?? [])],
    destinationPortRanges: [...(rule.destinationPortRange ? [rule.destinationPortRange] : []), ...(rule.destinationPortRanges ?? [])],
  };
}

export async function collectSecurityGroups(ctx: SubscriptionContext): Promise<NetworkSecurityGroup[]> {
  const groups = await listAll(ctx.clients.network().networkSecurityGroups.listAll());
  return groups.map((group) => ({ ...resourceOf(group), securityRules: (group.securityRules ?? []).map(ruleOf) }));
}

export async function collectVirtualNetworks(ctx: SubscriptionContext): Promise<VirtualNetwork[]> {
  const networks = await listAll(ctx.clients.network().virtualNetworks.listAll());
  return networks.map((network) => ({
    ...resourceOf(network),
    subnetNetworkSecurityGroupIds: (network.subnets ?? []).flatMap((subnet) => (subnet.networkSecurityGroup?.id ? [subnet.networkSecurityGroup.id] : [])),
  }));
}

export function collectWatchers(ctx: SubscriptionContext): Promise<NetworkWatcher[]> {
  return ctx.once('network.watchers', async () => (await listAll(ctx.clients.network().networkWatchers.listAll())).map(resourceOf));
}

export async function collectFlowLogs(ctx: SubscriptionContext): Promise<Array<PerResource<NetworkWatcher, FlowLog[]>>> {
  const watchers = await collectWatchers(ctx);
  return perResource(ctx, watchers, async (watcher) => {
    const logs = await listAll(ctx.clients.network().flowLogs.list(watcher.resourceGroup, watcher.name));
    return logs.map((log) => ({
      id: log.id ?? '',
      name: log.name ?? '',
      targetResourceId: log.targetResourceId ?? '',
      enabled: log.enabled ?? false,
      retentionEnabled: log.retentionPolicy?.enabled ?? false,
      retentionDays: log.retentionPolicy?.days ?? 0,
    }));
  });
}
