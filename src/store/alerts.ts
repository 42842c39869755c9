/**
 * Alerts: the triage state of a failing finding (open, acknowledged, suppressed, resolved). Every
 * change bumps `version`, and a person's change only applies to the version they saw, so two people
 * pressing buttons on two copies of a card cannot silently overwrite each other.
 */
import { and, desc, eq, getTableColumns, inArray, lte, ne, sql } from 'drizzle-orm';
import { AppError } from '../errors.js';
import type { Executor } from './db.js';
import { alerts, findings, integrations } from './schema.js';

export type Alert = typeof alerts.$inferSelect;
export type AlertState = Alert['state'];
export type AlertSeverity = Alert['severity'];

/** An alert with what a list or card shows of its finding. */
export type AlertListItem = Alert & {
  title: string;
  checkId: string;
  provider: (typeof findings.$inferSelect)['provider'];
  resourceId: string;
  resourceType: string;
  region: string;
  integrationId: string | null;
};

export type TransitionResult = { ok: true; alert: Alert; before: Alert } | { ok: false; current: Alert };

export interface TransitionInput {
  alertId: string;
  /** The version the actor saw; the change applies only if the alert is still at it. */
  expectedVersion: number;
  to: AlertState;
  actor: string;
  reason?: string | null;
  /** undefined keeps the assignee, null clears it. */
  assignee?: string | null;
  /** Only for `suppressed`; null or undefined suppresses until someone reopens it. */
  suppressedUntil?: Date | null;
}

export interface AlertFilter {
  tenantId: string;
  states?: AlertState[];
  severities?: AlertSeverity[];
  assignee?: string;
  limit: number;
  offset?: number;
}

/**
 * Makes sure a failing finding has an open alert: creates it, or reopens it if it was resolved.
 * An alert that is open, acknowledged or suppressed is left as it is, so a retried scan job (or a
 * finding failing scan after scan) changes nothing and notifies no one twice.
 */
