/**
 * What the "CloudSentinel posture" check run of one repository says: its conclusion, a markdown
 * summary of the failing checks, and the buttons (requested actions) it offers. Pure: built from
 * the repository's current findings and the scan that just ran.
 */
import { SEVERITIES, type Severity } from '../../scanning/types.js';

export const CHECK_NAME = 'CloudSentinel posture';
export const RESCAN_ACTION = 'rescan';
export const RESCAN_ALL_ACTION = 'rescan-all';

/** GitHub allows at most 3 requested actions per check run; identifiers ≤ 20, labels ≤ 20, descriptions ≤ 40 characters. */
const ACTIONS = [
  { label: 'Rescan', description: 'Check this repository again now', identifier: RESCAN_ACTION },
  { label: 'Rescan all', description: 'Check every repository of the install', identifier: RESCAN_ALL_ACTION },
] as const;

/** Rows in the summary table; GitHub caps the summary at 65,535 characters. */
const MAX_ROWS = 50;

export type CheckConclusion = 'success' | 'failure' | 'neutral';

export interface RepositoryFinding {
  checkId: string;
  title: string;
  severity: Severity;
  status: 'pass' | 'fail' | 'unknown';
  resourceId: string;
  statusDetail: string;
  /** The finding's alert is suppressed (accepted in triage): it no longer fails the check. */
  suppressed: boolean;
}

export interface CheckRunInput {
  repository: string;
  scanId: string;
  scanStatus: 'complete' | 'partial';
  /** The repository's current (unresolved) findings. */
  findings: RepositoryFinding[];
}

export interface CheckRunOutput {
  conclusion: CheckConclusion;
  title: string;
  summary: string;
  actions: Array<{ label: string; description: string; identifier: string }>;
}

export function checkRunFor(input: CheckRunInput): CheckRunOutput {
  const bySeverity = (a: RepositoryFinding, b: RepositoryFinding) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.checkId.localeCompare(b.checkId);
  const failing = input.findings.filter((f) => f.status === 'fail' && !f.suppressed).sort(bySeverity);
  const suppressed = input.findings.filter((f) => f.status === 'fail' && f.suppressed).length;
  const unknown = input.findings.filter((f) => f.status === 'unknown').sort(bySeverity);
  const partial = input.scanStatus === 'partial' || unknown.length > 0;
  const conclusion: CheckConclusion = failing.length > 0 ? 'failure' : partial ? 'neutral' : 'success';
  const title =
    failing.length > 0 ? `${failing.length} failing check${failing.length === 1 ? '' : 's'}` : partial ? 'No failing checks, but some could not be checked' : 'All checks pass';

  const lines = [`CloudSentinel checked \`${input.repository}\` (scan \`${input.scanId}\`, ${input.scanStatus}).`, ''];
  if (failing.length > 0) lines.push(...table('Failing checks', failing));
  else lines.push('No failing checks.', '');
  if (unknown.length > 0) lines.push(...table('Could not be checked', unknown));
  if (suppressed > 0) lines.push(`${suppressed} failing check${suppressed === 1 ? ' is' : 's are'} suppressed in triage and not counted.`, '');
  return { conclusion, title, summary: lines.join('\n').trimEnd(), actions: ACTIONS.map((action) => ({ ...action })) };
}

function table(heading: string, findings: RepositoryFinding[]): string[] {
  const rows = findings.slice(0, MAX_ROWS).map((f) => `| ${f.severity} | ${cell(f.title)} (\`${cell(f.checkId)}\`) | \`${cell(f.resourceId)}\` | ${cell(f.statusDetail)} |`);
  const more = findings.length > MAX_ROWS ? [``, `…and ${findings.length - MAX_ROWS} more.`] : [];
  return [`### ${heading}`, '', '| Severity | Check | Resource | Detail |', '| --- | --- | --- | --- |', ...rows, ...more, ''];
}

/** A table cell: one line, no column breaks, not too long. */
function cell(text: string): string {
  const flat = text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
