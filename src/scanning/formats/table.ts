/**
 * `--format table`: for a person at a terminal. A header with the scan and its counts, the failing
 * findings worst first in aligned columns with the detail under each, a summary of what could not
 * be checked, and a one-line verdict. Passes are counted, not listed.
 *
 * Resource ids and details come from the cloud and anyone who can name a resource controls them,
 * so control characters (an ESC starting a terminal escape sequence, a CR overwriting the line) are
 * replaced before they reach the terminal.
 */
import { SEVERITIES } from '../types.js';
import type { CheckStatus, Finding, Severity } from '../types.js';
import type { ScanReport } from './report.js';
import { severityRank } from './report.js';

export interface TableOptions {
  /** ANSI colours for severities. Off unless asked for: the caller knows whether stdout is a TTY. */
  color?: boolean;
  /** Terminal width in columns; long resource ids are shortened to fit. */
  width?: number;
}

export const DEFAULT_WIDTH = 120;
/** Below this the columns cannot be laid out sensibly; narrower terminals wrap. */
const MIN_WIDTH = 60;
const MAX_CHECK_WIDTH = 40;
const MAX_REGION_WIDTH = 20;
const MIN_RESOURCE_WIDTH = 20;
const GAP = '  ';
const DETAIL_INDENT = '    ';
const MAX_REASONS = 10;

const RESET = '\u001b[0m';
const SEVERITY_COLOR: Record<Severity, string> = {
  critical: '\u001b[1;31m', // bold red
  high: '\u001b[31m', // red
  medium: '\u001b[33m', // yellow
  low: '\u001b[36m', // cyan
  info: '\u001b[2m', // dim
};

// C0 and C1 controls, plus the bidirectional overrides that make text display in another order
// than it reads ("Trojan Source").
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they must not reach the terminal.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Cloud-supplied text made safe to print: control characters become `?`, line breaks and tabs spaces. */
export function printable(text: string): string {
  return text.replace(/\r\n|[\r\n\t]/g, ' ').replace(CONTROL, '?');
}

/** Shortens from the middle: the prefix says what kind of thing it is, the tail which one. */
export function truncateMiddle(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  if (max <= 1) return '…'.slice(0, max);
  const tail = Math.ceil((max - 1) * 0.6);
  const head = max - 1 - tail;
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
}

function visibleLength(text: string): number {
  return [...text].length;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleLength(text)));
}

