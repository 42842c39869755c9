/**
 * What every platform's renderer shares, whatever its format: labels for providers and frameworks,
 * which triage actions a card offers in each state, the reference a button carries, scan headlines,
 * and the suppress form's choices and validation. Pure functions; each platform formats the result
 * (Block Kit, Adaptive Card, Discord embed) in its own module.
 */
import type { AlertSeverity, AlertState } from '../../store/alerts.js';
import type { HealthNoticeView, ScanStatusView } from './types.js';

/** Most severe first. */
export const SEVERITY_ORDER: readonly AlertSeverity[] = ['critical', 'high', 'medium', 'low', 'info'];

// ---------------------------------------------------------------------------------------------------
// Text

/** `text` cut to at most `max` characters, ending with "…" when cut; never splits a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "2026-12-05 14:03 UTC", for platforms with no local-time markup of their own. */
export function utcMinute(date: Date): string {
  return Number.isNaN(date.getTime()) ? 'an unknown time' : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

// ---------------------------------------------------------------------------------------------------
// Labels

const PROVIDER_LABELS: Record<string, string> = { aws: 'AWS', azure: 'Azure', gcp: 'GCP', github: 'GitHub' };
export const providerLabel = (provider: string): string => PROVIDER_LABELS[provider] ?? provider;

const FRAMEWORK_LABELS: Record<string, string> = {
  soc2: 'SOC 2',
  'iso27001-2022': 'ISO 27001:2022',
  'iso-27001-2022': 'ISO 27001:2022',
  'nist-800-53-r5': 'NIST 800-53 r5',
  'nist-csf-2.0': 'NIST CSF 2.0',
  'pci-dss-4.0': 'PCI DSS 4.0',
  hipaa: 'HIPAA',
  gdpr: 'GDPR',
};

/** `cis-aws-5.0` → "CIS AWS 5.0", `soc2` → "SOC 2"; an unknown framework keeps its id. */
export function frameworkLabel(id: string): string {
  const known = FRAMEWORK_LABELS[id];
  if (known) return known;
  const cis = /^cis-([a-z]+)-(\d[\w.]*)$/.exec(id);
  if (cis?.[1] && cis[2]) return `CIS ${providerLabel(cis[1])} ${cis[2]}`;
  return id;
}

/** The compliance line: "CIS AWS 5.0 2.1.4 · SOC 2 CC6.1, CC6.6". */
export function complianceText(compliance: Record<string, string[]>): string {
  return Object.entries(compliance)
    .map(([framework, controls]) => [frameworkLabel(framework), controls.join(', ')].filter(Boolean).join(' '))
    .join(' · ');
}

/** "Integration prod (aws) is unhealthy", with the name as each platform formats it. */
export function healthHeadline(view: HealthNoticeView, name: string): string {
  return view.turned === 'unhealthy'
    ? `Integration ${name} (${view.provider}) is unhealthy: its scans and syncs will fail until its connection is fixed`
    : `Integration ${name} (${view.provider}) is healthy again`;
}

/** What to do next, the same on every platform. */
export function healthAdvice(view: HealthNoticeView): string {
  const checked = `Checked ${utcMinute(new Date(view.checkedAt))}.`;
  return view.turned === 'unhealthy' ? `${checked} Fix its credentials or permissions, then test it again: cloudsentinel integrations test ${view.integrationName}` : checked;
}

export function scanHeadline(view: ScanStatusView, name: string): string {
  switch (view.status) {
    case 'queued':
      return `Scan of ${name} queued`;
    case 'running':
      return `Scanning ${name}…`;
    case 'complete':
      return `Scan of ${name} complete`;
    case 'partial':
      return `Scan of ${name} finished, but some checks could not run`;
    case 'failed':
      return `Scan of ${name} failed`;
  }
}

/** "12/40 (30%)" and a ten-cell bar; a total of 0 (not yet known) reads 0%, and the bar fills only when all is done. */
export function progressOf(progress: { done: number; total: number }): { bar: string; count: string } {
  const total = Math.max(0, Math.floor(progress.total));
  const done = Math.min(total, Math.max(0, Math.floor(progress.done)));
  const percent = total > 0 ? Math.floor((done * 100) / total) : 0;
  const filled = Math.floor(percent / 10);
  return { bar: `${'▓'.repeat(filled)}${'░'.repeat(10 - filled)}`, count: `${done}/${total} (${percent}%)` };
}

// ---------------------------------------------------------------------------------------------------
// Card actions

/** The buttons a card shows (assigning is offered apart from these on every unresolved alert). */
export type CardAction = 'acknowledge' | 'suppress' | 'resolve' | 'reopen';

export const STATE_ACTIONS: Record<AlertState, readonly CardAction[]> = {
  open: ['acknowledge', 'suppress', 'resolve'],
  acknowledged: ['suppress', 'resolve'],
  suppressed: ['reopen', 'resolve'],
  resolved: ['reopen'],
};

export const ACTION_LABELS: Record<CardAction, string> = { acknowledge: 'Acknowledge', suppress: 'Suppress…', resolve: 'Resolve', reopen: 'Reopen' };

/** An alert as of the version a card showed, so a click on a stale card can be told apart. */
export interface AlertRef {
  id: string;
  version: number;
}

/** The value a button carries: `id:version`. */
export function encodeAlertRef(ref: AlertRef): string {
  return `${ref.id}:${ref.version}`;
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
export const isVersion = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** Reads `id:version` or `{"id":…,"version":…}`; anything else (a forged or mangled value) is null. */
export function decodeAlertRef(value: unknown, maxLength = 2000): AlertRef | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) return null;
  if (value.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      return null;
    }
    if (!isRecord(parsed)) return null;
    const { id, version } = parsed;
    return typeof id === 'string' && id.trim() !== '' && isVersion(version) ? { id, version } : null;
  }
  const colon = value.lastIndexOf(':');
  const id = value.slice(0, colon);
  const version = value.slice(colon + 1);
  if (colon <= 0 || id.trim() === '' || !/^\d{1,15}$/.test(version)) return null;
  return { id, version: Number(version) };
}

