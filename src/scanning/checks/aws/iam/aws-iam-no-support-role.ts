import { accountArn, defineAwsCheck, fail, pass, withGlobal } from '../lib/helpers.js';
import { attachedTo, awsManagedPolicyArn, describePrincipals } from './principals.js';

/**
 * CIS 1.16. One result for the account, in region `global`: passes when the AWS managed policy
 * AWSSupportAccess is attached to at least one user, group or role (naming them), fails otherwise.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-iam-no-support-role',
    title: 'No IAM role, user or group can manage AWS Support cases',
    service: 'iam',
    resourceType: 'AWS::::Account',
    severity: 'low',
    description: 'Checks that the AWSSupportAccess managed policy is attached to at least one IAM role, user or group, so that incidents can be raised with AWS Support without the root user.',
    risk: 'Without a designated support role, opening or following an AWS Support case during an incident needs the root user or an over-privileged identity, costing time and widening access when it matters most.',
    remediation: {
      text: 'Create a role for your incident responders, trusted by your identity account or Identity Center, and attach the AWSSupportAccess managed policy to it.',
      cli: 'aws iam create-role --role-name <SUPPORT_ROLE_NAME> --assume-role-policy-document file://<TRUST_POLICY_JSON> && aws iam attach-role-policy --role-name <SUPPORT_ROLE_NAME> --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess',
      url: 'https://docs.aws.amazon.com/awssupport/latest/user/accessing-support.html',
    },
    compliance: {
      'cis-aws-5.0': ['1.16'],
      soc2: ['CC7.4'],
      'iso27001-2022': ['A.5.24'],
      'nist-800-53-r5': ['IR-7'],
      'nist-csf-2.0': ['RS.MA-01'],
      'pci-dss-4.0': ['12.10.1'],
      hipaa: ['164.308(a)(6)(i)'],
    },
    needs: ['iam.authorization'],
  },
  (snapshot) => {
    const account = accountArn(snapshot);
    return withGlobal(snapshot, 'iam.authorization', (authorization) => {
      const holders = attachedTo(authorization, awsManagedPolicyArn(snapshot.partition, 'AWSSupportAccess'));
      if (holders.length === 0) return [fail(account, 'global', 'AWSSupportAccess is not attached to any IAM user, group or role')];
      return [pass(account, 'global', `AWSSupportAccess is attached to ${describePrincipals(holders)}`)];
    });
  },
);
