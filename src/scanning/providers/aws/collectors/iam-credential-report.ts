/**
 * The IAM credential report: ask IAM to generate it, poll until it is ready, fetch and parse the CSV.
 * IAM answers COMPLETE at once when a report younger than four hours exists.
 */
import { parseCsv } from '../../../csv.js';
import { GenerateCredentialReportCommand, GetCredentialReportCommand, type IAMClient } from '@aws-sdk/client-iam';
import { hasErrorCode } from '../errors.js';
import type { CredentialReportEntry } from '../snapshot.js';

/** Waits between polls; the last one repeats. */
const POLL_DELAYS_MS = [250, 500, 1_000, 2_000, 4_000];
const POLL_TIMEOUT_MS = 120_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function collectCredentialReport(iam: IAMClient): Promise<CredentialReportEntry[]> {
  const started = Date.now();
  for (let poll = 0; ; poll += 1) {
    const generated = await iam.send(new GenerateCredentialReportCommand({}));
    if (generated.State === 'COMPLETE') {
      try {
        const report = await iam.send(new GetCredentialReportCommand({}));
        return parseCredentialReport(new TextDecoder().decode(report.Content ?? new Uint8Array()));
      } catch (error) {
        // Another caller started a new report between our two calls: keep polling.
        if (!hasErrorCode(error, ['ReportInProgress', 'ReportExpired', 'ReportNotPresent'])) throw error;
      }
    }
    if (Date.now() - started > POLL_TIMEOUT_MS) throw new Error(`ReportInProgress: credential report not ready after ${POLL_TIMEOUT_MS / 1000} s`);
    await sleep(POLL_DELAYS_MS[Math.min(poll, POLL_DELAYS_MS.length - 1)] ?? 2_000);
  }
}


const NO_DATE = new Set(['', 'N/A', 'no_information', 'not_supported']);

function date(value: string | undefined): string | null {
  if (value === undefined || NO_DATE.has(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Columns are read by name, so columns IAM adds later do not shift anything. */
export function parseCredentialReport(csv: string): CredentialReportEntry[] {
  const [header, ...rows] = parseCsv(csv);
  if (!header) return [];
  const column = new Map(header.map((name, i) => [name, i]));
  return rows.map((row) => {
    const get = (name: string): string | undefined => {
      const i = column.get(name);
      return i === undefined ? undefined : row[i];
    };
    // "not_supported" (the root user's password_enabled) reads as false, like "false".
    const bool = (name: string): boolean => get(name) === 'true';
    return {
      user: get('user') ?? '',
      arn: get('arn') ?? '',
      userCreationTime: date(get('user_creation_time')),
      passwordEnabled: bool('password_enabled'),
      passwordLastUsed: date(get('password_last_used')),
      passwordLastChanged: date(get('password_last_changed')),
      mfaActive: bool('mfa_active'),
      accessKey1Active: bool('access_key_1_active'),
      accessKey1LastRotated: date(get('access_key_1_last_rotated')),
      accessKey1LastUsed: date(get('access_key_1_last_used_date')),
      accessKey2Active: bool('access_key_2_active'),
      accessKey2LastRotated: date(get('access_key_2_last_rotated')),
      accessKey2LastUsed: date(get('access_key_2_last_used_date')),
    };
  });
}