// ---------------------------------------------------------------------------------------------------
// The suppress form

export type SuppressDuration = '1d' | '7d' | '30d' | 'date' | 'forever';

/** The duration choices, in the order shown. */
export const SUPPRESS_DURATIONS: Record<SuppressDuration, string> = {
  '1d': '1 day',
  '7d': '7 days',
  '30d': '30 days',
  date: 'Until a date',
  forever: 'Forever',
};
export const DEFAULT_SUPPRESS_DURATION: SuppressDuration = '7d';
export const SUPPRESS_REASON_MAX = 500;
const DURATION_DAYS = { '1d': 1, '7d': 7, '30d': 30 } as const;

/** The last millisecond of a `YYYY-MM-DD` day in UTC, or null for a malformed or impossible date. */
export function endOfDayUtc(date: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const end = new Date(Date.UTC(year, month - 1, day, 23, 59, 59, 999));
  // Date.UTC rolls 2026-02-30 over into March; a rolled-over date was not a real one.
  return end.getUTCFullYear() === year && end.getUTCMonth() === month - 1 && end.getUTCDate() === day ? end : null;
}

/** What a suppress form said, read and checked the same way on every platform. */
export interface SuppressInput {
  reason: unknown;
  duration: unknown;
  /** `YYYY-MM-DD`, used only with the `date` duration. */
  date: unknown;
}

export type SuppressParse =
  | { ok: true; reason: string; until: Date | null }
  | { ok: false; errors: Partial<Record<'reason' | 'duration' | 'date', string>> };

/** Checks a suppress form: a reason is required, and a picked date must be a real day in the future. */
export function parseSuppressInput(input: SuppressInput, now: Date): SuppressParse {
  const errors: Partial<Record<'reason' | 'duration' | 'date', string>> = {};
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (!reason) errors.reason = 'Say why this alert can be suppressed.';
  else if (reason.length > SUPPRESS_REASON_MAX) errors.reason = `Keep the reason to ${SUPPRESS_REASON_MAX} characters.`;
  let until: Date | null = null;
  switch (input.duration) {
    case '1d':
    case '7d':
    case '30d':
      until = new Date(now.getTime() + DURATION_DAYS[input.duration] * 86_400_000);
      break;
    case 'forever':
      break;
    case 'date': {
      const picked = typeof input.date === 'string' ? input.date.trim() : '';
      const end = endOfDayUtc(picked);
      if (!picked) errors.date = 'Pick the date the suppression ends.';
      else if (!end) errors.date = 'Pick a valid date (YYYY-MM-DD).';
      else if (end <= now) errors.date = 'Pick a date in the future.';
      until = end;
      break;
    }
    default:
      errors.duration = 'Choose how long to suppress the alert.';
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, reason, until };
}
