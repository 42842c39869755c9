import { daysSince, defineAwsCheck, fail, pass } from '../lib/helpers.js';
import { activeAccessKeys, ago, forEachReportUser, isoDay } from './credential-report.js';

/**
 * CIS 1.10, automated the way its audit procedure reads the credential report: a console user (with a
 * password) that has an active access key which has never been used. Keys handed out "just in case"
 * when the user was set up look exactly like this. Inactive keys do not count; a key created today
 * and not used yet does fail, as in the CIS procedure. One result per IAM user, in region `global`.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-iam-user-unused-initial-access-key',
    title: 'IAM console user has an active access key that has never been used',
    service: 'iam',
    resourceType: 'AWS::IAM::User',
    severity: 'low',
    description: 'Checks that IAM users with a console password have no active access key that has never been used, as when keys are created by default during user setup.',
    risk: 'Access keys nobody uses are long-lived secrets nobody watches: they add a way into the account without any need for it, and a leak goes unnoticed.',
    remediation: {
      text: 'Delete access keys that were never used; create keys only when a user actually needs programmatic access, and prefer roles or IAM Identity Center for that.',
      cli: 'aws iam delete-access-key --user-name <USER_NAME> --access-key-id <ACCESS_KEY_ID>',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    },
    compliance: {
      'cis-aws-5.0': ['1.10'],
      soc2: ['CC6.1', 'CC6.2'],
      'iso27001-2022': ['A.5.17', 'A.5.18'],
      'nist-800-53-r5': ['AC-2', 'IA-5'],
      'nist-csf-2.0': ['PR.AA-01'],
      gdpr: ['Art.32'],
    },
    needs: ['iam.credentialReport'],
  },
  (snapshot, _settings, now) =>
    forEachReportUser(snapshot, (user) => {
      if (!user.passwordEnabled) return pass(user.arn, 'global', 'The user has no console password');
      const unused = activeAccessKeys(user).filter((key) => key.lastUsed === null);
      if (unused.length === 0) return pass(user.arn, 'global', 'Every active access key of this console user has been used');
      const keys = unused.map((key) => {
        const age = daysSince(key.lastRotated, now);
        return key.lastRotated && age !== null ? `access key ${key.slot} (created ${isoDay(key.lastRotated)}, ${ago(age)})` : `access key ${key.slot}`;
      });
      return fail(user.arn, 'global', `Console user ${user.user} has an active, never used ${keys.join(' and ')}`);
    }),
);
