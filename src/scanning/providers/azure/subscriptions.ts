/**
 * Which subscriptions a scan covers: the ones named (`--subscription`, or a stored integration's
 * subscription_id), else every subscription the credential can see that is not disabled. Getting
 * no Resource Manager token at all — no ambient identity, a rejected secret — stops the scan with
 * an error that says what to fix; a subscription that cannot be read is scanned anyway, and its
 * parts come back `unknown` with the reason.
 */
import { AppError } from '../../../errors.js';
import type { AzureClients } from './clients.js';
import { describeAzureError } from './errors.js';

export interface ScannedSubscription {
  subscriptionId: string;
  displayName: string;
}

const HINT =
  'Sign in with `az login`, or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET for a service principal with the Reader and Security Reader roles; for another cloud set AZURE_AUTHORITY_HOST and AZURE_RESOURCE_MANAGER_ENDPOINT.';

/** Fails fast, before any Resource Manager call, when no token can be had. */
export async function ensureToken(clients: AzureClients): Promise<void> {
  try {
    const token = await clients.credential.getToken(clients.armScope);
    if (!token) throw new Error('the credential returned no token');
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    throw new AppError('AUTHENTICATION_ERROR', `Could not get an Azure Resource Manager token: ${message}`, { hint: HINT, cause: error });
  }
}

export async function resolveSubscriptions(clients: AzureClients, named: readonly string[] | undefined): Promise<ScannedSubscription[]> {
  if (named && named.length > 0) return [...new Set(named)].map((subscriptionId) => ({ subscriptionId, displayName: subscriptionId }));
  const found: ScannedSubscription[] = [];
  try {
    for await (const subscription of clients.subscriptions().subscriptions.list()) {
      if (!subscription.subscriptionId) continue;
      // Disabled and deleted subscriptions are read-only shells: nothing in them runs, nothing to find.
      if (subscription.state === 'Disabled' || subscription.state === 'Deleted') continue;
      found.push({ subscriptionId: subscription.subscriptionId, displayName: subscription.displayName ?? subscription.subscriptionId });
    }
  } catch (error) {
    throw new AppError('AUTHORIZATION_ERROR', `Could not list the subscriptions the credential can see: ${describeAzureError(error, clients.errorBodies)}`, {
      hint: 'Name the subscriptions to scan with --subscription, or grant the identity Reader on them.',
      cause: error,
    });
  }
  if (found.length === 0) {
    throw new AppError('AUTHORIZATION_ERROR', 'The Azure credential sees no enabled subscription to scan.', { hint: 'Grant the identity Reader (and Security Reader) on the subscriptions to scan, or name them with --subscription.' });
  }
  return found;
}
