/**
 * Collects the parts of an Azure snapshot that the selected checks need — those and nothing else —
 * for each subscription. Each part × subscription is one task; a task that fails records
 * `{ ok: false, error }` for its part and the scan goes on. Only failing to get a token, or to find
 * any subscription to scan, throws.
 *
 * Concurrency has two levels: `concurrency` bounds the tasks in flight here, and the clients bound
 * the Resource Manager calls themselves (clients.ts, `maxConcurrentCalls`).
 */
import pLimit from 'p-limit';
import type { AzureClients } from './clients.js';
import { attempt, createSubscriptionContext } from './collectors/context.js';
import { describeAzureError } from './errors.js';
import { PART_COLLECTORS } from './part-collectors.js';
import type { AzurePart, AzureSnapshot, AzureSubscriptionSnapshot, Collected } from './snapshot.js';
import { ensureToken, resolveSubscriptions } from './subscriptions.js';

export interface CollectAzureOptions {
  parts: readonly AzurePart[];
  /** Subscriptions to scan; default every enabled one the credential sees. */
  subscriptions?: readonly string[];
  clients: AzureClients;
  /** Part × subscription tasks in flight at once. Default 8. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function collectAzure(options: CollectAzureOptions): Promise<AzureSnapshot> {
  const parts = [...new Set(options.parts)];
  await ensureToken(options.clients);
  const subscriptions = await resolveSubscriptions(options.clients, options.subscriptions);
  const describeError = (error: unknown) => describeAzureError(error, options.clients.errorBodies);
  const tasks = subscriptions.flatMap((subscription) => {
    const ctx = createSubscriptionContext(subscription.subscriptionId, options.clients.forSubscription(subscription.subscriptionId), describeError);
    return parts.map((part) => ({ subscription, part, run: () => attempt<unknown>(() => PART_COLLECTORS[part](ctx), describeError) }));
  });
  const limit = pLimit(Math.max(1, options.concurrency ?? 8));
  let done = 0;
  options.onProgress?.(0, tasks.length);
  const results = await Promise.all(
    tasks.map((task) =>
      limit(async () => {
        const result = await task.run();
        done += 1;
        options.onProgress?.(done, tasks.length);
        return result;
      }),
    ),
  );
  const bySubscription = new Map<string, AzureSubscriptionSnapshot>(subscriptions.map((s) => [s.subscriptionId, { ...s, parts: {} }]));
  tasks.forEach((task, i) => {
    const snapshot = bySubscription.get(task.subscription.subscriptionId);
    const result = results[i];
    // Each entry was produced by that part's own collector (PART_COLLECTORS is typed per part).
    if (snapshot && result) (snapshot.parts as Record<AzurePart, Collected<unknown>>)[task.part] = result;
  });
  return { subscriptions: [...bySubscription.values()] };
}
