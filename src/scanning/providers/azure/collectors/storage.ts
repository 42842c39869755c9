/** Storage accounts and the settings the storage checks read (one paged list per subscription). */
import type { StorageAccount } from '../snapshot.js';
import { listAll, resourceOf, type SubscriptionContext } from './context.js';

export async function collectStorageAccounts(ctx: SubscriptionContext): Promise<StorageAccount[]> {
  const accounts = await listAll(ctx.clients.storage().storageAccounts.list());
  return accounts.map((account) => ({
    ...resourceOf(account),
    enableHttpsTrafficOnly: account.enableHttpsTrafficOnly ?? null,
    allowBlobPublicAccess: account.allowBlobPublicAccess ?? null,
    minimumTlsVersion: account.minimumTlsVersion ?? null,
    networkDefaultAction: account.networkRuleSet?.defaultAction ?? null,
    allowSharedKeyAccess: account.allowSharedKeyAccess ?? null,
    requireInfrastructureEncryption: account.encryption?.requireInfrastructureEncryption ?? null,
  }));
}
