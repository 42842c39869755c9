/**
 * The compliance report: for one framework (the integration guide's names: soc2, iso27001, cis,
 * gdpr, hipaa, pci_dss — and nist), every control that a check or an evidence item speaks to, with
 * its status and what it rests on.
 *
 * A control fails when a check mapped to it currently fails on some resource (suppressed or not:
 * an auditor sees suppressions as decisions, not passes); it is unknown when a check could not run
 * or when only collected evidence speaks to it (evidence documents a control, it does not judge
 * it); it passes when checks mapped to it ran and passed everywhere.
 */
import { and, desc, eq, gte, or, sql } from 'drizzle-orm';
import type { Provider } from '../config.js';
import { FRAMEWORKS as CHECK_FRAMEWORKS } from '../scanning/compliance/frameworks.js';
import { csvCell } from '../scanning/formats/csv.js';
import type { Executor } from '../store/db.js';
import { alerts, evidence, findings, integrations } from '../store/schema.js';

export const REPORT_FRAMEWORKS = ['soc2', 'iso27001', 'cis', 'gdpr', 'hipaa', 'pci_dss', 'nist'] as const;
export type ReportFramework = (typeof REPORT_FRAMEWORKS)[number];
export type ControlStatus = 'pass' | 'fail' | 'unknown';

/** How long collected evidence stays current for a report. */
export const EVIDENCE_WINDOW_DAYS = 90;

export interface ReportFinding {
  id: string;
  check_id: string;
  resource_id: string;
  region: string;
  status: 'pass' | 'fail' | 'unknown';
  severity: string;
  title: string;
  status_detail: string;
  last_seen: string;
  alert_state: string | null;
}

export interface ReportEvidence {
  id: string;
  title: string;
  collection_type: string | null;
  collected_at: string;
  checksum: string;
}

export interface ControlReport {
  /** The framework's versioned id (`cis-aws-5.0`, `soc2`, `iso27001-2022`, ...). */
  framework_id: string;
  control_id: string;
  status: ControlStatus;
  counts: { pass: number; fail: number; unknown: number; evidence: number };
  findings: ReportFinding[];
  evidence: ReportEvidence[];
}

export interface ComplianceReport {
  framework: ReportFramework;
  framework_ids: string[];
  integration_id: string | null;
  generated_at: string;
  summary: { controls: number; pass: number; fail: number; unknown: number; evidence_items: number; failing_findings: number };
  controls: ControlReport[];
}

/** The versioned framework ids of the checks that a guide framework name selects. */
export function frameworkIdsFor(framework: ReportFramework): string[] {
  return CHECK_FRAMEWORKS.filter((f) => f.aliases.includes(framework)).map((f) => f.id);
}

const CIS_BY_PROVIDER: Record<Provider, string> = { aws: 'cis-aws-5.0', azure: 'cis-azure-3.0', gcp: 'cis-gcp-3.0', github: 'cis-github-1.1' };

/** Evidence is stored under the guide's name; the report files it under the versioned id of its platform's benchmark. */
function evidenceFrameworkId(framework: ReportFramework, platform: string): string {
  if (framework === 'cis') return CIS_BY_PROVIDER[platform as Provider] ?? 'cis';
  return frameworkIdsFor(framework)[0] ?? framework;
}

function statusOf(counts: ControlReport['counts']): ControlStatus {
  if (counts.fail > 0) return 'fail';
  if (counts.unknown > 0 || counts.pass === 0) return 'unknown';
  return 'pass';
}