/** Greedy word wrap; a word longer than a line is split across lines. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    if (line === '') line = word;
    else if (visibleLength(line) + 1 + visibleLength(word) <= width) line = `${line} ${word}`;
    else if (visibleLength(word) <= width) {
      lines.push(line);
      line = word;
    } else line = `${line} ${word}`;
    while (visibleLength(line) > width) {
      const chars = [...line];
      lines.push(chars.slice(0, width).join(''));
      line = chars.slice(width).join('');
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function byRisk(a: Finding, b: Finding): number {
  return (
    b.riskScore - a.riskScore ||
    severityRank(a.severity) - severityRank(b.severity) ||
    a.checkId.localeCompare(b.checkId) ||
    a.resourceId.localeCompare(b.resourceId)
  );
}

function countBy<K extends string>(findings: readonly Finding[], key: (finding: Finding) => K): Map<K, number> {
  const counts = new Map<K, number>();
  for (const finding of findings) counts.set(key(finding), (counts.get(key(finding)) ?? 0) + 1);
  return counts;
}

function severityCounts(failing: readonly Finding[]): string {
  const counts = countBy(failing, (finding) => finding.severity);
  return SEVERITIES.map((severity) => `${counts.get(severity) ?? 0} ${severity}`).join(', ');
}

function header(report: ScanReport, statusCounts: Map<CheckStatus, number>, failing: readonly Finding[]): string[] {
  const { scan } = report;
  const regions = scan.regions.length > 0 ? scan.regions.join(', ') : '-';
  return [
    `CloudSentinel ${scan.toolVersion} · ${scan.provider} account ${printable(scan.accountId)} · regions ${printable(regions)} · scan ${scan.status}`,
    `Results: ${statusCounts.get('fail') ?? 0} fail, ${statusCounts.get('pass') ?? 0} pass, ${statusCounts.get('unknown') ?? 0} unknown from ${scan.checks} checks` +
      ` · failing by severity: ${severityCounts(failing)}`,
  ];
}

function findingRows(failing: readonly Finding[], width: number, color: boolean): string[] {
  if (failing.length === 0) return ['No failing findings.'];
  const sevWidth = Math.max(...SEVERITIES.map((severity) => severity.length), 'SEVERITY'.length);
  const riskWidth = 'RISK'.length;
  const checkWidth = Math.min(MAX_CHECK_WIDTH, Math.max('CHECK'.length, ...failing.map((f) => visibleLength(printable(f.checkId)))));
  const regionWidth = Math.min(MAX_REGION_WIDTH, Math.max('REGION'.length, ...failing.map((f) => visibleLength(printable(f.region)))));
  const fixed = sevWidth + riskWidth + checkWidth + regionWidth + GAP.length * 4;
  const longestResource = Math.max(...failing.map((f) => visibleLength(printable(f.resourceId))));
  const resourceWidth = Math.max(MIN_RESOURCE_WIDTH, Math.min(longestResource, width - fixed));

  const row = (severity: string, risk: string, check: string, resource: string, region: string): string =>
    [pad(severity, sevWidth), pad(risk, riskWidth), pad(check, checkWidth), pad(resource, resourceWidth), region].join(GAP).trimEnd();

  const lines = [row('SEVERITY', 'RISK', 'CHECK', 'RESOURCE', 'REGION')];
  for (const finding of failing) {
    const label = finding.severity.toUpperCase();
    const severity = color ? `${SEVERITY_COLOR[finding.severity]}${label}${RESET}${' '.repeat(sevWidth - label.length)}` : label;
    lines.push(
      row(
        severity,
        finding.riskScore.toFixed(1),
        truncateMiddle(printable(finding.checkId), checkWidth),
        truncateMiddle(printable(finding.resourceId), resourceWidth),
        truncateMiddle(printable(finding.region), regionWidth),
      ),
    );
    for (const line of wrap(printable(finding.statusDetail), Math.max(MIN_RESOURCE_WIDTH, width - DETAIL_INDENT.length))) lines.push(DETAIL_INDENT + line);
  }
  return lines;
}

function unknownSummary(unknown: readonly Finding[]): string[] {
  if (unknown.length === 0) return [];
  const reasons = [...countBy(unknown, (finding) => printable(finding.statusDetail))].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const lines = [`Could not evaluate ${unknown.length} result${unknown.length === 1 ? '' : 's'}:`];
  for (const [reason, count] of reasons.slice(0, MAX_REASONS)) lines.push(`  ${count} × ${reason}`);
  if (reasons.length > MAX_REASONS) lines.push(`  … and ${reasons.length - MAX_REASONS} other reasons`);
  return lines;
}

function errorLines(errors: readonly string[]): string[] {
  if (errors.length === 0) return [];
  return ['Scan errors:', ...errors.map((error) => `  ${printable(error)}`)];
}

function verdict(report: ScanReport, statusCounts: Map<CheckStatus, number>, failing: readonly Finding[]): string {
  const passed = statusCounts.get('pass') ?? 0;
  const unknown = statusCounts.get('unknown') ?? 0;
  const tail = `${passed} passed, ${unknown} unknown; scan ${report.scan.status}.`;
  if (failing.length === 0) return `No failing findings; ${tail}`;
  const counts = countBy(failing, (finding) => finding.severity);
  const bySeverity = SEVERITIES.filter((severity) => counts.has(severity))
    .map((severity) => `${counts.get(severity)} ${severity}`)
    .join(', ');
  return `${failing.length} failing finding${failing.length === 1 ? '' : 's'} (${bySeverity}); ${tail}`;
}

export function renderTable(report: ScanReport, options: TableOptions = {}): string {
  const width = Math.max(MIN_WIDTH, options.width ?? DEFAULT_WIDTH);
  const color = options.color ?? false;
  const statusCounts = countBy(report.findings, (finding) => finding.status);
  const failing = report.findings.filter((finding) => finding.status === 'fail').sort(byRisk);
  const unknown = report.findings.filter((finding) => finding.status === 'unknown');

  const sections = [
    header(report, statusCounts, failing),
    findingRows(failing, width, color),
    unknownSummary(unknown),
    errorLines(report.scan.errors),
    [verdict(report, statusCounts, failing)],
  ].filter((section) => section.length > 0);
  return `${sections.map((section) => section.join('\n')).join('\n\n')}\n`;
}
