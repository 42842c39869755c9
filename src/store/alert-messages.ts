/**
 * The chat messages that show an alert, on every platform, and which alert version each one shows,
 * so a change to the alert refreshes every copy and a refresh skips the copies already current.
 */
import { and, asc, eq, lt } from 'drizzle-orm';
import { AppError } from '../errors.js';
import type { Executor } from './db.js';
import { alertMessages } from './schema.js';

export type AlertMessage = typeof alertMessages.$inferSelect;

export interface AlertMessageInput {
  alertId: string;
  workspaceId?: string | null;
  platform: AlertMessage['platform'];
  channelId: string;
  messageId: string;
  threadId?: string | null;
  renderedVersion: number;
}

/**
 * Remembers a posted message. A notify job retried after posting records the same message again;
 * that returns the stored row unchanged instead of failing or duplicating it.
 */
export async function recordAlertMessage(executor: Executor, input: AlertMessageInput): Promise<AlertMessage> {
  const [created] = await executor
    .insert(alertMessages)
    .values(input)
    .onConflictDoNothing({ target: [alertMessages.platform, alertMessages.channelId, alertMessages.messageId] })
    .returning();
  if (created) return created;
  const [existing] = await executor
    .select()
    .from(alertMessages)
    .where(
      and(
        eq(alertMessages.platform, input.platform),
        eq(alertMessages.channelId, input.channelId),
        eq(alertMessages.messageId, input.messageId),
      ),
    );
  if (!existing) throw new AppError('NOT_FOUND', `The ${input.platform} message ${input.messageId} disappeared while it was being recorded.`);
  return existing;
}

export async function listAlertMessages(executor: Executor, alertId: string): Promise<AlertMessage[]> {
  return executor.select().from(alertMessages).where(eq(alertMessages.alertId, alertId)).orderBy(asc(alertMessages.createdAt), asc(alertMessages.id));
}

/**
 * Records that a message now shows `version`. Refreshes can finish out of order; a slow one must not
 * mark a message as older than it is, so the version only ever goes up. Returns whether it changed.
 */
export async function markRendered(executor: Executor, id: string, version: number): Promise<boolean> {
  const rows = await executor
    .update(alertMessages)
    .set({ renderedVersion: version, updatedAt: new Date() })
    .where(and(eq(alertMessages.id, id), lt(alertMessages.renderedVersion, version)))
    .returning({ id: alertMessages.id });
  return rows.length > 0;
}

/**
 * Undoes `markRendered(id, version)` when the copy could not be redrawn after all, so the refresh
 * job finds it behind again. Only if nothing newer was recorded since. Returns whether it changed.
 */
export async function unmarkRendered(executor: Executor, id: string, version: number): Promise<boolean> {
  const rows = await executor
    .update(alertMessages)
    .set({ renderedVersion: version - 1, updatedAt: new Date() })
    .where(and(eq(alertMessages.id, id), eq(alertMessages.renderedVersion, version)))
    .returning({ id: alertMessages.id });
  return rows.length > 0;
}

/** The copies of an alert that show an older version than `currentVersion` and need a refresh. */
export async function staleMessages(executor: Executor, alertId: string, currentVersion: number): Promise<AlertMessage[]> {
  return executor
    .select()
    .from(alertMessages)
    .where(and(eq(alertMessages.alertId, alertId), lt(alertMessages.renderedVersion, currentVersion)))
    .orderBy(asc(alertMessages.createdAt), asc(alertMessages.id));
}

/** Whether any copy of the alert shows an older version than `currentVersion` (one row read at most). */
export async function hasStaleMessages(executor: Executor, alertId: string, currentVersion: number): Promise<boolean> {
  const rows = await executor
    .select({ id: alertMessages.id })
    .from(alertMessages)
    .where(and(eq(alertMessages.alertId, alertId), lt(alertMessages.renderedVersion, currentVersion)))
    .limit(1);
  return rows.length > 0;
}

/** The record of one posted message, found by where it is (a button click names its channel and message). */
export async function findAlertMessage(
  executor: Executor,
  platform: AlertMessage['platform'],
  channelId: string,
  messageId: string,
): Promise<AlertMessage | null> {
  const [row] = await executor
    .select()
    .from(alertMessages)
    .where(and(eq(alertMessages.platform, platform), eq(alertMessages.channelId, channelId), eq(alertMessages.messageId, messageId)));
  return row ?? null;
}

/**
 * `markRendered` for the message at a place (a click names its channel and message), if it is a
 * copy of `alertId` showing an older version: one statement. Returns the copy as now recorded.
 */
export async function markRenderedAt(executor: Executor, at: { platform: AlertMessage['platform']; channelId: string; messageId: string }, alertId: string, version: number): Promise<AlertMessage | null> {
  const [row] = await executor
    .update(alertMessages)
    .set({ renderedVersion: version, updatedAt: new Date() })
    .where(
      and(
        eq(alertMessages.platform, at.platform),
        eq(alertMessages.channelId, at.channelId),
        eq(alertMessages.messageId, at.messageId),
        eq(alertMessages.alertId, alertId),
        lt(alertMessages.renderedVersion, version),
      ),
    )
    .returning();
  return row ?? null;
}

export async function getAlertMessage(executor: Executor, id: string): Promise<AlertMessage | null> {
  const [row] = await executor.select().from(alertMessages).where(eq(alertMessages.id, id));
  return row ?? null;
}
