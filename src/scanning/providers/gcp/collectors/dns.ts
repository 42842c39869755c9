/**
 * Cloud DNS over its REST API (v1; the generated client is not installed, and one more large library
 * is not worth two list calls): a project's managed zones with their DNSSEC settings, and its DNS
 * server policies with their query logging.
 */
import type { DnsManagedZone, DnsPolicy } from '../snapshot.js';
import { lastSegment, paginate, withPage, type GcpCollectorContext } from './context.js';

interface ManagedZoneResource {
  name?: string;
  dnsName?: string;
  visibility?: string;
  dnssecConfig?: { state?: string; defaultKeySpecs?: Array<{ keyType?: string; algorithm?: string }> };
  labels?: Record<string, string>;
}

interface PolicyResource {
  name?: string;
  enableLogging?: boolean;
  networks?: Array<{ networkUrl?: string }>;
}

const base = (ctx: GcpCollectorContext, project: string) => `${ctx.apiEndpoint('dns')}/dns/v1/projects/${encodeURIComponent(project)}`;

export async function collectManagedZones(ctx: GcpCollectorContext, project: string): Promise<DnsManagedZone[]> {
  const zones = await paginate((token) =>
    ctx.transport.json<{ managedZones?: ManagedZoneResource[]; nextPageToken?: string }>(withPage(`${base(ctx, project)}/managedZones?maxResults=500`, token)).then((d) => ({ items: d.managedZones, next: d.nextPageToken })),
  );
  return zones.map((zone) => ({
    name: zone.name ?? '',
    dnsName: zone.dnsName ?? '',
    visibility: (zone.visibility ?? 'public').toLowerCase(),
    dnssecState: (zone.dnssecConfig?.state ?? 'off').toLowerCase(),
    keySpecs: (zone.dnssecConfig?.defaultKeySpecs ?? []).map((spec) => ({ keyType: spec.keyType ?? '', algorithm: (spec.algorithm ?? '').toLowerCase() })),
    labels: zone.labels ?? {},
  }));
}

export async function collectDnsPolicies(ctx: GcpCollectorContext, project: string): Promise<DnsPolicy[]> {
  const policies = await paginate((token) =>
    ctx.transport.json<{ policies?: PolicyResource[]; nextPageToken?: string }>(withPage(`${base(ctx, project)}/policies?maxResults=500`, token)).then((d) => ({ items: d.policies, next: d.nextPageToken })),
  );
  return policies.map((policy) => ({
    name: policy.name ?? '',
    enableLogging: policy.enableLogging ?? false,
    networks: (policy.networks ?? []).map((network) => lastSegment(network.networkUrl)).filter(Boolean),
  }));
}
