/**
 * The audit log: append-only (migration 0001 makes the database refuse UPDATE, DELETE and TRUNCATE)
 * and hash-chained, so an edit or removal made behind the triggers' back still shows up in
 * `verifyAuditChain`. Every row's hash covers the previous row's hash and the row's own content.
 *
 * All writers, in every process, append to ONE chain: an advisory transaction lock serialises them,
 * and the primary key on `seq` turns any slip (see appendAudit) into an error instead of a fork.
 */
import { and, asc, desc, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { AppError } from '../errors.js';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import type { Db, Executor, Tx } from './db.js';
import { auditLog } from './schema.js';

export type AuditOutcome = 'success' | 'failure';
export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditEntry {
  tenantId?: string | null;
  actor: string;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  outcome?: AuditOutcome;
  details?: Record<string, unknown>;
}

/** What a row's hash covers, besides the previous hash. */
export interface AuditContent {
  seq: number;
  tenantId: string | null;
  actor: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  details: Record<string, unknown>;
  createdAt: Date;
}

export type AuditVerification = { ok: true; rows: number } | { ok: false; rows: number; brokenAt: number; reason: string };

export interface ListAuditOptions {
  /** A tenant's rows; `null` for rows that belong to no tenant; leave out for all. */
  tenantId?: string | null;
  targetType?: string;
  targetId?: string;
  /** At most this many rows (default 100, capped at 1000). */
  limit?: number;
}

/** The prevHash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

// An arbitrary constant every CloudSentinel process shares; it differs from the migration lock's.
const AUDIT_CHAIN_LOCK_ID = 7_240_411_002;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_LIST_LIMIT = 100;
const MAX_LIST_LIMIT = 1000;
const DEFAULT_VERIFY_BATCH = 1000;

export function auditRowHash(prevHash: string, content: AuditContent): string {
  const { seq, tenantId, actor, action, targetType, targetId, outcome, details, createdAt } = content;
  const body = canonicalJson({ seq, tenantId, actor, action, targetType, targetId, outcome, details, createdAt: createdAt.toISOString() });
  return sha256Hex(prevHash + body);
}

/**
 * Appends one row. Pass the transaction that makes the change being recorded, so both commit or
 * neither does (a failure here fails that transaction: there is no savepoint to fall back to, which
 * saves two round trips per row); pass the database and the row gets a transaction of its own. The
 * chain lock is held until the transaction ends, so append last, after the other writes, to keep
 * other writers waiting as briefly as possible.
 *
 * The caller's transaction must be READ COMMITTED (Postgres's default): under REPEATABLE READ
 * the last row is read from a snapshot older than the lock, and the insert fails on the seq key.
 */
export async function appendAudit(executor: Executor, entry: AuditEntry, clock: () => Date = () => new Date()): Promise<AuditRow> {
  const fields = normalizeEntry(entry);
  const append = async (tx: Tx): Promise<AuditRow> => {
    // A literal, not a bound parameter: the id is a constant, and Postgres types a literal this size as bigint.
    await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(AUDIT_CHAIN_LOCK_ID))})`);
    const last = await lastLink(tx);
    const content: AuditContent = { ...fields, seq: (last?.seq ?? 0) + 1, createdAt: clock() };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const [row] = await tx
      .insert(auditLog)
      .values({ ...content, prevHash, hash: auditRowHash(prevHash, content) })
      .returning();
    if (!row) throw new AppError('DATABASE_ERROR', 'The audit log row was not written.');
    return row;
  };
  return executor instanceof PgTransaction ? append(executor) : executor.transaction(append);
}

/**
 * Walks the whole chain in seq order and reports the first break: a missing row, a row whose
 * prevHash is not the previous row's hash, or a row whose hash does not match its content.
 * Removing rows from the end of the log leaves a shorter valid chain; compare `rows` with a count
 * recorded elsewhere to catch that.
 */
export async function verifyAuditChain(db: Db, options: { batchSize?: number } = {}): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? DEFAULT_VERIFY_BATCH;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new AppError('VALIDATION_ERROR', `batchSize must be a positive integer, not ${batchSize}.`);
  }
  let previous: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH };
  let rows = 0;
  for (;;) {
    // Keyset pagination: each batch starts after the last seq seen, so it costs the same at any depth.
    const batch = await db.select().from(auditLog).where(gt(auditLog.seq, previous.seq)).orderBy(asc(auditLog.seq)).limit(batchSize);
    for (const row of batch) {
      const reason = checkLink(previous, row);
      if (reason) return { ok: false, rows, brokenAt: reason.brokenAt, reason: reason.text };
      previous = row;
      rows += 1;
    }
    if (batch.length < batchSize) return { ok: true, rows };
  }
}

/** Newest first. */
export async function listAudit(executor: Executor, options: ListAuditOptions = {}): Promise<AuditRow[]> {
  const limit = Math.min(options.limit ?? DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new AppError('VALIDATION_ERROR', `limit must be a positive integer, not ${options.limit}.`);
  }
  return executor
    .select()
    .from(auditLog)
    .where(and(...listFilters(options)))
    .orderBy(desc(auditLog.seq))
    .limit(limit);
}

function listFilters(options: ListAuditOptions): SQL[] {
  const filters: SQL[] = [];
  if (options.tenantId === null) filters.push(isNull(auditLog.tenantId));
  if (typeof options.tenantId === 'string') filters.push(eq(auditLog.tenantId, normalizeUuid(options.tenantId)));
  if (options.targetType !== undefined) filters.push(eq(auditLog.targetType, options.targetType));
  if (options.targetId !== undefined) filters.push(eq(auditLog.targetId, options.targetId));
  return filters;
}

async function lastLink(tx: Tx): Promise<{ seq: number; hash: string } | undefined> {
  const [last] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return last;
}

function checkLink(previous: { seq: number; hash: string }, row: AuditRow): { brokenAt: number; text: string } | undefined {
  const expected = previous.seq + 1;
  if (row.seq !== expected) return { brokenAt: expected, text: describeGap(previous.seq, row.seq) };
  if (row.prevHash !== previous.hash) {
    const what = previous.seq === 0 ? 'the genesis hash' : `the hash of row ${previous.seq}`;
    return { brokenAt: row.seq, text: `row ${row.seq}: prev_hash is not ${what} (rows reordered or replaced?)` };
  }
  if (row.hash !== auditRowHash(row.prevHash, row)) {
    return { brokenAt: row.seq, text: `row ${row.seq}: hash does not match its content (edited?)` };
  }
  return undefined;
}

function describeGap(before: number, after: number): string {
  const first = before + 1;
  const missing = first === after - 1 ? `row ${first} missing` : `rows ${first}–${after - 1} missing`;
  return before === 0 ? `${missing} (sequence starts at ${after})` : `${missing} (sequence jumps from ${before} to ${after})`;
}

/**
 * Validates the entry and puts every field in the form the database hands back, so the hash
 * computed now matches the one verifyAuditChain computes from the stored row: a lower-case uuid,
 * nulls rather than undefined, and details exactly as jsonb keeps them (Dates as strings,
 * undefined properties gone).
 */
function normalizeEntry(entry: AuditEntry): Omit<AuditContent, 'seq' | 'createdAt'> {
  if (!entry.actor) throw new AppError('VALIDATION_ERROR', 'An audit entry needs an actor.');
  if (!entry.action) throw new AppError('VALIDATION_ERROR', 'An audit entry needs an action.');
  return {
    tenantId: typeof entry.tenantId === 'string' ? normalizeUuid(entry.tenantId) : null,
    actor: entry.actor,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    outcome: entry.outcome ?? 'success',
    details: JSON.parse(canonicalJson(entry.details ?? {})) as Record<string, unknown>,
  };
}

/** Postgres accepts several spellings of a uuid but returns one; hash that one. */
function normalizeUuid(tenantId: string): string {
  if (!UUID.test(tenantId)) throw new AppError('VALIDATION_ERROR', `tenantId must be a uuid, not "${tenantId}".`);
  return tenantId.toLowerCase();
}
