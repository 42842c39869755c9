/** Database rows → the API's snake_case shapes (never a credential: rows come from public columns only). */
import type { z } from 'zod';
import type { Scan } from '../store/scans.js';
import type { AlertData, ScanData } from './schemas.js';
import type { AlertRow } from '../store/alerts.js';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function scanView(scan: Scan): z.input<typeof ScanData> {
  return {
    scan_id: scan.id,
    integration_id: scan.integrationId,
    platform: scan.provider,
    status: scan.status,
    requested_by: scan.requestedBy,
    regions: scan.regions,
    checks: scan.checks,
    progress: { done: scan.progress.done, total: scan.progress.total },
    summary: scan.summary,
    error: scan.error,
    created_at: scan.createdAt.toISOString(),
    started_at: iso(scan.startedAt),
    finished_at: iso(scan.finishedAt),
  };
}

export function alertView(row: AlertRow): z.input<typeof AlertData> {
  return {
    alert_id: row.id,
    version: row.version,
    state: row.state,
    severity: row.severity,
    risk_score: row.riskScore,
    title: row.title,
    status_detail: row.statusDetail,
    check_id: row.checkId,
    platform: row.provider,
    service: row.service,
    resource_id: row.resourceId,
    resource_type: row.resourceType,
    region: row.region,
    integration_id: row.integrationId,
    integration_name: row.integrationName,
    assignee: row.assignee,
    reason: row.reason,
    suppressed_until: iso(row.suppressedUntil),
    changed_by: row.changedBy,
    compliance: row.compliance,
    remediation: row.remediation,
    first_seen_at: row.firstSeenAt.toISOString(),
    opened_at: row.openedAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
