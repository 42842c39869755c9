/**
 * Findings: one row per integration + check + resource, kept up to date by every scan that looks at
 * it. `resolved_at` is set while the problem is gone (the resource passes, or no longer exists) and
 * cleared when it fails again; first_seen_at never moves. upsertFindings also says, per result, how it
 * differs from what was stored, which is what decides whether an alert opens.
 */
import { and, desc, eq, inArray, isNotNull, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { AppError } from '../errors.js';
import type { Executor } from './db.js';
import { findings } from './schema.js';

export type Finding = typeof findings.$inferSelect;
export type FindingStatus = Finding['status'];
export type Severity = Finding['severity'];
export type FindingChange = 'new' | 'regressed' | 'still_failing' | 'passing' | 'unknown';

export interface FindingInput {
  checkId: string;
  service: string;
  resourceId: string;
  resourceType: string;
  region: string;
  fingerprint: string;
  status: FindingStatus;
  severity: Severity;
  riskScore: number;
  title: string;
  statusDetail: string;
  remediation: string;
  compliance: Record<string, string[]>;
}

export interface FindingScope {
  tenantId: string;
  /** Null for findings of a scan run with ambient credentials rather than a stored integration. */
  integrationId: string | null;
  scanId: string;
  provider: Finding['provider'];
  now: Date;
}

export interface UpsertedFinding {
  finding: Finding;
  change: FindingChange;
}

/** 500 rows × 20 columns stays far below Postgres's 65,535 bind parameters per statement. */
const BATCH_SIZE = 500;

/**
 * Stores one scan's results and returns, in input order, each stored finding with how it changed.
 * It runs in its own transaction (a savepoint inside the caller's), because the previous state it
 * reads must be the one it overwrites. A result repeated in the input is stored once.
 */
export async function upsertFindings(executor: Executor, scope: FindingScope, results: FindingInput[]): Promise<UpsertedFinding[]> {
  if (results.length === 0) return [];
  // The last copy of a repeated result wins; ON CONFLICT cannot touch one row twice in a statement.
  const unique = new Map(results.map((result) => [keyOf(result), result]));
  // A stable order makes two writers of overlapping results take their row locks in the same order.
  const ordered = [...unique.values()].sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
  const stored = new Map<string, UpsertedFinding>();
  await executor.transaction(async (tx) => {
    for (let start = 0; start < ordered.length; start += BATCH_SIZE) {
      for (const upserted of await upsertBatch(tx, scope, ordered.slice(start, start + BATCH_SIZE))) {
        stored.set(keyOf(upserted.finding), upserted);
      }
    }
  });
  return results.map((result) => stored.get(keyOf(result)) as UpsertedFinding);
}

async function upsertBatch(executor: Executor, scope: FindingScope, batch: FindingInput[]): Promise<UpsertedFinding[]> {
  const previous = await lockPrevious(executor, scope.integrationId, batch);
  const rows = await executor
    .insert(findings)
    .values(batch.map((result) => toRow(scope, result)))
    .onConflictDoUpdate({
      target: [findings.integrationId, findings.checkId, findings.resourceId],
      set: {
        service: excluded(findings.service),
        resourceType: excluded(findings.resourceType),
        region: excluded(findings.region),
        fingerprint: excluded(findings.fingerprint),
        status: excluded(findings.status),
        severity: excluded(findings.severity),
        riskScore: excluded(findings.riskScore),
        title: excluded(findings.title),
        statusDetail: excluded(findings.statusDetail),
        remediation: excluded(findings.remediation),
        compliance: excluded(findings.compliance),
        lastSeenAt: excluded(findings.lastSeenAt),
        lastScanId: excluded(findings.lastScanId),
        // Failing again reopens; passing resolves (keeping the first time it was seen fixed); an
        // unknown result says nothing either way, so the stored state stands.
        resolvedAt: sql`case ${excluded(findings.status)}
          when 'fail' then null
          when 'pass' then coalesce(${sql.raw('"findings"."resolved_at"')}, ${excluded(findings.lastSeenAt)})
          else ${sql.raw('"findings"."resolved_at"')} end`,
      },
    })
    .returning();
  return rows.map((finding) => ({ finding, change: changeOf(finding.status, previous.get(keyOf(finding))) }));
}

type PreviousState = Pick<Finding, 'checkId' | 'resourceId' | 'status' | 'resolvedAt'>;

/**
 * One query per batch: the stored state of the batch's rows, locked until the transaction ends.
 * The keys go in as a VALUES list under IN: a literal `(a, b) IN ((..), (..), ...)` of 500 pairs
 * aborts PGlite (its WebAssembly stack runs out), while the VALUES form is planned as a plain join.
 */
async function lockPrevious(executor: Executor, integrationId: string | null, batch: FindingInput[]): Promise<Map<string, PreviousState>> {
  const keys = sql.join(
    batch.map((result) => sql`(${result.checkId}::text, ${result.resourceId}::text)`),
    sql`, `,
  );
  const rows = await executor
    .select({ checkId: findings.checkId, resourceId: findings.resourceId, status: findings.status, resolvedAt: findings.resolvedAt })
    .from(findings)
    .where(
      and(
        sameIntegration(integrationId),
        sql`(${findings.checkId}, ${findings.resourceId}) in (select * from (values ${keys}) as batch(check_id, resource_id))`,
      ),
    )
    .orderBy(findings.checkId, findings.resourceId) // the order the locks are taken in
    .for('update');
  return new Map(rows.map((row) => [keyOf(row), row]));
}

function changeOf(status: FindingStatus, previous: PreviousState | undefined): FindingChange {
  if (status === 'pass') return 'passing';
  if (status === 'unknown') return 'unknown';
  if (!previous) return 'new';
  if (previous.resolvedAt !== null || previous.status === 'pass') return 'regressed';
  if (previous.status === 'fail') return 'still_failing';
  // Stored as unknown and never resolved: it may never have failed (first scans were denied access),
  // so it counts as new. If it had failed, its alert is still open and opening it again changes nothing.
  return 'new';
}

function toRow(scope: FindingScope, result: FindingInput): typeof findings.$inferInsert {
  return {
    ...result,
    tenantId: scope.tenantId,
    integrationId: scope.integrationId,
    provider: scope.provider,
    firstSeenAt: scope.now,
    lastSeenAt: scope.now,
    resolvedAt: result.status === 'pass' ? scope.now : null,
    lastScanId: scope.scanId,
  };
}

/**
 * Marks as resolved the failing findings of the given checks that this scan did not see: the
 * resource is gone. Only checks that ran to the end belong in checkIds, or a partial scan would
 * resolve what it merely failed to look at. Returns the resolved findings' ids.
 */
export async function resolveMissingFindings(
  executor: Executor,
  input: { integrationId: string | null; scanId: string; checkIds: string[]; now: Date; repositories?: string[] },
): Promise<string[]> {
  if (input.checkIds.length === 0) return [];
  if (input.repositories?.length === 0) return [];
  const rows = await executor
    .update(findings)
    .set({ resolvedAt: input.now })
    .where(
      and(
        sameIntegration(input.integrationId),
        inArray(findings.checkId, input.checkIds),
        eq(findings.status, 'fail'),
        isNull(findings.resolvedAt),
        // last_scan_id becomes null when an old scan is deleted; such a finding was not seen now either.
        sql`${findings.lastScanId} is distinct from ${input.scanId}`,
        // A scan of some repositories says nothing about the integration's other resources.
        input.repositories ? ofRepositories(input.repositories) : undefined,
      ),
    )
    .returning({ id: findings.id });
  return rows.map((row) => row.id);
}

export interface FindingFilter {
  tenantId: string;
  integrationId?: string;
  status?: FindingStatus;
  severity?: Severity;
  /** true: only findings whose problem is gone; false: only current ones; undefined: both. */
  resolved?: boolean;
  limit: number;
}

/** Most severe first, then highest risk. */
export async function listFindings(executor: Executor, filter: FindingFilter): Promise<Finding[]> {
  return executor
    .select()
    .from(findings)
    .where(
      and(
        eq(findings.tenantId, filter.tenantId),
        filter.integrationId === undefined ? undefined : eq(findings.integrationId, filter.integrationId),
        filter.status === undefined ? undefined : eq(findings.status, filter.status),
        filter.severity === undefined ? undefined : eq(findings.severity, filter.severity),
        resolvedFilter(filter.resolved),
      ),
    )
    // The severity enum is declared critical first, so ascending enum order is most severe first.
    .orderBy(findings.severity, desc(findings.riskScore), findings.checkId, findings.resourceId)
    .limit(filter.limit);
}

export async function getFinding(executor: Executor, id: string): Promise<Finding> {
  const [row] = await executor.select().from(findings).where(eq(findings.id, id));
  if (!row) throw new AppError('NOT_FOUND', `Finding ${id} does not exist.`);
  return row;
}

function resolvedFilter(resolved: boolean | undefined): SQL | undefined {
  if (resolved === undefined) return undefined;
  return resolved ? isNotNull(findings.resolvedAt) : isNull(findings.resolvedAt);
}

/** Findings about these repositories (`owner/repo`) or things inside them (`owner/repo/...`). */
export function ofRepositories(repositories: string[]): SQL {
  const likeEscaped = (name: string) => name.replace(/[\\%_]/g, (c) => `\\${c}`);
  return or(inArray(findings.resourceId, repositories), ...repositories.map((name) => like(findings.resourceId, `${likeEscaped(name)}/%`))) as SQL;
}

/** The unique key treats a null integration as a value (NULLS NOT DISTINCT); so must the lookups. */
function sameIntegration(integrationId: string | null): SQL {
  return integrationId === null ? isNull(findings.integrationId) : eq(findings.integrationId, integrationId);
}

function excluded(column: PgColumn): SQL {
  return sql.raw(`excluded."${column.name}"`);
}

function keyOf(row: { checkId: string; resourceId: string }): string {
  return `${row.checkId}\u0000${row.resourceId}`;
}

function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
