/** Cloud SQL Admin: a project's instances with their network, TLS and backup settings and their database flags. */
import type { SqlInstance } from '../snapshot.js';
import { paginate, type GcpCollectorContext } from './context.js';

export async function collectSqlInstances(ctx: GcpCollectorContext, project: string): Promise<SqlInstance[]> {
  const sql = await ctx.rest.sqladmin();
  const instances = await paginate((pageToken) => sql.instances.list({ project, maxResults: 500, ...(pageToken ? { pageToken } : {}) }).then(({ data }) => ({ items: data.items, next: data.nextPageToken })));
  return instances.map((instance) => {
    const ip = instance.settings?.ipConfiguration;
    return {
      name: instance.name ?? '',
      region: instance.region ?? 'global',
      databaseVersion: instance.databaseVersion ?? '',
      ipv4Enabled: ip?.ipv4Enabled ?? (instance.ipAddresses ?? []).some((address) => address.type === 'PRIMARY'),
      sslMode: ip?.sslMode ?? null,
      requireSsl: ip?.requireSsl ?? false,
      authorizedNetworks: (ip?.authorizedNetworks ?? []).map((network) => ({ name: network.name ?? null, value: network.value ?? '' })),
      backupEnabled: instance.settings?.backupConfiguration?.enabled ?? false,
      instanceType: instance.instanceType ?? 'CLOUD_SQL_INSTANCE',
      labels: instance.settings?.userLabels ?? {},
      databaseFlags: Object.fromEntries((instance.settings?.databaseFlags ?? []).filter((flag) => flag.name).map((flag) => [flag.name as string, flag.value ?? ''])),
    };
  });
}