export async function buildComplianceReport(
  db: Executor,
  query: { tenantId: string; framework: ReportFramework; integrationId?: string | null; now?: Date },
): Promise<ComplianceReport> {
  const now = query.now ?? new Date();
  const frameworkIds = frameworkIdsFor(query.framework);
  const byIntegration = query.integrationId ? eq(findings.integrationId, query.integrationId) : undefined;
  // Current results only: a finding resolved by a later scan has status pass; one whose integration is gone is gone.
  const findingRows = await db
    .select({ finding: findings, alertState: alerts.state })
    .from(findings)
    .innerJoin(integrations, eq(integrations.id, findings.integrationId))
    .leftJoin(alerts, eq(alerts.findingId, findings.id))
    .where(and(eq(findings.tenantId, query.tenantId), byIntegration, or(...frameworkIds.map((id) => sql`${findings.compliance} ? ${id}`))));

  const evidenceRows =
    query.framework === 'nist'
      ? []
      : await db
          .select()
          .from(evidence)
          .where(
            and(
              eq(evidence.tenantId, query.tenantId),
              eq(evidence.framework, query.framework),
              query.integrationId ? eq(evidence.integrationId, query.integrationId) : undefined,
              gte(evidence.collectedAt, new Date(now.getTime() - EVIDENCE_WINDOW_DAYS * 86_400_000)),
            ),
          )
          .orderBy(desc(evidence.collectedAt));

  const controls = new Map<string, ControlReport>();
  const control = (frameworkId: string, controlId: string): ControlReport => {
    const key = `${frameworkId}\u0000${controlId}`;
    let entry = controls.get(key);
    if (!entry) {
      entry = { framework_id: frameworkId, control_id: controlId, status: 'unknown', counts: { pass: 0, fail: 0, unknown: 0, evidence: 0 }, findings: [], evidence: [] };
      controls.set(key, entry);
    }
    return entry;
  };

  for (const { finding, alertState } of findingRows) {
    for (const frameworkId of frameworkIds) {
      for (const controlId of finding.compliance[frameworkId] ?? []) {
        const entry = control(frameworkId, controlId);
        entry.counts[finding.status] += 1;
        entry.findings.push({
          id: finding.id,
          check_id: finding.checkId,
          resource_id: finding.resourceId,
          region: finding.region,
          status: finding.status,
          severity: finding.severity,
          title: finding.title,
          status_detail: finding.statusDetail,
          last_seen: finding.lastSeenAt.toISOString(),
          alert_state: alertState,
        });
      }
    }
  }
  // Only the newest copy of each resource's evidence: a daily sync would otherwise list it ninety times.
  const seen = new Set<string>();
  for (const item of evidenceRows) {
    const meta = item.evidenceMetadata;
    const text = (key: string): string => (typeof meta[key] === 'string' ? meta[key] : '');
    const platform = text('platform');
    const resource = `${item.integrationId ?? ''}|${item.controlId}|${text('resource_id') || item.id}|${text('collection_type')}`;
    if (seen.has(resource)) continue;
    seen.add(resource);
    const entry = control(evidenceFrameworkId(query.framework, platform), item.controlId);
    entry.counts.evidence += 1;
    entry.evidence.push({
      id: item.id,
      title: item.title,
      collection_type: text('collection_type') || null,
      collected_at: item.collectedAt.toISOString(),
      checksum: item.checksum,
    });
  }

  const list = [...controls.values()]
    .map((entry) => ({ ...entry, status: statusOf(entry.counts) }))
    .sort((a, b) => a.framework_id.localeCompare(b.framework_id) || a.control_id.localeCompare(b.control_id, 'en', { numeric: true }));
  for (const entry of list) {
    // Failing results first, so the report reads top-down as "what to fix".
    const order = { fail: 0, unknown: 1, pass: 2 } as const;
    entry.findings.sort((a, b) => order[a.status] - order[b.status] || a.check_id.localeCompare(b.check_id) || a.resource_id.localeCompare(b.resource_id));
  }
  return {
    framework: query.framework,
    framework_ids: frameworkIds,
    integration_id: query.integrationId ?? null,
    generated_at: now.toISOString(),
    summary: {
      controls: list.length,
      pass: list.filter((c) => c.status === 'pass').length,
      fail: list.filter((c) => c.status === 'fail').length,
      unknown: list.filter((c) => c.status === 'unknown').length,
      evidence_items: list.reduce((n, c) => n + c.counts.evidence, 0),
      failing_findings: new Set(findingRows.filter((r) => r.finding.status === 'fail').map((r) => r.finding.id)).size,
    },
    controls: list,
  };
}

const CSV_HEADER = ['framework_id', 'control_id', 'control_status', 'kind', 'id', 'check_or_type', 'resource_or_title', 'result', 'severity', 'detail', 'when', 'checksum'];

/** The report as CSV: one row per finding and evidence item behind each control, and one for a control with neither. */
export function complianceReportCsv(report: ComplianceReport): string {
  const lines = [CSV_HEADER.join(',')];
  const row = (cells: Array<string | number>) => lines.push(cells.map(csvCell).join(','));
  for (const c of report.controls) {
    for (const f of c.findings) row([c.framework_id, c.control_id, c.status, 'finding', f.id, f.check_id, f.resource_id, f.status, f.severity, f.status_detail, f.last_seen, '']);
    for (const e of c.evidence) row([c.framework_id, c.control_id, c.status, 'evidence', e.id, e.collection_type ?? '', e.title, 'collected', '', '', e.collected_at, e.checksum]);
  }
  return `${lines.join('\r\n')}\r\n`;
}
