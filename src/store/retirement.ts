/**
 * Retiring what CloudSentinel can no longer see: findings of repositories taken out of a GitHub App
 * installation (or of a whole uninstalled integration) are resolved, and their alerts closed with
 * the reason, so nobody triages a repository the scanner has lost sight of. A later scan that
 * fails again reopens them as regressions.
 */
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from './db.js';
import { ofRepositories } from './findings.js';
import { alerts, findings } from './schema.js';
import type { Alert } from './alerts.js';

export interface RetireInput {
  integrationId: string;
  /** Only these repositories (`owner/repo`); absent: everything of the integration. */
  repositories?: string[];
  /** Who retires them (`github:<login>`), kept on the alerts. */
  actor: string;
  /** Why, kept on each closed alert (the triage reason field). */
  reason: string;
  now: Date;
}

/** Resolves the current findings and closes the unresolved alerts in scope. Returns the alerts closed. */
export async function retireFindings(executor: Executor, input: RetireInput): Promise<Alert[]> {
  if (input.repositories?.length === 0) return [];
  const inScope = and(eq(findings.integrationId, input.integrationId), input.repositories ? ofRepositories(input.repositories) : undefined);
  const closed = await executor
    .update(alerts)
    .set({ state: 'resolved', suppressedUntil: null, reason: input.reason, changedBy: input.actor, version: sql`${alerts.version} + 1`, updatedAt: input.now })
    .where(and(ne(alerts.state, 'resolved'), inArray(alerts.findingId, executor.select({ id: findings.id }).from(findings).where(inScope))))
    .returning();
  await executor
    .update(findings)
    .set({ resolvedAt: input.now })
    .where(and(inScope, isNull(findings.resolvedAt)));
  return closed;
}
