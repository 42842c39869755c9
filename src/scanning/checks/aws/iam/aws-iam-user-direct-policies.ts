import { defineAwsCheck, fail, pass, withGlobal } from '../lib/helpers.js';

/**
 * CIS 1.14. One result per IAM user in `iam.authorization`, in region `global`, with the user's tags:
 * fails when a managed policy is attached to the user directly or the user has an inline policy.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-iam-user-direct-policies',
    title: 'IAM user has policies attached directly instead of through groups',
    service: 'iam',
    resourceType: 'AWS::IAM::User',
    severity: 'low',
    description: 'Checks that IAM users get their permissions only from the groups they belong to: no managed policy attached to the user and no inline user policy.',
    risk: 'Permissions granted user by user drift apart, are missed in access reviews and outlive the role the person had; groups keep them consistent and easy to revoke.',
    remediation: {
      text: 'Add the user to a group that carries the permissions, then detach the user\'s managed policies and delete its inline policies.',
      cli: 'aws iam add-user-to-group --user-name <USER_NAME> --group-name <GROUP_NAME> && aws iam detach-user-policy --user-name <USER_NAME> --policy-arn <POLICY_ARN> && aws iam delete-user-policy --user-name <USER_NAME> --policy-name <INLINE_POLICY_NAME>',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups_manage_attach-policy.html',
    },
    compliance: {
      'cis-aws-5.0': ['1.14'],
      soc2: ['CC6.3'],
      'iso27001-2022': ['A.5.15', 'A.5.18'],
      'nist-800-53-r5': ['AC-2', 'AC-6'],
      'nist-csf-2.0': ['PR.AA-05'],
      'pci-dss-4.0': ['7.2.1'],
      hipaa: ['164.308(a)(4)(ii)(B)'],
    },
    needs: ['iam.authorization'],
  },
  (snapshot) =>
    withGlobal(snapshot, 'iam.authorization', (authorization) =>
      authorization.users.map((user) => {
        const direct = [
          ...user.attachedPolicies.map((policy) => `managed policy ${policy.name}`),
          ...user.inlinePolicies.map((policy) => `inline policy ${policy.name}`),
        ];
        if (direct.length > 0) return fail(user.arn, 'global', `User ${user.name} has ${direct.join(', ')} attached directly`, { tags: user.tags });
        const groups = user.groups.length > 0 ? `through groups ${user.groups.join(', ')}` : 'from no group (the user has no permissions)';
        return pass(user.arn, 'global', `The user gets its permissions only ${groups}`, { tags: user.tags });
      }),
    ),
);
