/**
 * Compliance reports (JSON or CSV) and evidence packs (a zip an auditor verifies offline with
 * `cloudsentinel evidence verify FILE`), built by src/reports from the tenant's findings and evidence.
 */
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { buildComplianceReport, complianceReportCsv, REPORT_FRAMEWORKS } from '../../reports/compliance.js';
import { buildEvidencePack } from '../../reports/evidence-pack.js';
import { appendAudit } from '../../store/audit.js';
import type { Executor } from '../../store/db.js';
import { getIntegration } from '../../store/integrations.js';
import { notFound } from '../errors.js';
import { defineRoute, type ApiRoute } from '../route.js';

const ReportFramework = z.enum(REPORT_FRAMEWORKS, { error: `must be one of ${REPORT_FRAMEWORKS.join(', ')}` });

export const ReportQuery = z.object({
  framework: ReportFramework,
  integration_id: z.uuid({ error: 'must be the integration id (a UUID)' }).optional().meta({ description: 'One integration only (default: all of the tenant).' }),
  format: z.enum(['json', 'csv'], { error: 'must be json or csv' }).default('json'),
});

export const PackQuery = ReportQuery.omit({ format: true });

const Counts = z.object({ pass: z.int(), fail: z.int(), unknown: z.int(), evidence: z.int() });
export const ComplianceReportData = z.object({
  framework: ReportFramework,
  framework_ids: z.array(z.string()),
  integration_id: z.string().nullable(),
  generated_at: z.string(),
  summary: z.object({ controls: z.int(), pass: z.int(), fail: z.int(), unknown: z.int(), evidence_items: z.int(), failing_findings: z.int() }),
  controls: z.array(
    z.object({
      framework_id: z.string(),
      control_id: z.string(),
      status: z.enum(['pass', 'fail', 'unknown']),
      counts: Counts,
      findings: z.array(
        z.object({
          id: z.string(),
          check_id: z.string(),
          resource_id: z.string(),
          region: z.string(),
          status: z.enum(['pass', 'fail', 'unknown']),
          severity: z.string(),
          title: z.string(),
          status_detail: z.string(),
          last_seen: z.string(),
          alert_state: z.string().nullable(),
        }),
      ),
      evidence: z.array(z.object({ id: z.string(), title: z.string(), collection_type: z.string().nullable(), collected_at: z.string(), checksum: z.string() })),
    }),
  ),
});

const ReportResponse = z.object({ success: z.literal(true), data: ComplianceReportData, message: z.string().optional() });

/** Another tenant's integration is as absent as a made-up one. */
async function checkIntegration(executor: Executor, tenantId: string, id: string | undefined): Promise<void> {
  if (!id) return;
  await getIntegration(executor, tenantId, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound('Integration', id);
    throw error;
  });
}

export function reportRoutes(): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/reports/compliance',
      operationId: 'complianceReport',
      summary: 'Compliance report of a framework',
      description: 'Per control: pass, fail or unknown, with the findings and the evidence behind it. `format=csv` answers one CSV row per finding and evidence item.',
      tag: 'Reports',
      permission: 'report:view',
      action: 'report.compliance',
      query: ReportQuery,
      response: { status: 200, description: 'The report', schema: ReportResponse, alternatives: [{ contentType: 'text/csv', description: 'The report as CSV (format=csv)' }] },
      errors: [404],
      async handler({ deps, principal, query }) {
        await checkIntegration(deps.db, principal.tenantId, query.integration_id);
        const report = await buildComplianceReport(deps.db, { tenantId: principal.tenantId, framework: query.framework, integrationId: query.integration_id ?? null, now: deps.clock?.() });
        if (query.format === 'csv') {
          return { file: { contentType: 'text/csv; charset=utf-8', content: complianceReportCsv(report), filename: `compliance-${query.framework}.csv` } };
        }
        return { body: { success: true as const, data: report } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/reports/evidence-pack',
      operationId: 'evidencePack',
      summary: 'Evidence pack of a framework (zip)',
      description: 'The compliance report, every evidence item behind it and a manifest of SHA-256 checksums, as a zip. Check it offline with `cloudsentinel evidence verify FILE`. Every export is audited.',
      tag: 'Reports',
      permission: 'report:view',
      action: 'report.evidence_pack',
      query: PackQuery,
      response: { status: 200, description: 'The evidence pack', schema: z.string(), contentType: 'application/zip' },
      errors: [404],
      async handler({ deps, principal, query }) {
        await checkIntegration(deps.db, principal.tenantId, query.integration_id);
        const pack = await buildEvidencePack(deps.db, { tenantId: principal.tenantId, framework: query.framework, integrationId: query.integration_id ?? null, now: deps.clock?.() });
        // An export of evidence is recorded: who took what, when.
        await appendAudit(deps.db, {
          tenantId: principal.tenantId,
          actor: principal.actor,
          action: 'report.evidence_pack',
          targetType: query.integration_id ? 'integration' : null,
          targetId: query.integration_id ?? null,
          details: { framework: query.framework, files: pack.manifest.files.length, evidence: pack.manifest.evidence.length },
        });
        const date = pack.report.generated_at.slice(0, 10);
        return { file: { contentType: 'application/zip', content: pack.zip, filename: `evidence-pack-${query.framework}-${date}.zip` } };
      },
    }),
  ];
}
