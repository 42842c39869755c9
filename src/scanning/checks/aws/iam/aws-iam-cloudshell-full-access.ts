import { defineAwsCheck, fail, pass, withGlobal } from '../lib/helpers.js';
import { attachedTo, awsManagedPolicyArn, describePrincipals } from './principals.js';

/**
 * CIS 1.21. One result, for the AWS managed policy AWSCloudShellFullAccess itself
 * (`arn:<partition>:iam::aws:policy/AWSCloudShellFullAccess`), in region `global`: fails when it is
 * attached to any user, group or role, naming them.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-iam-cloudshell-full-access',
    title: 'AWSCloudShellFullAccess is attached to an IAM user, group or role',
    service: 'iam',
    resourceType: 'AWS::IAM::ManagedPolicy',
    severity: 'medium',
    description: 'Checks whether the AWS managed policy AWSCloudShellFullAccess, which allows file upload and download and unrestricted internet access from CloudShell, is attached to anyone.',
    risk: 'CloudShell with full access is a ready-made shell with the user\'s credentials, file transfer and outbound internet: an easy path to move data out of the account or bring tools in.',
    remediation: {
      text: 'Detach AWSCloudShellFullAccess and, where CloudShell is needed, grant a custom policy without file upload and download (cloudshell:GetFileUploadUrls, cloudshell:GetFileDownloadUrls).',
      cli: 'aws iam detach-user-policy --user-name <USER_NAME> --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess   # or detach-role-policy / detach-group-policy',
      url: 'https://docs.aws.amazon.com/cloudshell/latest/userguide/sec-auth-with-identities.html',
    },
    compliance: {
      'cis-aws-5.0': ['1.21'],
      soc2: ['CC6.1', 'CC6.3'],
      'iso27001-2022': ['A.8.2', 'A.8.18'],
      'nist-800-53-r5': ['AC-6', 'AC-17'],
      'nist-csf-2.0': ['PR.AA-05'],
      'pci-dss-4.0': ['7.2.2'],
      hipaa: ['164.312(a)(1)'],
      gdpr: ['Art.32'],
    },
    needs: ['iam.authorization'],
  },
  (snapshot) => {
    const policyArn = awsManagedPolicyArn(snapshot.partition, 'AWSCloudShellFullAccess');
    return withGlobal(
      snapshot,
      'iam.authorization',
      (authorization) => {
        const holders = attachedTo(authorization, policyArn);
        if (holders.length > 0) return [fail(policyArn, 'global', `AWSCloudShellFullAccess is attached to ${describePrincipals(holders)}`)];
        return [pass(policyArn, 'global', 'AWSCloudShellFullAccess is not attached to any IAM user, group or role')];
      },
      { resourceId: policyArn },
    );
  },
);
