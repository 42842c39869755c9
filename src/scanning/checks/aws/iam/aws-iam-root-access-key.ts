import type { CheckResult } from '../../../types.js';
import type { AwsSnapshot } from '../../../providers/aws/snapshot.js';
import { accountArn, daysSince, defineAwsCheck, fail, pass, unknown } from '../lib/helpers.js';
import { activeAccessKeys, ago, isoDay, type AccessKeySlot } from './credential-report.js';
import { rootUnavailable, rootView } from './root-user.js';

function describeKey(key: AccessKeySlot, now: Date): string {
  const used = daysSince(key.lastUsed, now);
  const lastUse = key.lastUsed && used !== null ? `last used ${isoDay(key.lastUsed)} (${ago(used)})` : 'never used';
  return `access key ${key.slot} is active (${lastUse})`;
}

/**
 * CIS 1.3. Reads the credential report's root row first (it tells which key is active and when it
 * was used); when the report or its root row is missing, falls back to the account summary's
 * AccountAccessKeysPresent. An inactive root key does not fail: it cannot sign requests. One result,
 * for the account (`arn:<partition>:iam::<account>:root`), in region `global`.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-iam-root-access-key',
    title: 'Root user has an active access key',
    service: 'iam',
    resourceType: 'AWS::::Account',
    severity: 'critical',
    description: 'Checks that the root user of the account has no active access key (credential report, or GetAccountSummary AccountAccessKeysPresent).',
    risk: 'A root access key gives unrestricted, programmatic control of the whole account and cannot be limited by any IAM policy; leaked once (in code, a laptop, a CI log) it lets an attacker delete or take over everything.',
    remediation: {
      text: 'Sign in as the root user, open Security credentials, and delete every root access key; use IAM roles for programmatic access. For member accounts of an organization, centralized root access can remove root credentials altogether.',
      cli: 'aws iam delete-access-key --access-key-id <ROOT_ACCESS_KEY_ID>   # run with the root user\'s own credentials',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html',
    },
    compliance: {
      'cis-aws-5.0': ['1.3'],
      soc2: ['CC6.1', 'CC6.3'],
      'iso27001-2022': ['A.5.17', 'A.8.2'],
      'nist-800-53-r5': ['AC-2', 'AC-6(2)', 'IA-5'],
      'nist-csf-2.0': ['PR.AA-01', 'PR.AA-05'],
      'pci-dss-4.0': ['7.2.2', '8.2.2'],
      hipaa: ['164.312(a)(1)'],
      gdpr: ['Art.32'],
    },
    needs: ['iam.credentialReport', 'iam.accountSummary'],
  },
  (snapshot: AwsSnapshot, _settings, now): CheckResult[] => {
    const account = accountArn(snapshot);
    const { row, summary } = rootView(snapshot);
    if (row) {
      const keys = activeAccessKeys(row);
      if (keys.length === 0) return [pass(account, 'global', 'The root user has no active access key')];
      return [fail(account, 'global', `Root ${keys.map((key) => describeKey(key, now)).join('; ')}`)];
    }
    const present = summary?.AccountAccessKeysPresent;
    if (present === undefined) return [unknown(account, 'global', rootUnavailable(snapshot))];
    if (present === 0) return [pass(account, 'global', 'The root user has no access key (account summary)')];
    return [fail(account, 'global', 'The root user has an access key (account summary: AccountAccessKeysPresent = 1; the credential report, which would say whether it is active, was unavailable)')];
  },
);
