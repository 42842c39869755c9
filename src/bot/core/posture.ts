/** A tenant's posture at a glance: open alerts by severity and provider, the last scans, integrations' health. */
import { and, count, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../store/db.js';
import { listIntegrations } from '../../store/integrations.js';
import { listScans } from '../../store/scans.js';
import { alerts, findings } from '../../store/schema.js';
import { SEVERITIES } from './commands.js';
import type { PostureView } from './types.js';

export async function loadPosture(executor: Executor, tenantId: string): Promise<PostureView> {
  const open = await executor
    .select({ severity: alerts.severity, provider: findings.provider, n: count() })
    .from(alerts)
    .innerJoin(findings, eq(findings.id, alerts.findingId))
    .where(and(eq(alerts.tenantId, tenantId), inArray(alerts.state, ['open', 'acknowledged'])))
    .groupBy(alerts.severity, findings.provider);
  const openBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as PostureView['openBySeverity'];
  const openByProvider: Record<string, number> = {};
  for (const row of open) {
    openBySeverity[row.severity] += row.n;
    openByProvider[row.provider] = (openByProvider[row.provider] ?? 0) + row.n;
  }
  const integrations = await listIntegrations(executor, tenantId);
  const names = new Map(integrations.map((i) => [i.id, i.name]));
  const scans = await listScans(executor, { tenantId, limit: 5 });
  return {
    openBySeverity,
    openByProvider,
    lastScans: scans.map((s) => ({
      scanId: s.id,
      integrationName: (s.integrationId && names.get(s.integrationId)) ?? s.provider,
      status: s.status,
      finishedAt: s.finishedAt,
      failing: s.summary?.fail ?? null,
    })),
    integrations: integrations.map((i) => ({ name: i.name, provider: i.provider, status: i.status, health: i.health?.status ?? null, lastScanAt: i.lastScanAt })),
  };
}
