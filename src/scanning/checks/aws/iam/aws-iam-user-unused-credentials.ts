import type { CredentialReportEntry } from '../../../providers/aws/snapshot.js';
import { daysSince, defineAwsCheck, fail, pass } from '../lib/helpers.js';
import { activeAccessKeys, ago, forEachReportUser, isoDay } from './credential-report.js';

/**
 * How long a credential has gone unused, as a phrase, when that is at least `maxDays`; null when it
 * was used recently. A credential never used counts from when it was set (password) or created (key);
 * with no date at all it is reported as never used.
 */
function staleness(lastUsed: string | null, setAt: string | null, maxDays: number, now: Date): string | null {
  const unusedFor = daysSince(lastUsed, now);
  if (lastUsed && unusedFor !== null) return unusedFor >= maxDays ? `last used ${isoDay(lastUsed)} (${ago(unusedFor)})` : null;
  const age = daysSince(setAt, now);
  if (!setAt || age === null) return 'never used';
  return age >= maxDays ? `never used since ${isoDay(setAt)} (${ago(age)})` : null;
}

function staleCredentials(user: CredentialReportEntry, maxDays: number, now: Date): string[] {
  const stale: string[] = [];
  if (user.passwordEnabled) {
    const password = staleness(user.passwordLastUsed, user.passwordLastChanged ?? user.userCreationTime, maxDays, now);
    if (password) stale.push(`console password ${password}`);
  }
  for (const key of activeAccessKeys(user)) {
    const unused = staleness(key.lastUsed, key.lastRotated, maxDays, now);
    if (unused) stale.push(`access key ${key.slot} ${unused}`);
  }
  return stale;
}

/**
 * CIS 1.11. One result per IAM user in the credential report, in region `global`: fails when the
 * console password or an active access key has gone unused for `settings.maxUnusedCredentialDays`
 * (CIS: 45) or more, naming each stale credential. Inactive keys are already disabled and do not count.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-iam-user-unused-credentials',
    title: 'IAM user has credentials unused for 45 days or more (by default)',
    service: 'iam',
    resourceType: 'AWS::IAM::User',
    severity: 'medium',
    description: 'Checks that no IAM user has a console password or an active access key that has gone unused for the configured number of days (CIS: 45).',
    risk: 'Credentials nobody uses still work for whoever holds them: a departed employee, an old script, or an attacker with a leaked key, and their use stands out to nobody.',
    remediation: {
      text: 'Remove console passwords that are not used and deactivate (then delete) unused access keys.',
      cli: 'aws iam delete-login-profile --user-name <USER_NAME> && aws iam update-access-key --user-name <USER_NAME> --access-key-id <ACCESS_KEY_ID> --status Inactive',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html',
    },
    compliance: {
      'cis-aws-5.0': ['1.11'],
      soc2: ['CC6.2'],
      'iso27001-2022': ['A.5.18'],
      'nist-800-53-r5': ['AC-2(3)'],
      'nist-csf-2.0': ['PR.AA-01', 'PR.AA-05'],
      'pci-dss-4.0': ['8.2.6'],
      hipaa: ['164.308(a)(4)(ii)(C)'],
      gdpr: ['Art.32'],
    },
    needs: ['iam.credentialReport'],
  },
  (snapshot, settings, now) =>
    forEachReportUser(snapshot, (user) => {
      const maxDays = settings.maxUnusedCredentialDays;
      const stale = staleCredentials(user, maxDays, now);
      if (stale.length > 0) return fail(user.arn, 'global', `User ${user.user}: ${stale.join('; ')} (limit ${maxDays} days)`);
      const hasAny = user.passwordEnabled || user.accessKey1Active || user.accessKey2Active;
      return pass(user.arn, 'global', hasAny ? `Every active credential was used within ${maxDays} days` : 'The user has no console password and no active access key');
    }),
);
