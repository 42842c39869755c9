/**
 * Azure compliance evidence: the integration guide's `configurations` type ("Resource group
 * configurations"), read through the same collectors a scan uses (paged, throttling retried, a
 * denied list recorded instead of failing the rest) and turned into one evidence item per resource
 * group of the integration's subscription: the security-relevant configuration of its storage
 * accounts, network security groups, key vaults and SQL servers.
 */
import type { EvidenceCollection, EvidenceCollector, EvidenceDraft } from '../../../evidence/types.js';
import { parseCredentials } from '../../../integrations/credentials.js';
import { bucketKey, PROVIDER_RATE_LIMITS, type SharedRateLimiter } from '../../../integrations/rate-limits.js';
import type { AzureConfig } from '../../../config.js';
import { createAzureClients, type AzureRetryOptions } from './clients.js';
import { collectAzure } from './collect.js';
import type { AzurePart, AzureResource, AzureSubscriptionSnapshot, Collected } from './snapshot.js';

export interface AzureEvidenceOptions {
  endpoints: AzureConfig;
  rateLimiter?: SharedRateLimiter;
  retry?: AzureRetryOptions;
}

/** What a resource group's evidence lists, each from one snapshot part. */
const SECTIONS = [
  { key: 'storage_accounts', part: 'storage.accounts', label: 'storage accounts' },
  { key: 'network_security_groups', part: 'network.securityGroups', label: 'network security groups' },
  { key: 'key_vaults', part: 'keyvault.vaults', label: 'key vaults' },
  { key: 'sql_servers', part: 'sql.servers', label: 'SQL servers' },
] as const satisfies ReadonlyArray<{ key: string; part: AzurePart; label: string }>;

/** The resource's configuration without the fields every resource has (kept once, at the top). */
function configurationOf(resource: AzureResource): Record<string, unknown> {
  const { resourceGroup: _group, ...rest } = resource;
  return rest;
}

function resourceGroups(subscription: AzureSubscriptionSnapshot, errors: string[]): EvidenceDraft[] {
  const groups = new Map<string, { name: string; sections: Record<string, Array<Record<string, unknown>>> }>();
  for (const { key, part, label } of SECTIONS) {
    // Every section's part is a list of resources; the union of their types reads as one.
    const collected: Collected<AzureResource[]> | undefined = subscription.parts[part];
    if (!collected?.ok) {
      errors.push(`${label} in subscription ${subscription.subscriptionId}: ${collected ? collected.error : 'not collected'}`);
      continue;
    }
    for (const resource of collected.value) {
      const id = resource.resourceGroup.toLowerCase();
      const group = groups.get(id) ?? { name: resource.resourceGroup, sections: {} };
      (group.sections[key] ??= []).push(configurationOf(resource));
      groups.set(id, group);
    }
  }
  return [...groups.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(({ name, sections }) => {
      const resourceId = `/subscriptions/${subscription.subscriptionId}/resourceGroups/${name}`;
      const counts = SECTIONS.map(({ key, label }) => `${sections[key]?.length ?? 0} ${label}`).join(', ');
      return {
        collectionType: 'configurations' as const,
        title: `Azure resource group ${name}`,
        description: `Security configuration of resource group ${name} in subscription ${subscription.subscriptionId}: ${counts}.`,
        data: { subscription_id: subscription.subscriptionId, resource_group: name, ...Object.fromEntries(SECTIONS.map(({ key }) => [key, sections[key] ?? []])) },
        metadata: { resource_id: resourceId, region: null, source: 'Azure Resource Manager' },
      };
    });
}

export function createAzureEvidenceCollector(options: AzureEvidenceOptions): EvidenceCollector {
  return {
    provider: 'azure',
    async collect({ credentials: stored, types }): Promise<EvidenceCollection> {
      const parsed = stored ? parseCredentials('azure', stored) : null;
      if (!types.includes('configurations')) return { account: parsed?.subscription_id ?? null, items: [], errors: {} };
      const limiter = options.rateLimiter;
      const clients = createAzureClients({
        principal: parsed ? { tenantId: parsed.tenant_id, clientId: parsed.client_id, clientSecret: parsed.client_secret } : null,
        endpoints: options.endpoints,
        ...(options.retry ? { retry: options.retry } : {}),
        ...(limiter ? { rateLimit: (subscription: string | null) => limiter.acquire(bucketKey('azure', subscription ?? parsed?.subscription_id ?? 'tenant'), PROVIDER_RATE_LIMITS.azure) } : {}),
      });
      const snapshot = await collectAzure({
        parts: SECTIONS.map(({ part }) => part),
        ...(parsed ? { subscriptions: [parsed.subscription_id] } : {}),
        clients,
      });
      const errors: string[] = [];
      const items = snapshot.subscriptions.flatMap((subscription) => resourceGroups(subscription, errors));
      return {
        account: snapshot.subscriptions.map((s) => s.subscriptionId).join(',') || null,
        items,
        errors: errors.length > 0 ? { configurations: errors } : {},
      };
    },
  };
}
