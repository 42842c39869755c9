/** Users, groups and roles from `iam.authorization`, seen alike: what is attached to whom. */
import type { AttachedPolicyRef, IamAuthorization, InlinePolicy } from '../../../providers/aws/snapshot.js';

export type PrincipalKind = 'user' | 'group' | 'role';

export interface IamPrincipal {
  kind: PrincipalKind;
  name: string;
  arn: string;
  inlinePolicies: InlinePolicy[];
  attachedPolicies: AttachedPolicyRef[];
  /** Users and roles have tags; groups do not. */
  tags: Record<string, string> | undefined;
}

type Holder = Pick<IamPrincipal, 'name' | 'arn' | 'inlinePolicies' | 'attachedPolicies'> & { tags?: Record<string, string> };

function principal(kind: PrincipalKind, holder: Holder): IamPrincipal {
  const { name, arn, inlinePolicies, attachedPolicies, tags } = holder;
  return { kind, name, arn, inlinePolicies, attachedPolicies, tags: kind === 'group' ? undefined : tags };
}

function* holders(authorization: IamAuthorization): Generator<[PrincipalKind, Holder]> {
  for (const user of authorization.users) yield ['user', user];
  for (const group of authorization.groups) yield ['group', group];
  for (const role of authorization.roles) yield ['role', role];
}

export function principalsOf(authorization: IamAuthorization): IamPrincipal[] {
  return Array.from(holders(authorization), ([kind, holder]) => principal(kind, holder));
}

/** The ARN of an AWS managed policy, e.g. `arn:aws:iam::aws:policy/AWSSupportAccess`. */
export function awsManagedPolicyArn(partition: string, name: string): string {
  return `arn:${partition}:iam::aws:policy/${name}`;
}

/** The principals that have the managed policy attached. */
export function attachedTo(authorization: IamAuthorization, policyArn: string): IamPrincipal[] {
  const found: IamPrincipal[] = [];
  for (const [kind, holder] of holders(authorization)) {
    if (holder.attachedPolicies.some((policy) => policy.arn === policyArn)) found.push(principal(kind, holder));
  }
  return found;
}

/** "user alice, role Admin, and 3 more" for a status detail. */
export function describePrincipals(principals: IamPrincipal[], max = 5): string {
  const named = principals.slice(0, max).map((principal) => `${principal.kind} ${principal.name}`);
  const more = principals.length > max ? `, and ${principals.length - max} more` : '';
  return `${named.join(', ')}${more}`;
}

/** The CloudFormation type of an inline policy on this kind of principal. */
export function inlinePolicyType(kind: PrincipalKind): string {
  return kind === 'user' ? 'AWS::IAM::UserPolicy' : kind === 'group' ? 'AWS::IAM::GroupPolicy' : 'AWS::IAM::RolePolicy';
}

/**
 * The resource id of an inline policy, which has no ARN of its own: the principal's ARN followed by
 * `/policy/<name>`, e.g. `arn:aws:iam::123456789012:role/Admin/policy/FullAccess`.
 */
export function inlinePolicyId(principalArn: string, policyName: string): string {
  return `${principalArn}/policy/${policyName}`;
}
