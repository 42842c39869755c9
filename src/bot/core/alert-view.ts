/** Loading what a card shows about alerts: the alert, its finding, its integration and its check. */
import { and, eq, getTableColumns, inArray } from 'drizzle-orm';
import { allChecks } from '../../scanning/registry.js';
import type { Executor } from '../../store/db.js';
import { alerts, findings, integrations } from '../../store/schema.js';
import type { AlertView } from './types.js';

const remediationCommands = new Map(allChecks.map((check) => [check.meta.id, check.meta.remediation.cli ?? null]));

/** The account a resource lives in, read from its id where the id carries one (ARNs, Azure ids, GCP names). */
export function accountOf(resourceId: string): string | null {
  const arn = /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(resourceId);
  if (arn) return arn[1] ?? null;
  const azure = /^\/subscriptions\/([^/]+)/i.exec(resourceId);
  if (azure) return azure[1] ?? null;
  const gcp = /^(?:\/\/[^/]+\/)?projects\/([^/]+)/.exec(resourceId);
  if (gcp) return gcp[1] ?? null;
  const github = /^(?:org\/)?([^/]+)(?:\/|$)/.exec(resourceId);
  return github && !resourceId.includes(':') ? (github[1] ?? null) : null;
}

/** The views of `ids` that belong to `tenantId`, in the order asked; ids of other tenants are left out. */
export async function loadAlertViews(executor: Executor, tenantId: string, ids: readonly string[]): Promise<AlertView[]> {
  if (ids.length === 0) return [];
  const rows = await executor
    .select({
      alert: getTableColumns(alerts),
      finding: {
        title: findings.title,
        statusDetail: findings.statusDetail,
        checkId: findings.checkId,
        provider: findings.provider,
        service: findings.service,
        resourceId: findings.resourceId,
        resourceType: findings.resourceType,
        region: findings.region,
        riskScore: findings.riskScore,
        compliance: findings.compliance,
        remediation: findings.remediation,
        firstSeenAt: findings.firstSeenAt,
      },
      integrationName: integrations.name,
    })
    .from(alerts)
    .innerJoin(findings, eq(findings.id, alerts.findingId))
    .leftJoin(integrations, eq(integrations.id, findings.integrationId))
    .where(and(eq(alerts.tenantId, tenantId), inArray(alerts.id, [...ids])));
  const byId = new Map(
    rows.map(({ alert, finding, integrationName }): [string, AlertView] => [
      alert.id,
      {
        id: alert.id,
        version: alert.version,
        state: alert.state,
        severity: alert.severity,
        riskScore: finding.riskScore,
        title: finding.title,
        statusDetail: finding.statusDetail,
        checkId: finding.checkId,
        provider: finding.provider,
        service: finding.service,
        resourceId: finding.resourceId,
        resourceType: finding.resourceType,
        region: finding.region,
        integrationName,
        account: accountOf(finding.resourceId),
        compliance: finding.compliance,
        remediation: finding.remediation,
        remediationCommand: remediationCommands.get(finding.checkId) ?? null,
        firstSeenAt: finding.firstSeenAt,
        assignee: alert.assignee,
        reason: alert.reason,
        suppressedUntil: alert.suppressedUntil,
        changedBy: alert.changedBy,
        updatedAt: alert.updatedAt,
      },
    ]),
  );
  return ids.map((id) => byId.get(id)).filter((view): view is AlertView => view !== undefined);
}

export async function loadAlertView(executor: Executor, tenantId: string, id: string): Promise<AlertView | null> {
  const [view] = await loadAlertViews(executor, tenantId, [id]);
  return view ?? null;
}