export async function openAlertForFinding(
  executor: Executor,
  input: { tenantId: string; findingId: string; severity: AlertSeverity },
): Promise<{ alert: Alert; created: boolean; reopened: boolean }> {
  const [created] = await executor
    .insert(alerts)
    .values({ tenantId: input.tenantId, findingId: input.findingId, severity: input.severity, changedBy: 'scan' })
    .onConflictDoNothing({ target: alerts.findingId })
    .returning();
  if (created) return { alert: created, created: true, reopened: false };
  const [reopened] = await executor
    .update(alerts)
    .set({
      state: 'open',
      severity: input.severity,
      assignee: null,
      reason: null,
      suppressedUntil: null,
      changedBy: 'scan',
      version: sql`${alerts.version} + 1`,
      // A reopened alert is a new episode; "open for N days" counts from now.
      openedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(and(eq(alerts.findingId, input.findingId), eq(alerts.state, 'resolved')))
    .returning();
  if (reopened) return { alert: reopened, created: false, reopened: true };
  const [existing] = await executor.select().from(alerts).where(eq(alerts.findingId, input.findingId));
  if (!existing) throw new AppError('NOT_FOUND', `The alert of finding ${input.findingId} disappeared while it was being opened.`);
  return { alert: existing, created: false, reopened: false };
}

export async function getAlert(executor: Executor, id: string): Promise<Alert> {
  const [row] = await executor.select().from(alerts).where(eq(alerts.id, id));
  if (!row) throw new AppError('NOT_FOUND', `Alert ${id} does not exist.`);
  return row;
}

/** Most severe first, then newest. */
export async function listAlerts(executor: Executor, filter: AlertFilter): Promise<AlertListItem[]> {
  return executor
    .select({
      ...getTableColumns(alerts),
      title: findings.title,
      checkId: findings.checkId,
      provider: findings.provider,
      resourceId: findings.resourceId,
      resourceType: findings.resourceType,
      region: findings.region,
      integrationId: findings.integrationId,
    })
    .from(alerts)
    .innerJoin(findings, eq(findings.id, alerts.findingId))
    .where(
      and(
        eq(alerts.tenantId, filter.tenantId),
        filter.states === undefined ? undefined : inArray(alerts.state, filter.states),
        filter.severities === undefined ? undefined : inArray(alerts.severity, filter.severities),
        filter.assignee === undefined ? undefined : eq(alerts.assignee, filter.assignee),
      ),
    )
    // The severity enum is declared critical first, so ascending enum order is most severe first.
    .orderBy(alerts.severity, desc(alerts.openedAt), alerts.id)
    .limit(filter.limit)
    .offset(filter.offset ?? 0);
}

/**
 * Applies a triage action if the alert is still at the version the actor saw. When someone else
 * acted first it changes nothing and returns the alert as it now is, so the caller can show it.
 * The row lock makes a concurrent transition wait, then see the bumped version and lose.
 */
export async function transitionAlert(executor: Executor, input: TransitionInput): Promise<TransitionResult> {
  return executor.transaction(async (tx) => {
    const before = await lockAlert(tx, input.alertId);
    if (!before) throw new AppError('NOT_FOUND', `Alert ${input.alertId} does not exist.`);
    return transitionLockedAlert(tx, before, input);
  });
}

/** The alert, locked until the caller's transaction ends (a transition elsewhere waits for it); null when there is none. */
export async function lockAlert(tx: Executor, id: string): Promise<Alert | null> {
  const [row] = await tx.select().from(alerts).where(eq(alerts.id, id)).for('update');
  return row ?? null;
}

/** `transitionAlert` inside the caller's transaction, on the alert it has locked with `lockAlert`. */
export async function transitionLockedAlert(tx: Executor, before: Alert, input: TransitionInput): Promise<TransitionResult> {
  if (before.version !== input.expectedVersion) return { ok: false, current: before };
  const [alert] = await tx
    .update(alerts)
    .set({
      state: input.to,
      assignee: input.assignee,
      reason: carriedOver(input.reason, before.reason, input.to === before.state),
      suppressedUntil: input.to === 'suppressed' ? carriedOver(input.suppressedUntil, before.suppressedUntil, before.state === 'suppressed') : null,
      changedBy: input.actor,
      version: sql`${alerts.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(alerts.id, before.id), eq(alerts.version, input.expectedVersion)))
    .returning();
  if (!alert) return { ok: false, current: await getAlert(tx, before.id) };
  return { ok: true, alert, before };
}

/**
 * The alert's version, read with a share lock: a transition in flight is waited for, so the answer
 * includes it. Null when the alert is gone.
 */
export async function settledAlertVersion(executor: Executor, id: string): Promise<number | null> {
  const [row] = await executor.select({ version: alerts.version }).from(alerts).where(eq(alerts.id, id)).for('share');
  return row?.version ?? null;
}

/**
 * A reason or suppression end describes the last change, so it carries over only when the state
 * stays the same (reassigning a suppressed alert keeps its suppression); otherwise it is cleared.
 */
function carriedOver<T>(given: T | null | undefined, stored: T | null, sameState: boolean): T | null {
  if (given !== undefined) return given;
  return sameState ? stored : null;
}

/** Resolves the alerts of findings whose problem is gone. Returns the alerts that changed. */
export async function resolveAlertsForFindings(executor: Executor, findingIds: string[], actor: string): Promise<Alert[]> {
  if (findingIds.length === 0) return [];
  return executor
    .update(alerts)
    .set({ state: 'resolved', suppressedUntil: null, reason: null, changedBy: actor, version: sql`${alerts.version} + 1`, updatedAt: new Date() })
    .where(and(inArray(alerts.findingId, findingIds), ne(alerts.state, 'resolved')))
    .returning();
}

/**
 * Resolves, in one statement, the alerts of findings this scan saw passing. Only findings that
 * failed before can have an unresolved alert, so this touches exactly those, however many
 * resources passed.
 */
export async function resolveAlertsOfPassingFindings(executor: Executor, scanId: string, actor: string): Promise<Alert[]> {
  return executor
    .update(alerts)
    .set({ state: 'resolved', suppressedUntil: null, reason: null, changedBy: actor, version: sql`${alerts.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        ne(alerts.state, 'resolved'),
        inArray(
          alerts.findingId,
          executor
            .select({ id: findings.id })
            .from(findings)
            .where(and(eq(findings.lastScanId, scanId), eq(findings.status, 'pass'))),
        ),
      ),
    )
    .returning();
}

/** Suppressions that ran out become open again (a maintenance job calls this). Returns them. */
export async function reopenExpiredSuppressions(executor: Executor, now: Date): Promise<Alert[]> {
  return executor
    .update(alerts)
    .set({ state: 'open', suppressedUntil: null, reason: null, changedBy: 'maintenance', version: sql`${alerts.version} + 1`, updatedAt: now })
    .where(and(eq(alerts.state, 'suppressed'), lte(alerts.suppressedUntil, now)))
    .returning();
}

/** The API's reads: alerts with their finding and integration, filtered and paged by offset, always scoped by tenant. */
const alertColumns = {
  id: alerts.id,
  version: alerts.version,
  state: alerts.state,
  severity: alerts.severity,
  assignee: alerts.assignee,
  reason: alerts.reason,
  suppressedUntil: alerts.suppressedUntil,
  changedBy: alerts.changedBy,
  openedAt: alerts.openedAt,
  updatedAt: alerts.updatedAt,
  riskScore: findings.riskScore,
  title: findings.title,
  statusDetail: findings.statusDetail,
  checkId: findings.checkId,
  provider: findings.provider,
  service: findings.service,
  resourceId: findings.resourceId,
  resourceType: findings.resourceType,
  region: findings.region,
  compliance: findings.compliance,
  remediation: findings.remediation,
  firstSeenAt: findings.firstSeenAt,
  integrationId: findings.integrationId,
  integrationName: integrations.name,
};

export interface AlertRow {
  id: string;
  version: number;
  state: AlertState;
  severity: AlertSeverity;
  assignee: string | null;
  reason: string | null;
  suppressedUntil: Date | null;
  changedBy: string | null;
  openedAt: Date;
  updatedAt: Date;
  riskScore: number;
  title: string;
  statusDetail: string;
  checkId: string;
  provider: (typeof findings.$inferSelect)['provider'];
  service: string;
  resourceId: string;
  resourceType: string;
  region: string;
  compliance: Record<string, string[]>;
  remediation: string;
  firstSeenAt: Date;
  integrationId: string | null;
  integrationName: string | null;
}

export interface AlertQuery {
  tenantId: string;
  states?: AlertState[];
  severities?: AlertSeverity[];
  integrationId?: string;
  assignee?: string;
  limit: number;
  offset: number;
}

/** Most severe first, then newest; one row more than asked, so the caller knows whether a next page exists. */
export async function queryAlerts(executor: Executor, query: AlertQuery): Promise<AlertRow[]> {
  return executor
    .select(alertColumns)
    .from(alerts)
    .innerJoin(findings, eq(findings.id, alerts.findingId))
    .leftJoin(integrations, eq(integrations.id, findings.integrationId))
    .where(
      and(
        eq(alerts.tenantId, query.tenantId),
        query.states ? inArray(alerts.state, query.states) : undefined,
        query.severities ? inArray(alerts.severity, query.severities) : undefined,
        query.integrationId ? eq(findings.integrationId, query.integrationId) : undefined,
        query.assignee ? eq(alerts.assignee, query.assignee) : undefined,
      ),
    )
    .orderBy(alerts.severity, desc(alerts.openedAt), alerts.id)
    .limit(query.limit + 1)
    .offset(query.offset);
}

export async function findAlert(executor: Executor, tenantId: string, alertId: string): Promise<AlertRow | null> {
  const [row] = await executor
    .select(alertColumns)
    .from(alerts)
    .innerJoin(findings, eq(findings.id, alerts.findingId))
    .leftJoin(integrations, eq(integrations.id, findings.integrationId))
    .where(and(eq(alerts.tenantId, tenantId), eq(alerts.id, alertId)));
  return row ?? null;
}
