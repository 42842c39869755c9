/**
 * Remembers a scan: findings upserted by fingerprint, the diff against what was stored (new, still
 * failing, resolved, regressed), alerts opened and resolved, audit rows, and the notify / refresh
 * jobs — all in one transaction, so a retried scan job records nothing twice.
 *
 * Resolution rules: a finding whose resource now passes is resolved (we saw it fixed). A failing
 * finding that this scan did not see at all (the resource is gone) is resolved only when its check
 * was complete — no `unknown` result in this scan — because a partial look proves nothing.
 */
import type { Db, Tx } from '../store/db.js';
import { openAlertForFinding, resolveAlertsForFindings, resolveAlertsOfPassingFindings, type Alert } from '../store/alerts.js';
import { appendAudit } from '../store/audit.js';
import { resolveMissingFindings, upsertFindings, type FindingInput } from '../store/findings.js';
import { updateIntegration } from '../store/integrations.js';
import { finishScan, type FinishedScanStatus } from '../store/scans.js';
import type { ScanSummary } from '../store/schema.js';
import { listActiveSuppressionRules, ruleMatches } from '../store/suppressions.js';
import type { Finding, Provider } from '../scanning/types.js';
import type { JobQueue } from './job-queue.js';
import type { JobPayloads } from './queues.js';

export interface RecordScanInput {
  tenantId: string;
  integrationId: string | null;
  scanId: string;
  provider: Provider;
  status: Exclude<FinishedScanStatus, 'failed' | 'cancelled'>;
  findings: Finding[];
  /** Checks that ran and reported no `unknown`: only these may resolve findings by absence. */
  completeChecks: string[];
  resources: number;
  now: Date;
  correlationId: string;
  /** The scan covered only these repositories (`owner/repo`): findings elsewhere are not resolved by absence. */
  repositories?: string[];
  /** Runs in the recording transaction, last: follow-up jobs that must exist exactly when the scan is recorded. */
  afterRecord?: (tx: Tx) => Promise<void>;
}

const ID_CHUNK = 1000;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function toInput(finding: Finding): FindingInput {
  const { checkId, service, resourceId, resourceType, region, fingerprint, status, severity, riskScore, title, statusDetail, remediation, compliance } = finding;
  return { checkId, service, resourceId, resourceType, region, fingerprint, status, severity, riskScore, title, statusDetail, remediation, compliance: compliance };
}

async function resolveAlerts(tx: Tx, findingIds: string[]): Promise<Alert[]> {
  const resolved: Alert[] = [];
  for (const ids of chunks(findingIds, ID_CHUNK)) resolved.push(...(await resolveAlertsForFindings(tx, ids, 'scan')));
  return resolved;
}

export async function recordScanResults(db: Db, queue: JobQueue<JobPayloads>, input: RecordScanInput): Promise<ScanSummary> {
  return db.transaction(async (tx) => {
    const scope = { tenantId: input.tenantId, integrationId: input.integrationId, scanId: input.scanId, provider: input.provider, now: input.now };
    const upserted = await upsertFindings(tx, scope, input.findings.map(toInput));
    const gone = await resolveMissingFindings(tx, {
      integrationId: input.integrationId,
      scanId: input.scanId,
      checkIds: input.completeChecks,
      now: input.now,
      ...(input.repositories ? { repositories: input.repositories } : {}),
    });

    const rules = await listActiveSuppressionRules(tx, input.tenantId, input.now);
    const opened: Alert[] = [];
    let fresh = 0;
    let regressed = 0;
    for (const { finding, change } of upserted) {
      if (change !== 'new' && change !== 'regressed') continue;
      if (finding.status !== 'fail') continue;
      if (change === 'new') fresh += 1;
      else regressed += 1;
      const suppressed = rules.some((rule) => ruleMatches(rule, { integrationId: finding.integrationId, checkId: finding.checkId, resourceId: finding.resourceId }, input.now));
      if (suppressed) continue;
      const { alert, created, reopened } = await openAlertForFinding(tx, { tenantId: input.tenantId, findingId: finding.id, severity: finding.severity });
      if (created || reopened) opened.push(alert);
    }
    const resolvedAlerts = [...(await resolveAlertsOfPassingFindings(tx, input.scanId, 'scan')), ...(await resolveAlerts(tx, gone))];

    const summary: ScanSummary = {
      resources: input.resources,
      pass: input.findings.filter((f) => f.status === 'pass').length,
      fail: input.findings.filter((f) => f.status === 'fail').length,
      unknown: input.findings.filter((f) => f.status === 'unknown').length,
      new: fresh,
      resolved: resolvedAlerts.length,
      regressed,
    };
    await finishScan(tx, input.scanId, { status: input.status, summary });
    if (input.integrationId) await updateIntegration(tx, input.integrationId, { lastScanAt: input.now });

    for (const alert of opened) {
      await appendAudit(tx, { tenantId: input.tenantId, actor: 'scan', action: alert.version > 1 ? 'alert.reopened' : 'alert.opened', targetType: 'alert', targetId: alert.id, details: { scanId: input.scanId, findingId: alert.findingId, severity: alert.severity } });
    }
    for (const alert of resolvedAlerts) {
      await appendAudit(tx, { tenantId: input.tenantId, actor: 'scan', action: 'alert.resolved', targetType: 'alert', targetId: alert.id, details: { scanId: input.scanId, reason: 'resolved by scan' } });
    }
    await appendAudit(tx, { tenantId: input.tenantId, actor: 'scan', action: 'scan.recorded', targetType: 'scan', targetId: input.scanId, details: { ...summary, status: input.status } });

    if (opened.length > 0) {
      await queue.send('notify', { tenantId: input.tenantId, alertIds: opened.map((a) => a.id), scanId: input.scanId }, { tx, correlationId: input.correlationId });
    }
    // Cards already shown for these alerts change in place: resolved ones, and regressed ones whose
    // old cards say "resolved" (notify posts only to channels that have no card for the alert).
    const reopened = opened.filter((alert) => alert.version > 1);
    await queue.sendMany(
      'refresh',
      [
        ...resolvedAlerts.map((alert) => ({ tenantId: input.tenantId, alertId: alert.id, version: alert.version, note: 'Resolved by a scan: the problem is gone.' })),
        ...reopened.map((alert) => ({ tenantId: input.tenantId, alertId: alert.id, version: alert.version, note: 'Reopened by a scan: the problem is back.' })),
      ],
      { tx, correlationId: input.correlationId },
    );
    await input.afterRecord?.(tx);
    return summary;
  });
}
