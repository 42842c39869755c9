/**
 * Scan runs: queued by a command, the API or the schedule, run by scan jobs, finished with a summary.
 * A finished scan is never reopened: a retried or late job that tries to change it leaves it as it is.
 */
import { and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { AppError } from '../errors.js';
import type { Executor } from './db.js';
import { integrations, scans, type ScanOrigin, type ScanProgress, type ScanSummary, type StoredScanScope } from './schema.js';

export type Scan = typeof scans.$inferSelect;
export type ScanStatus = Scan['status'];
export type FinishedScanStatus = Exclude<ScanStatus, 'queued' | 'running'>;

const ACTIVE: ScanStatus[] = ['queued', 'running'];

export interface ScanInput {
  tenantId: string;
  /** Null for a scan run with ambient credentials (`cloudsentinel scan --store`). */
  integrationId: string | null;
  /** The chat channel that asked: progress and the summary are posted there. */
  origin?: ScanOrigin | null;
  provider: Scan['provider'];
  requestedBy: string;
  regions?: string[];
  checks?: string[];
  /** Only these repositories (a GitHub App's per-repository scan); absent: the whole integration. */
  scope?: StoredScanScope | null;
}

export interface ScanOutcome {
  status: FinishedScanStatus;
  summary?: ScanSummary;
  error?: string;
}

export async function createScan(executor: Executor, input: ScanInput): Promise<Scan> {
  const [row] = await executor.insert(scans).values(input).returning();
  if (!row) throw new Error('INSERT ... RETURNING gave no row');
  return row;
}

/**
 * Creates a scan unless the integration already has one queued or running, in which case that one is
 * returned: ten people pressing "scan now" get one scan. The integration row is locked so two
 * concurrent requests cannot both see "none active" and both create one.
 */
export async function requestScan(
  executor: Executor,
  input: ScanInput & { integrationId: string },
): Promise<{ scan: Scan; coalesced: boolean }> {
  return executor.transaction(async (tx) => {
    const [integration] = await tx.select({ id: integrations.id }).from(integrations).where(eq(integrations.id, input.integrationId)).for('update');
    if (!integration) throw new AppError('NOT_FOUND', `Integration ${input.integrationId} does not exist.`);
    const active = await findActiveScan(tx, input.integrationId, input.scope ?? null);
    if (active) return { scan: active, coalesced: true };
    return { scan: await createScan(tx, input), coalesced: false };
  });
}

export async function getScan(executor: Executor, id: string): Promise<Scan> {
  const [row] = await executor.select().from(scans).where(eq(scans.id, id));
  if (!row) throw new AppError('NOT_FOUND', `Scan ${id} does not exist.`);
  return row;
}

/**
 * Moves a queued scan to running and returns it. A scan that already finished (cancelled, say) is
 * returned unchanged, so the job can see its status and stop; a retried job keeps the first start time.
 */
export async function markScanRunning(executor: Executor, id: string): Promise<Scan> {
  const [row] = await executor
    .update(scans)
    .set({ status: 'running', startedAt: new Date() })
    .where(and(eq(scans.id, id), eq(scans.status, 'queued')))
    .returning();
  return row ?? getScan(executor, id);
}

/** Returns false when the scan is not running any more (finished or cancelled), so progress stops there. */
export async function updateScanProgress(executor: Executor, id: string, progress: ScanProgress): Promise<boolean> {
  const rows = await executor
    .update(scans)
    .set({ progress: { done: progress.done, total: progress.total } })
    .where(and(eq(scans.id, id), eq(scans.status, 'running')))
    .returning({ id: scans.id });
  return rows.length > 0;
}

/**
 * Records how the scan ended and returns it. Only the first outcome counts: a job finishing after the
 * scan was cancelled does not turn it into `complete`, and a retried job does not overwrite the result.
 */
export async function finishScan(executor: Executor, id: string, outcome: ScanOutcome): Promise<Scan> {
  const [row] = await executor
    .update(scans)
    .set({ status: outcome.status, summary: outcome.summary, error: outcome.error, finishedAt: new Date() })
    .where(and(eq(scans.id, id), inArray(scans.status, ACTIVE)))
    .returning();
  return row ?? getScan(executor, id);
}

/**
 * Remembers the chat message that shows the scan's status, so the next status change edits it
 * instead of posting another. Returns false for a scan that has no origin (or does not exist).
 */
export async function setScanOriginMessage(executor: Executor, scanId: string, messageId: string): Promise<boolean> {
  const rows = await executor
    .update(scans)
    .set({ origin: sql`${scans.origin} || jsonb_build_object('messageId', ${messageId}::text)` })
    .where(and(eq(scans.id, scanId), isNotNull(scans.origin)))
    .returning({ id: scans.id });
  return rows.length > 0;
}

/**
 * Claims the right to post a scan's first status message. Several notify jobs for one scan (its
 * start, its alerts, its end) can run at once; only the claimant posts, so the channel gets one
 * message that is then edited. The claim is the job's: a retry of the claimant may post, and a
 * claim older than `leaseSeconds` (its job died) may be taken over. False when the message already
 * exists or someone else is posting it.
 */
export async function claimScanStatusPost(executor: Executor, scanId: string, claimant: string, leaseSeconds = 60): Promise<boolean> {
  const rows = await executor
    .update(scans)
    .set({ origin: sql`${scans.origin} || jsonb_build_object('postingBy', ${claimant}::text, 'postingAt', to_jsonb(now()))` })
    .where(
      and(
        eq(scans.id, scanId),
        isNotNull(scans.origin),
        sql`${scans.origin}->>'messageId' IS NULL`,
        sql`(${scans.origin}->>'postingBy' IS NULL OR ${scans.origin}->>'postingBy' = ${claimant}
          OR (${scans.origin}->>'postingAt')::timestamptz < now() - make_interval(secs => ${leaseSeconds}))`,
      ),
    )
    .returning({ id: scans.id });
  return rows.length > 0;
}

/** Newest first. */
export async function listScans(executor: Executor, filter: { tenantId: string; integrationId?: string; limit: number }): Promise<Scan[]> {
  return executor
    .select()
    .from(scans)
    .where(and(eq(scans.tenantId, filter.tenantId), filter.integrationId === undefined ? undefined : eq(scans.integrationId, filter.integrationId)))
    .orderBy(desc(scans.createdAt), desc(scans.id))
    .limit(filter.limit);
}

/**
 * The integration's queued or running scan that a new request may join instead of starting another.
 * A whole-integration request joins only a whole-integration scan. A request for some repositories
 * joins a scan that has not started yet and covers them (the same repositories, or everything): one
 * that is already running may have read the repository before the change that asked for this scan.
 */
export async function findActiveScan(executor: Executor, integrationId: string, scope: StoredScanScope | null = null): Promise<Scan | null> {
  const repositories = scope?.repositories;
  const joinable = repositories
    ? and(eq(scans.status, 'queued'), sql`(${scans.scope} is null or ${scans.scope} = ${JSON.stringify({ repositories })}::jsonb)`)
    : and(inArray(scans.status, ACTIVE), isNull(scans.scope));
  const [row] = await executor
    .select()
    .from(scans)
    .where(and(eq(scans.integrationId, integrationId), joinable))
    .orderBy(desc(scans.createdAt))
    .limit(1);
  return row ?? null;
}

/** The latest scan that saw everything it meant to, the baseline for "what changed since". */
export async function lastCompleteScan(executor: Executor, integrationId: string): Promise<Scan | null> {
  const [row] = await executor
    .select()
    .from(scans)
    .where(and(eq(scans.integrationId, integrationId), eq(scans.status, 'complete')))
    .orderBy(desc(scans.finishedAt))
    .limit(1);
  return row ?? null;
}

export interface ScanQuery {
  tenantId: string;
  integrationId?: string;
  statuses?: ScanStatus[];
  limit: number;
  offset: number;
}

/** Newest first; one row more than asked (see queryAlerts). */
export async function queryScans(executor: Executor, query: ScanQuery): Promise<Scan[]> {
  return executor
    .select()
    .from(scans)
    .where(
      and(
        eq(scans.tenantId, query.tenantId),
        query.integrationId ? eq(scans.integrationId, query.integrationId) : undefined,
        query.statuses ? inArray(scans.status, query.statuses) : undefined,
      ),
    )
    .orderBy(desc(scans.createdAt), desc(scans.id))
    .limit(query.limit + 1)
    .offset(query.offset);
}

export async function findScan(executor: Executor, tenantId: string, scanId: string): Promise<Scan | null> {
  const [row] = await executor
    .select()
    .from(scans)
    .where(and(eq(scans.tenantId, tenantId), eq(scans.id, scanId)));
  return row ?? null;
}
