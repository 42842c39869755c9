import { daysSince, defineAwsCheck, fail, pass, unknown } from '../lib/helpers.js';
import { activeAccessKeys, forEachReportUser, isoDay } from './credential-report.js';

/**
 * CIS 1.13. One result per IAM user in the credential report, in region `global`: fails when an
 * active access key is older than `settings.maxAccessKeyAgeDays` (CIS: 90), judged by the report's
 * "last rotated" date, which is when the key was created. Inactive keys do not count. An active key
 * without a date answers `unknown` for the user, unless another key already fails.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-iam-access-key-not-rotated',
    title: 'IAM user access key has not been rotated in 90 days (by default)',
    service: 'iam',
    resourceType: 'AWS::IAM::User',
    severity: 'medium',
    description: 'Checks that every active IAM user access key is younger than the configured maximum age (CIS: 90 days).',
    risk: 'The longer a key lives, the more places it has been copied to and the longer a leaked copy keeps working.',
    remediation: {
      text: 'Create a new key, move its users to it, deactivate the old key, and delete it once nothing breaks. Better, replace long-lived keys with roles (instance profiles, IAM Roles Anywhere, OIDC federation).',
      cli: 'aws iam create-access-key --user-name <USER_NAME> && aws iam update-access-key --user-name <USER_NAME> --access-key-id <OLD_ACCESS_KEY_ID> --status Inactive',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console',
    },
    compliance: {
      'cis-aws-5.0': ['1.13'],
      soc2: ['CC6.1'],
      'iso27001-2022': ['A.5.17'],
      'nist-800-53-r5': ['IA-5(1)'],
      'nist-csf-2.0': ['PR.AA-01'],
      'pci-dss-4.0': ['8.3.9', '8.6.3'],
      hipaa: ['164.308(a)(5)(ii)(D)'],
      gdpr: ['Art.32'],
    },
    needs: ['iam.credentialReport'],
  },
  (snapshot, settings, now) =>
    forEachReportUser(snapshot, (user) => {
      const maxDays = settings.maxAccessKeyAgeDays;
      const keys = activeAccessKeys(user);
      if (keys.length === 0) return pass(user.arn, 'global', 'The user has no active access key');
      const old: string[] = [];
      const undated: string[] = [];
      for (const key of keys) {
        const age = daysSince(key.lastRotated, now);
        if (!key.lastRotated || age === null) undated.push(`access key ${key.slot}`);
        else if (age > maxDays) old.push(`access key ${key.slot} is ${age} days old (created ${isoDay(key.lastRotated)})`);
      }
      if (old.length > 0) return fail(user.arn, 'global', `User ${user.user}: ${old.join('; ')} (limit ${maxDays} days)`);
      if (undated.length > 0) return unknown(user.arn, 'global', `Could not check: the credential report gives no creation date for active ${undated.join(' and ')}`);
      return pass(user.arn, 'global', `Every active access key is at most ${maxDays} days old`);
    }),
);
