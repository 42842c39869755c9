/**
 * `--format ocsf`: a JSON array of OCSF 1.3.0 Detection Finding events (class 2004, category 2
 * Findings, activity 1 Create, so type_uid 200401), one per finding of every status, with the cloud
 * profile. Loaders such as Amazon Security Lake and most SIEMs ingest this shape.
 *
 * How a check's outcome is expressed, consistently:
 * - `status_code` (a base-event attribute) carries the outcome: `FAIL`, `PASS` or `UNKNOWN`, and
 *   `status_detail` says why.
 * - `status_id`/`status` is the finding's lifecycle, as OCSF defines it: a failure is `1 New` (to be
 *   triaged); a pass is `4 Resolved` (nothing left to do); an unknown is `0 Unknown` (the state of the
 *   resource could not be told, so it is neither open nor resolved).
 * - Compliance goes to `unmapped.compliance`, shaped like OCSF's `compliance` object (`standards`,
 *   `requirements`, `status_id`, `status`). The `compliance` attribute belongs to the Compliance
 *   Finding class (2003), not to Detection Finding, so putting it at the top level would make the event
 *   fail schema validation; `unmapped` is where OCSF puts source fields outside the class.
 * - `risk_score` is an integer in OCSF, so it is the rounded score; the exact 0–10 score is in
 *   `unmapped.risk_score`.
 */
import type { Finding, Provider, Severity } from '../types.js';
import type { ScanReport } from './report.js';
import { TOOL_NAME, checksById } from './report.js';

export const OCSF_VERSION = '1.3.0';
export const DETECTION_FINDING = { class_uid: 2004, class_name: 'Detection Finding', category_uid: 2, category_name: 'Findings' } as const;
export const ACTIVITY_CREATE = { activity_id: 1, activity_name: 'Create', type_uid: 200401, type_name: 'Detection Finding: Create' } as const;

export const OCSF_SEVERITY: Record<Severity, { id: 1 | 2 | 3 | 4 | 5; name: string }> = {
  info: { id: 1, name: 'Informational' },
  low: { id: 2, name: 'Low' },
  medium: { id: 3, name: 'Medium' },
  high: { id: 4, name: 'High' },
  critical: { id: 5, name: 'Critical' },
};

/** Finding lifecycle and compliance outcome, per check status (see the file comment). */
const OUTCOME = {
  fail: { status_id: 1, status: 'New', status_code: 'FAIL', compliance: { status_id: 3, status: 'Fail' } },
  pass: { status_id: 4, status: 'Resolved', status_code: 'PASS', compliance: { status_id: 1, status: 'Pass' } },
  unknown: { status_id: 0, status: 'Unknown', status_code: 'UNKNOWN', compliance: { status_id: 0, status: 'Unknown' } },
} as const;

const CLOUD_PROVIDER: Record<Provider, string> = { aws: 'AWS', azure: 'Azure', gcp: 'GCP', github: 'GitHub' };

export interface OcsfDetectionFinding {
  metadata: { version: string; profiles: string[]; product: { name: string; vendor_name: string; version: string }; uid: string };
  time: number;
  class_uid: 2004;
  class_name: string;
  category_uid: 2;
  category_name: string;
  activity_id: 1;
  activity_name: string;
  type_uid: 200401;
  type_name: string;
  severity_id: 1 | 2 | 3 | 4 | 5;
  severity: string;
  status_id: 0 | 1 | 4;
  status: string;
  status_code: 'FAIL' | 'PASS' | 'UNKNOWN';
  status_detail: string;
  message: string;
  finding_info: { uid: string; title: string; desc: string; types: string[] };
  resources: { uid: string; type: string; region: string; cloud_partition?: string }[];
  cloud: { provider: string; account: { uid: string }; region: string };
  remediation: { desc: string; references?: string[] };
  risk_score: number;
  unmapped: {
    check_id: string;
    service: string;
    risk_score: number;
    scan_id: string | null;
    compliance: { standards: string[]; requirements: string[]; status_id: number; status: string };
  };
}

/** `aws`, `aws-cn`, `aws-us-gov`... from an ARN; undefined for anything that is not one. */
function awsPartition(resourceId: string): string | undefined {
  return /^arn:(aws[a-z-]*):/.exec(resourceId)?.[1];
}

function epochMs(report: ScanReport): number {
  const finished = Date.parse(report.scan.finishedAt);
  if (!Number.isNaN(finished)) return finished;
  const started = Date.parse(report.scan.startedAt);
  if (!Number.isNaN(started)) return started;
  throw new Error(`The scan has no valid time (finishedAt "${report.scan.finishedAt}", startedAt "${report.scan.startedAt}").`);
}

export function buildOcsf(report: ScanReport): OcsfDetectionFinding[] {
  const checks = checksById(report.checks);
  const time = epochMs(report);
  return report.findings.map((finding: Finding): OcsfDetectionFinding => {
    const outcome = OUTCOME[finding.status];
    const severity = OCSF_SEVERITY[finding.severity];
    const url = checks.get(finding.checkId)?.remediation.url;
    const partition = finding.provider === 'aws' ? awsPartition(finding.resourceId) : undefined;
    const frameworks = Object.entries(finding.compliance).filter(([, controls]) => controls !== undefined && controls.length > 0);
    return {
      metadata: {
        version: OCSF_VERSION,
        profiles: ['cloud'],
        product: { name: TOOL_NAME, vendor_name: TOOL_NAME, version: report.scan.toolVersion },
        uid: finding.fingerprint,
      },
      time,
      ...DETECTION_FINDING,
      ...ACTIVITY_CREATE,
      severity_id: severity.id,
      severity: severity.name,
      status_id: outcome.status_id,
      status: outcome.status,
      status_code: outcome.status_code,
      status_detail: finding.statusDetail,
      message: finding.title,
      finding_info: { uid: finding.fingerprint, title: finding.title, desc: finding.statusDetail, types: [finding.checkId] },
      resources: [
        {
          uid: finding.resourceId,
          type: finding.resourceType,
          region: finding.region,
          ...(partition ? { cloud_partition: partition } : {}),
        },
      ],
      cloud: { provider: CLOUD_PROVIDER[finding.provider], account: { uid: report.scan.accountId }, region: finding.region },
      remediation: { desc: finding.remediation, ...(url ? { references: [url] } : {}) },
      risk_score: Math.round(finding.riskScore),
      unmapped: {
        check_id: finding.checkId,
        service: finding.service,
        risk_score: finding.riskScore,
        scan_id: report.scan.id,
        compliance: {
          standards: frameworks.map(([framework]) => framework),
          requirements: frameworks.flatMap(([framework, controls]) => (controls ?? []).map((control) => `${framework}:${control}`)),
          ...outcome.compliance,
        },
      },
    };
  });
}

export function renderOcsf(report: ScanReport): string {
  return `${JSON.stringify(buildOcsf(report), null, 2)}\n`;
}
