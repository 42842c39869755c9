/**
 * The reads the API needs that the store does not offer yet: alerts filtered by integration and
 * paged by offset, scans filtered by status and paged. Always scoped by tenant. (Candidates to move
 * into src/store/alerts.ts and scans.ts.)
 */
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { AlertSeverity, AlertState } from '../store/alerts.js';
import type { Executor } from '../store/db.js';
import type { Scan, ScanStatus } from '../store/scans.js';
import type { IntegrationHealth } from '../store/schema.js';
import { alerts, findings, integrations, scans } from '../store/schema.js';

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
  provider: Scan['provider'];
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

/** A page of `limit` rows out of `limit + 1` fetched, and where the next page starts. */
export function page<T>(rows: T[], limit: number, offset: number): { items: T[]; paging: { limit: number; offset: number; next_offset: number | null } } {
  const more = rows.length > limit;
  return { items: more ? rows.slice(0, limit) : rows, paging: { limit, offset, next_offset: more ? offset + limit : null } };
}

export interface IntegrationStatusRow {
  id: string;
  name: string;
  provider: Scan['provider'];
  status: 'connected' | 'error' | 'disabled';
  health: IntegrationHealth | null;
  lastSyncAt: Date | null;
  lastScanAt: Date | null;
}

/** The live (not removed) integrations of a tenant, with only what the status endpoint shows: it is the hot read. */
export async function integrationStatuses(executor: Executor, tenantId: string): Promise<IntegrationStatusRow[]> {
  return executor
    .select({
      id: integrations.id,
      name: integrations.name,
      provider: integrations.provider,
      status: integrations.status,
      health: integrations.health,
      lastSyncAt: integrations.lastSyncAt,
      lastScanAt: integrations.lastScanAt,
    })
    .from(integrations)
    .where(and(eq(integrations.tenantId, tenantId), ne(integrations.status, 'disabled')))
    .orderBy(asc(integrations.name));
}
