/** Evidence sync runs: queued by the API or a schedule, run by the sync job. */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { AppError } from '../errors.js';
import type { Executor } from './db.js';
import { syncs } from './schema.js';

export type Sync = typeof syncs.$inferSelect;
type RunStatus = Sync['status'];
export type FinishedSyncStatus = Exclude<RunStatus, 'queued' | 'running'>;

export interface SyncInput {
  tenantId: string;
  integrationId: string;
  evidenceTypes: string[];
  framework?: string | null;
  /** `api:<token id>`, `schedule`, `cli`, ... */
  requestedBy: string;
}

export async function createSync(executor: Executor, input: SyncInput): Promise<Sync> {
  const [row] = await executor.insert(syncs).values(input).returning();
  return row as Sync;
}

export async function getSync(executor: Executor, id: string): Promise<Sync> {
  const [row] = await executor.select().from(syncs).where(eq(syncs.id, id));
  if (!row) throw new AppError('NOT_FOUND', `Sync ${id} does not exist.`);
  return row;
}

/**
 * Moves a queued sync to running. A retried job finds it running already and carries on; null means
 * the sync is gone or already finished (or cancelled), so the job has nothing left to do.
 */
export async function markSyncRunning(executor: Executor, id: string): Promise<Sync | null> {
  const [row] = await executor
    .update(syncs)
    .set({ status: 'running' })
    .where(and(eq(syncs.id, id), inArray(syncs.status, ['queued', 'running'])))
    .returning();
  return row ?? null;
}

export async function finishSync(
  executor: Executor,
  id: string,
  outcome: { status: FinishedSyncStatus; itemCount: number; error?: string | null },
): Promise<Sync> {
  const [row] = await executor
    .update(syncs)
    .set({ status: outcome.status, itemCount: outcome.itemCount, error: outcome.error ?? null, finishedAt: new Date() })
    .where(eq(syncs.id, id))
    .returning();
  if (!row) throw new AppError('NOT_FOUND', `Sync ${id} does not exist.`);
  return row;
}

/** The most recent syncs of an integration, newest first. */
export async function listSyncs(executor: Executor, integrationId: string, limit = 20): Promise<Sync[]> {
  return executor.select().from(syncs).where(eq(syncs.integrationId, integrationId)).orderBy(desc(syncs.createdAt)).limit(limit);
}
