import type { PolicyStatement } from '../../../providers/aws/snapshot.js';
import { defineAwsCheck, fail, pass, unknown, withGlobal } from '../lib/helpers.js';
import { publicStatements } from '../lib/policy.js';

function describe(statement: PolicyStatement): string {
  const name = statement.Sid ? `Statement "${statement.Sid}"` : 'A statement';
  const conditions = statement.Condition ? ' (its conditions do not restrict who the caller is)' : ' with no condition';
  return `${name} lets any AWS principal assume the role${conditions}`;
}

/**
 * Not a CIS control. One result per role in `iam.authorization`, in region `global`, with the
 * role's tags: fails (exposed) when the trust policy allows `sts:AssumeRole` to any AWS principal
 * (`*`, `{"AWS": "*"}` or a wildcard ARN) without a condition that confines it to known callers, such
 * as aws:PrincipalOrgID or aws:PrincipalAccount with fixed values (see `publicStatements`). An
 * `sts:ExternalId` condition does not count: it is a shared value, not an identity.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-iam-role-trust-public',
    title: 'IAM role can be assumed by any AWS principal',
    service: 'iam',
    resourceType: 'AWS::IAM::Role',
    severity: 'high',
    description: 'Checks role trust policies for statements that let any AWS account assume the role (Principal "*") with no condition restricting the caller\'s organization, account or identity.',
    risk: 'Anyone with any AWS account can assume the role and act with its permissions in your account.',
    remediation: {
      text: 'Name the accounts or roles that may assume the role in the trust policy\'s Principal, or add a condition such as aws:PrincipalOrgID with your organization id.',
      cli: 'aws iam update-assume-role-policy --role-name <ROLE_NAME> --policy-document file://<TRUST_POLICY_JSON>',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-trust-policy.html',
    },
    compliance: {
      soc2: ['CC6.1', 'CC6.6'],
      'iso27001-2022': ['A.5.15', 'A.8.3'],
      'nist-800-53-r5': ['AC-3', 'AC-6'],
      'nist-csf-2.0': ['PR.AA-05'],
      'pci-dss-4.0': ['7.2.1'],
      hipaa: ['164.312(a)(1)'],
      gdpr: ['Art.32'],
    },
    needs: ['iam.authorization'],
  },
  (snapshot) =>
    withGlobal(snapshot, 'iam.authorization', (authorization) =>
      authorization.roles.map((role) => {
        const extra = { tags: role.tags };
        if (!role.assumeRolePolicy) return unknown(role.arn, 'global', `Could not check: the trust policy of role ${role.name} was not read`, extra);
        const open = publicStatements(role.assumeRolePolicy, { actions: ['sts:AssumeRole'] });
        if (open.length > 0) return fail(role.arn, 'global', open.map(describe).join('; '), { ...extra, exposed: true });
        return pass(role.arn, 'global', 'The trust policy lets only named principals or restricted callers assume the role', extra);
      }),
    ),
);
