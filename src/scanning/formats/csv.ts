/**
 * `--format csv`: one row per finding, RFC 4180 (CRLF line ends; fields holding a comma, quote or
 * line break are quoted, quotes doubled).
 *
 * Resource ids, names and details come from the cloud, so anyone who can name a bucket or a repo
 * controls cell text. A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be
 * run as a formula by spreadsheet software (CSV injection), so it gets a leading `'`, per OWASP.
 */
import type { ComplianceMap, Finding } from '../types.js';
import type { ScanReport } from './report.js';

const COLUMNS = [
  'checkId',
  'provider',
  'service',
  'resourceId',
  'resourceType',
  'region',
  'status',
  'severity',
  'riskScore',
  'title',
  'statusDetail',
  'remediation',
  'compliance',
  'fingerprint',
] as const satisfies readonly (keyof Finding)[];

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** `framework:control1|control2;framework2:control3`, frameworks in the check's order, empty ones left out. */
export function flattenCompliance(compliance: ComplianceMap): string {
  return Object.entries(compliance)
    .filter(([, controls]) => controls !== undefined && controls.length > 0)
    .map(([framework, controls]) => `${framework}:${(controls ?? []).join('|')}`)
    .join(';');
}

/** One cell: neutralised against formula injection, then quoted as RFC 4180 requires. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function cellValue(finding: Finding, column: (typeof COLUMNS)[number]): string | number {
  return column === 'compliance' ? flattenCompliance(finding.compliance) : finding[column];
}

export function renderCsv(report: ScanReport): string {
  const rows = [COLUMNS.map(csvCell), ...report.findings.map((finding) => COLUMNS.map((column) => csvCell(cellValue(finding, column))))];
  return rows.map((cells) => `${cells.join(',')}\r\n`).join('');
}
