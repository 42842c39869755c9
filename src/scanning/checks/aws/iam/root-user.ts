/**
 * What is known about the root user, from two sources that can each fail on their own: the
 * credential report's `<root_account>` row (MFA, access keys, last use) and GetAccountSummary
 * (AccountMFAEnabled, AccountAccessKeysPresent, AccountPasswordPresent).
 *
 * The report cannot say whether root has a password (its `password_enabled` is always
 * `not_supported` for root), so only the summary's AccountPasswordPresent answers that. That matters
 * for member accounts whose root credentials were removed (centralized root access in AWS
 * Organizations): with no password and no access key there is nothing for MFA to protect, which the
 * CIS audit procedure accepts.
 */
import type { AwsSnapshot, Collected, CredentialReportEntry } from '../../../providers/aws/snapshot.js';
import { globalValue } from '../lib/helpers.js';
import { ROOT_USER, activeAccessKeyCount, isRootEntry } from './credential-report.js';

export interface RootView {
  /** The credential report's root row, when the report was collected and has it. */
  row: CredentialReportEntry | null;
  /** GetAccountSummary's map, when collected. */
  summary: Record<string, number> | null;
}

/** Why a part is unavailable: its collection error, or that it was not collected. */
export function partProblem(snapshot: AwsSnapshot, part: 'iam.credentialReport' | 'iam.accountSummary' | 'iam.virtualMfaDevices'): string | null {
  const collected: Collected<unknown> | undefined = snapshot.parts[part];
  if (!collected) return `${part} was not collected`;
  return collected.ok ? null : collected.error;
}

export function rootView(snapshot: AwsSnapshot): RootView {
  const report = globalValue(snapshot, 'iam.credentialReport');
  return { row: report?.find(isRootEntry) ?? null, summary: globalValue(snapshot, 'iam.accountSummary') };
}

/** Why neither source says anything about root: both problems, for an `unknown` detail. */
export function rootUnavailable(snapshot: AwsSnapshot): string {
  const report = partProblem(snapshot, 'iam.credentialReport') ?? `the credential report has no ${ROOT_USER} row`;
  const summary = partProblem(snapshot, 'iam.accountSummary') ?? 'the account summary does not say';
  return `Could not check: credential report: ${report}; account summary: ${summary}`;
}

/** Whether root has MFA: the summary's AccountMFAEnabled, else the report's root row; null when neither says. */
export function rootMfaEnabled(view: RootView): boolean | null {
  const flag = view.summary?.AccountMFAEnabled;
  if (flag !== undefined) return flag > 0;
  return view.row ? view.row.mfaActive : null;
}

/**
 * Whether root has no password and no usable access key, which only the account summary can tell
 * for the password (AccountPasswordPresent 0). Active keys come from the report when it has the root
 * row, else from the summary's AccountAccessKeysPresent. False whenever it cannot be shown.
 */
export function rootHasNoCredentials(view: RootView): boolean {
  if (view.summary?.AccountPasswordPresent !== 0) return false;
  if (view.row) return activeAccessKeyCount(view.row) === 0;
  return view.summary.AccountAccessKeysPresent === 0;
}
