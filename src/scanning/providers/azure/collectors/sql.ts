/** SQL logical servers and, per server, firewall rules, auditing, Entra admins and databases with TDE. */
import type { PerResource, SqlAdministrator, SqlAuditingPolicy, SqlDatabase, SqlFirewallRule, SqlServer } from '../snapshot.js';
import { attempt, listAll, perResource, resourceOf, type SubscriptionContext } from './context.js';

export function collectSqlServers(ctx: SubscriptionContext): Promise<SqlServer[]> {
  return ctx.once('sql.servers', async () => (await listAll(ctx.clients.sql().servers.list())).map(resourceOf));
}

export async function collectFirewallRules(ctx: SubscriptionContext): Promise<Array<PerResource<SqlServer, SqlFirewallRule[]>>> {
  const servers = await collectSqlServers(ctx);
  return perResource(ctx, servers, async (server) => {
    const rules = await listAll(ctx.clients.sql().firewallRules.listByServer(server.resourceGroup, server.name));
    return rules.map((rule) => ({ id: rule.id ?? '', name: rule.name ?? '', startIpAddress: rule.startIpAddress ?? '', endIpAddress: rule.endIpAddress ?? '' }));
  });
}

export async function collectAuditing(ctx: SubscriptionContext): Promise<Array<PerResource<SqlServer, SqlAuditingPolicy>>> {
  const servers = await collectSqlServers(ctx);
  return perResource(ctx, servers, async (server) => {
    const policy = await ctx.clients.sql().serverBlobAuditingPolicies.get(server.resourceGroup, server.name);
    return { state: policy.state ?? 'Disabled', retentionDays: policy.retentionDays ?? 0 };
  });
}

export async function collectAdministrators(ctx: SubscriptionContext): Promise<Array<PerResource<SqlServer, SqlAdministrator[]>>> {
  const servers = await collectSqlServers(ctx);
  return perResource(ctx, servers, async (server) => {
    const admins = await listAll(ctx.clients.sql().serverAzureADAdministrators.listByServer(server.resourceGroup, server.name));
    return admins.map((admin) => ({ login: admin.login ?? '', administratorType: admin.administratorType ?? 'ActiveDirectory' }));
  });
}

export async function collectDatabases(ctx: SubscriptionContext): Promise<Array<PerResource<SqlServer, SqlDatabase[]>>> {
  const servers = await collectSqlServers(ctx);
  return perResource(ctx, servers, async (server) => {
    const databases = await listAll(ctx.clients.sql().databases.listByServer(server.resourceGroup, server.name));
    // `master` is the server's system database: TDE cannot be turned on or off there.
    const user = databases.filter((database) => database.name?.toLowerCase() !== 'master');
    return Promise.all(
      user.map(async (database) => ({
        id: database.id ?? '',
        name: database.name ?? '',
        location: database.location ?? server.location,
        transparentDataEncryption: await attempt(async () => {
          const tde = await ctx.clients.sql().transparentDataEncryptions.get(server.resourceGroup, server.name, database.name ?? '', 'current');
          return tde.state ?? 'Disabled';
        }, ctx.describeError),
      })),
    );
  });
}
