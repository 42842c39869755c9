import { defineAwsCheck, fail, pass } from '../lib/helpers.js';
import { forEachReportUser } from './credential-report.js';

/**
 * CIS 1.9. One result per IAM user in the credential report (root is CIS 1.4's), in region `global`:
 * a user with a console password and no MFA device fails; a user without a console password passes,
 * as there is no sign-in for MFA to protect.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-iam-user-console-no-mfa',
    title: 'IAM user with a console password has no MFA',
    service: 'iam',
    resourceType: 'AWS::IAM::User',
    severity: 'high',
    description: 'Checks that every IAM user who can sign in to the AWS Management Console with a password has an MFA device.',
    risk: 'A console user protected by a password alone is one phished, reused or sprayed password away from an attacker in the console with all of that user\'s permissions.',
    remediation: {
      text: 'Have each console user register an MFA device (a FIDO security key, or an authenticator app), and enforce it with a policy that denies actions when aws:MultiFactorAuthPresent is false. Better still, move console users to IAM Identity Center.',
      cli: 'aws iam create-virtual-mfa-device --virtual-mfa-device-name <USER_NAME> --outfile <QR_CODE_PNG> --bootstrap-method QRCodePNG && aws iam enable-mfa-device --user-name <USER_NAME> --serial-number arn:aws:iam::<ACCOUNT_ID>:mfa/<USER_NAME> --authentication-code1 <CODE_1> --authentication-code2 <CODE_2>',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_virtual.html',
    },
    compliance: {
      'cis-aws-5.0': ['1.9'],
      soc2: ['CC6.1'],
      'iso27001-2022': ['A.8.5'],
      'nist-800-53-r5': ['IA-2(1)', 'IA-2(2)'],
      'nist-csf-2.0': ['PR.AA-03'],
      'pci-dss-4.0': ['8.4.1', '8.4.2'],
      hipaa: ['164.312(d)'],
      gdpr: ['Art.32'],
    },
    needs: ['iam.credentialReport'],
  },
  (snapshot) =>
    forEachReportUser(snapshot, (user) => {
      if (!user.passwordEnabled) return pass(user.arn, 'global', 'The user has no console password');
      if (!user.mfaActive) return fail(user.arn, 'global', `User ${user.user} can sign in to the console with a password and has no MFA device`);
      return pass(user.arn, 'global', 'The user has a console password and an MFA device');
    }),
);
