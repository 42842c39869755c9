/** GitHub webhook deliveries already taken, by `X-GitHub-Delivery`: the idempotency of the App's webhooks. */
import { lt } from 'drizzle-orm';
import type { Executor } from './db.js';
import { githubDeliveries } from './schema.js';

export interface DeliveryInput {
  deliveryId: string;
  event: string;
  action: string | null;
  installationId: number | null;
}

/**
 * Remembers a delivery. Returns false when it was already taken (a redelivery, or GitHub retrying
 * one whose answer it missed): the caller then does nothing. Run it in the transaction that queues
 * the delivery's work, so the mark and the work commit together.
 */
export async function recordDelivery(executor: Executor, input: DeliveryInput): Promise<boolean> {
  const rows = await executor
    .insert(githubDeliveries)
    .values(input)
    .onConflictDoNothing({ target: githubDeliveries.deliveryId })
    .returning({ deliveryId: githubDeliveries.deliveryId });
  return rows.length > 0;
}

/**
 * Forgets deliveries received before `before`. GitHub redelivers only deliveries of the past three
 * days, so a week's memory is plenty. Cheap when there is nothing to forget (an index range scan).
 */
export async function pruneDeliveries(executor: Executor, before: Date): Promise<number> {
  const rows = await executor.delete(githubDeliveries).where(lt(githubDeliveries.receivedAt, before)).returning({ deliveryId: githubDeliveries.deliveryId });
  return rows.length;
}
