/** Compute Engine: firewall rules, networks, subnetworks and instances (aggregated over every region and zone), project metadata. */
import type { compute_v1 } from '@googleapis/compute';
import type { ComputeInstance, ComputeProject, FirewallRule, Subnetwork, VpcNetwork } from '../snapshot.js';
import { lastSegment, metadataItems, paginate, type GcpCollectorContext } from './context.js';

const page = (pageToken: string | undefined) => (pageToken ? { pageToken } : {});

/** Firewall protocols come as names or IANA numbers (`6`, `17`); absent means every protocol. */
function protocolName(protocol: string | null | undefined): string {
  const value = (protocol ?? 'all').toLowerCase();
  return value === '6' ? 'tcp' : value === '17' ? 'udp' : value === '1' ? 'icmp' : value;
}

export async function collectFirewalls(ctx: GcpCollectorContext, project: string): Promise<FirewallRule[]> {
  const compute = await ctx.rest.compute();
  const rules = await paginate((token) => compute.firewalls.list({ project, maxResults: 500, ...page(token) }).then(({ data }) => ({ items: data.items, next: data.nextPageToken })));
  const ports = (list: compute_v1.Schema$Firewall['allowed']) => (list ?? []).map((entry) => ({ protocol: protocolName(entry.IPProtocol), ports: entry.ports ?? [] }));
  return rules.map((rule) => ({
    name: rule.name ?? '',
    network: lastSegment(rule.network),
    direction: rule.direction === 'EGRESS' ? 'EGRESS' : 'INGRESS',
    disabled: rule.disabled ?? false,
    priority: rule.priority ?? 1000,
    sourceRanges: rule.sourceRanges ?? [],
    allowed: ports(rule.allowed),
    denied: ports(rule.denied),
    targetTags: rule.targetTags ?? [],
  }));
}

export async function collectNetworks(ctx: GcpCollectorContext, project: string): Promise<VpcNetwork[]> {
  const compute = await ctx.rest.compute();
  const networks = await paginate((token) => compute.networks.list({ project, maxResults: 500, ...page(token) }).then(({ data }) => ({ items: data.items, next: data.nextPageToken })));
  return networks.map((network) => ({ name: network.name ?? '', legacy: Boolean(network.IPv4Range), autoCreateSubnetworks: network.autoCreateSubnetworks ?? false }));
}

export async function collectSubnetworks(ctx: GcpCollectorContext, project: string): Promise<Subnetwork[]> {
  const compute = await ctx.rest.compute();
  const scopes = await paginate((token) =>
    compute.subnetworks.aggregatedList({ project, maxResults: 500, returnPartialSuccess: true, ...page(token) }).then(({ data }) => ({ items: Object.values(data.items ?? {}), next: data.nextPageToken })),
  );
  return scopes.flatMap((scope) =>
    (scope.subnetworks ?? []).map((subnet) => ({
      name: subnet.name ?? '',
      region: lastSegment(subnet.region),
      network: lastSegment(subnet.network),
      purpose: subnet.purpose ?? 'PRIVATE',
      flowLogsEnabled: subnet.logConfig?.enable ?? subnet.enableFlowLogs ?? false,
      privateIpGoogleAccess: subnet.privateIpGoogleAccess ?? false,
    })),
  );
}

export async function collectInstances(ctx: GcpCollectorContext, project: string): Promise<ComputeInstance[]> {
  const compute = await ctx.rest.compute();
  const scopes = await paginate((token) =>
    compute.instances.aggregatedList({ project, maxResults: 500, returnPartialSuccess: true, ...page(token) }).then(({ data }) => ({ items: Object.values(data.items ?? {}), next: data.nextPageToken })),
  );
  return scopes.flatMap((scope) =>
    (scope.instances ?? []).map((instance) => {
      const labels = instance.labels ?? {};
      const shielded = instance.shieldedInstanceConfig;
      return {
        name: instance.name ?? '',
        zone: lastSegment(instance.zone),
        status: instance.status ?? 'UNKNOWN',
        metadata: metadataItems(instance.metadata?.items),
        serviceAccounts: (instance.serviceAccounts ?? []).map((sa) => ({ email: sa.email ?? '', scopes: sa.scopes ?? [] })),
        canIpForward: instance.canIpForward ?? false,
        externalIps: (instance.networkInterfaces ?? []).flatMap((nic) => (nic.accessConfigs ?? []).map((config) => config.natIP ?? 'ephemeral')),
        shieldedVm: shielded ? { secureBoot: shielded.enableSecureBoot ?? false, vtpm: shielded.enableVtpm ?? false, integrityMonitoring: shielded.enableIntegrityMonitoring ?? false } : null,
        labels,
        gkeNode: 'goog-gke-node' in labels || (instance.name ?? '').startsWith('gke-'),
      };
    }),
  );
}

export async function collectComputeProject(ctx: GcpCollectorContext, project: string): Promise<ComputeProject> {
  const compute = await ctx.rest.compute();
  const { data } = await compute.projects.get({ project });
  return { defaultServiceAccount: data.defaultServiceAccount ?? null, metadata: metadataItems(data.commonInstanceMetadata?.items) };
}
