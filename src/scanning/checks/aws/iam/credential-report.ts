/**
 * Reading the IAM credential report (`iam.credentialReport`): its rows, the root row, access key
 * slots, and the dates people read in a status detail.
 */
import type { CheckResult } from '../../../types.js';
import type { AwsSnapshot, CredentialReportEntry } from '../../../providers/aws/snapshot.js';
import { withGlobal } from '../lib/helpers.js';

/** The credential report's name for the root user. */
export const ROOT_USER = '<root_account>';

export function isRootEntry(entry: CredentialReportEntry): boolean {
  return entry.user === ROOT_USER;
}

export interface AccessKeySlot {
  /** The report's column number: `access_key_1_*` or `access_key_2_*`. */
  slot: 1 | 2;
  active: boolean;
  /** When the key was created (the report calls it last rotated), or null. */
  lastRotated: string | null;
  lastUsed: string | null;
}

function accessKeySlot(entry: CredentialReportEntry, slot: 1 | 2): AccessKeySlot {
  return slot === 1
    ? { slot, active: entry.accessKey1Active, lastRotated: entry.accessKey1LastRotated, lastUsed: entry.accessKey1LastUsed }
    : { slot, active: entry.accessKey2Active, lastRotated: entry.accessKey2LastRotated, lastUsed: entry.accessKey2LastUsed };
}

export function accessKeySlots(entry: CredentialReportEntry): AccessKeySlot[] {
  return [accessKeySlot(entry, 1), accessKeySlot(entry, 2)];
}

const NO_KEYS: readonly AccessKeySlot[] = Object.freeze([]);

/**
 * Only active keys count: an inactive key cannot sign a request. Several checks ask this of every
 * user: only the active slots are built, and a user with none gets a shared empty list.
 */
export function activeAccessKeys(entry: CredentialReportEntry): readonly AccessKeySlot[] {
  if (entry.accessKey1Active) return entry.accessKey2Active ? [accessKeySlot(entry, 1), accessKeySlot(entry, 2)] : [accessKeySlot(entry, 1)];
  return entry.accessKey2Active ? [accessKeySlot(entry, 2)] : NO_KEYS;
}

/** How many of the user's access keys are active (0–2). */
export function activeAccessKeyCount(entry: CredentialReportEntry): number {
  return (entry.accessKey1Active ? 1 : 0) + (entry.accessKey2Active ? 1 : 0);
}

/** `2026-05-20` from an ISO timestamp, for status details. */
export function isoDay(iso: string): string {
  return iso.slice(0, 10);
}

/** "3 days ago", "today", "1 day ago". */
export function ago(days: number): string {
  if (days <= 0) return 'today';
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

/**
 * Evaluates every IAM user row of the credential report (the root row is left to the root checks),
 * or answers `unknown` for the account when the report could not be collected. Results are global.
 */
export function forEachReportUser(snapshot: AwsSnapshot, evaluate: (entry: CredentialReportEntry) => CheckResult): CheckResult[] {
  return withGlobal(snapshot, 'iam.credentialReport', (report) => report.filter((entry) => !isRootEntry(entry)).map(evaluate));
}
