import { defineAwsCheck, fail, pass } from '../lib/helpers.js';
import { activeAccessKeyCount, forEachReportUser } from './credential-report.js';

/** CIS 1.12. One result per IAM user in the credential report, in region `global`; inactive keys do not count. */
export const check = defineAwsCheck(
  {
    id: 'aws-iam-user-multiple-active-keys',
    title: 'IAM user has more than one active access key',
    service: 'iam',
    resourceType: 'AWS::IAM::User',
    severity: 'medium',
    description: 'Checks that no IAM user has two active access keys at once.',
    risk: 'A second active key is usually one a rotation left behind: twice the secrets to leak, and the old one often lives on in forgotten scripts and machines.',
    remediation: {
      text: 'Find which key is in use (the credential report shows last use), deactivate the other and delete it once nothing breaks.',
      cli: 'aws iam update-access-key --user-name <USER_NAME> --access-key-id <UNUSED_ACCESS_KEY_ID> --status Inactive',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console',
    },
    compliance: {
      'cis-aws-5.0': ['1.12'],
      soc2: ['CC6.1'],
      'iso27001-2022': ['A.5.17'],
      'nist-800-53-r5': ['AC-2', 'IA-5'],
      'nist-csf-2.0': ['PR.AA-01'],
      gdpr: ['Art.32'],
    },
    needs: ['iam.credentialReport'],
  },
  (snapshot) =>
    forEachReportUser(snapshot, (user) => {
      const active = activeAccessKeyCount(user);
      if (active > 1) return fail(user.arn, 'global', `User ${user.user} has ${active} active access keys`);
      return pass(user.arn, 'global', active === 1 ? 'The user has one active access key' : 'The user has no active access key');
    }),
);
