import type { CheckResult } from '../../../types.js';
import type { AwsSnapshot, IamAuthorization, ManagedPolicy, PolicyStatement } from '../../../providers/aws/snapshot.js';
import { defineAwsCheck, fail, pass, unknown, withGlobal } from '../lib/helpers.js';
import { findAdminStatement, toArray } from '../lib/policy.js';
import { attachedTo, awsManagedPolicyArn, describePrincipals, inlinePolicyId, inlinePolicyType, principalsOf } from './principals.js';

function describeStatement(statement: PolicyStatement): string {
  const name = statement.Sid ? `statement "${statement.Sid}"` : 'a statement';
  const actions = statement.NotAction !== undefined ? `every action except ${toArray(statement.NotAction).join(', ')}` : 'every action';
  return `${name} allows ${actions} on every resource`;
}

function evaluateManaged(snapshot: AwsSnapshot, authorization: IamAuthorization, policy: ManagedPolicy): CheckResult {
  const knownAdmin = policy.arn === awsManagedPolicyArn(snapshot.partition, 'AdministratorAccess');
  if (!policy.document && !knownAdmin) return unknown(policy.arn, 'global', `Could not check: the default version of policy ${policy.name} was not read`);
  const statement = policy.document ? findAdminStatement(policy.document) : null;
  if (!statement && !knownAdmin) return pass(policy.arn, 'global', `Policy ${policy.name} does not grant full administrative access`);

  const why = statement ? describeStatement(statement) : 'it is AWS\'s AdministratorAccess policy';
  const principals = attachedTo(authorization, policy.arn);
  if (principals.length > 0) return fail(policy.arn, 'global', `Policy ${policy.name} grants full administrative access (${why}) and is attached to ${describePrincipals(principals)}`);
  if (policy.attachmentCount > 0) return fail(policy.arn, 'global', `Policy ${policy.name} grants full administrative access (${why}) and is attached to ${policy.attachmentCount} principal(s)`);
  return pass(policy.arn, 'global', `Policy ${policy.name} grants full administrative access (${why}) but is not attached to any user, group or role`);
}

function evaluateInline(authorization: IamAuthorization): CheckResult[] {
  return principalsOf(authorization).flatMap((principal) =>
    principal.inlinePolicies.map((policy) => {
      const id = inlinePolicyId(principal.arn, policy.name);
      const extra = { resourceType: inlinePolicyType(principal.kind), ...(principal.tags ? { tags: principal.tags } : {}) };
      const statement = findAdminStatement(policy.document);
      if (!statement) return pass(id, 'global', `Inline policy ${policy.name} of ${principal.kind} ${principal.name} does not grant full administrative access`, extra);
      return fail(id, 'global', `Inline policy ${policy.name} of ${principal.kind} ${principal.name} grants full administrative access (${describeStatement(statement)})`, extra);
    }),
  );
}

/**
 * CIS 1.15. Looks at every managed policy in `iam.authorization` (customer-managed ones, and the
 * AWS-managed ones attached to something, AdministratorAccess included) and every inline policy of
 * every user, group and role. A policy fails when it grants full administrative access (see
 * `findAdminStatement`: Allow `*` or a NotAction that leaves IAM writable, on `*`, not taken back by
 * an explicit Deny) and is attached; an admin policy attached to nobody passes with a note.
 *
 * Resource ids: a managed policy's ARN (type `AWS::IAM::ManagedPolicy`); an inline policy, which has
 * no ARN, is `<principal ARN>/policy/<policy name>` (type `AWS::IAM::UserPolicy`, `GroupPolicy` or
 * `RolePolicy`), carrying the principal's tags. All results are in region `global`.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-iam-policy-full-admin',
    title: 'IAM policy granting full "*:*" administrative privileges is attached',
    service: 'iam',
    resourceType: 'AWS::IAM::ManagedPolicy',
    severity: 'high',
    description: 'Checks managed (customer and AWS) and inline IAM policies for statements that allow every action on every resource, including NotAction forms that still leave IAM writable, and whether they are attached to a user, group or role.',
    risk: 'A principal with full administrative access can read every piece of data, delete every resource, disable logging and create backdoor identities; a compromise of that one principal is a compromise of the account.',
    remediation: {
      text: 'Detach full-admin policies and grant only the actions each principal needs; keep administrative access to a few roles assumed with MFA (or IAM Identity Center permission sets).',
      cli: 'aws iam detach-role-policy --role-name <ROLE_NAME> --policy-arn <POLICY_ARN>   # or detach-user-policy / detach-group-policy; delete-role-policy --role-name <ROLE_NAME> --policy-name <INLINE_POLICY_NAME> for inline policies',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    },
    compliance: {
      'cis-aws-5.0': ['1.15'],
      soc2: ['CC6.1', 'CC6.3'],
      'iso27001-2022': ['A.5.15', 'A.8.2'],
      'nist-800-53-r5': ['AC-6', 'AC-6(1)'],
      'nist-csf-2.0': ['PR.AA-05'],
      'pci-dss-4.0': ['7.2.1', '7.2.2'],
      hipaa: ['164.308(a)(4)(ii)(B)', '164.312(a)(1)'],
      gdpr: ['Art.25', 'Art.32'],
    },
    needs: ['iam.authorization'],
  },
  (snapshot) =>
    withGlobal(snapshot, 'iam.authorization', (authorization) => [
      ...authorization.policies.map((policy) => evaluateManaged(snapshot, authorization, policy)),
      ...evaluateInline(authorization),
    ]),
);
