/**
 * What every output format renders: one scan's summary, its findings and the metadata of the checks
 * that ran. Formats are pure functions of this value, so the CLI, the API and tests share them.
 */
import { SEVERITIES } from '../types.js';
import type { CheckMeta, Finding, Provider, Severity } from '../types.js';

export interface ScanReport {
  scan: {
    id: string | null;
    provider: Provider;
    accountId: string;
    /** ISO 8601 timestamps. */
    startedAt: string;
    finishedAt: string;
    status: 'complete' | 'partial' | 'failed';
    regions: string[];
    /** How many checks ran. */
    checks: number;
    toolVersion: string;
    /** Scan-level problems (a collector that could not run at all), not per-resource unknowns. */
    errors: string[];
  };
  findings: Finding[];
  /** The metadata of every check that ran (for SARIF rules, OCSF, remediation text). */
  checks: CheckMeta[];
}

export const OUTPUT_FORMATS = ['table', 'json', 'csv', 'sarif', 'ocsf'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const TOOL_NAME = 'CloudSentinel';

/** 0 for critical … 4 for info: sorts the most severe first. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** The checks by id; the first wins if a check appears twice. */
export function checksById(checks: readonly CheckMeta[]): Map<string, CheckMeta> {
  const byId = new Map<string, CheckMeta>();
  for (const check of checks) if (!byId.has(check.id)) byId.set(check.id, check);
  return byId;
}

/** An ISO 8601 UTC timestamp, or undefined when the input is not a date. */
export function isoOrUndefined(value: string): string | undefined {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
