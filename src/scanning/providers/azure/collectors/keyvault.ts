/** Key vaults, and the keys and secrets in each as Resource Manager lists them (attributes, no values). */
import type { KeyVault, PerResource, VaultItem } from '../snapshot.js';
import { isoDate, listAll, perResource, resourceOf, type SubscriptionContext } from './context.js';

export function collectVaults(ctx: SubscriptionContext): Promise<KeyVault[]> {
  return ctx.once('keyvault.vaults', async () => {
    const vaults = await listAll(ctx.clients.keyVault().vaults.listBySubscription());
    return vaults.map((vault) => ({
      ...resourceOf(vault),
      enableSoftDelete: vault.properties.enableSoftDelete ?? null,
      enablePurgeProtection: vault.properties.enablePurgeProtection ?? null,
      enableRbacAuthorization: vault.properties.enableRbacAuthorization ?? null,
    }));
  });
}

export async function collectKeys(ctx: SubscriptionContext): Promise<Array<PerResource<KeyVault, VaultItem[]>>> {
  const vaults = await collectVaults(ctx);
  return perResource(ctx, vaults, async (vault) => {
    const keys = await listAll(ctx.clients.keyVault().keys.list(vault.resourceGroup, vault.name));
    return keys.map((key) => ({ id: key.id ?? '', name: key.name ?? '', enabled: key.attributes?.enabled ?? true, expires: isoDate(key.attributes?.expires) }));
  });
}

export async function collectSecrets(ctx: SubscriptionContext): Promise<Array<PerResource<KeyVault, VaultItem[]>>> {
  const vaults = await collectVaults(ctx);
  return perResource(ctx, vaults, async (vault) => {
    const secrets = await listAll(ctx.clients.keyVault().secrets.list(vault.resourceGroup, vault.name));
    return secrets.map((secret) => ({
      id: secret.id ?? '',
      name: secret.name ?? '',
      enabled: secret.properties.attributes?.enabled ?? true,
      expires: isoDate(secret.properties.attributes?.expires),
    }));
  });
}
