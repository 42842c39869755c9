/**
 * Every user, group, role and managed policy with their policies, from the paginated
 * GetAccountAuthorizationDetails — one listing instead of a dozen calls per principal.
 */
import {
  paginateGetAccountAuthorizationDetails,
  type AttachedPolicy,
  type IAMClient,
  type ManagedPolicyDetail,
  type PolicyDetail,
} from '@aws-sdk/client-iam';
import { parseIamPolicyDocument } from '../policy-document.js';
import type { AttachedPolicyRef, IamAuthorization, InlinePolicy, ManagedPolicy } from '../snapshot.js';
import { iso, tagRecord } from './values.js';

function inline(list: readonly PolicyDetail[] | undefined): InlinePolicy[] {
  return (list ?? []).map((p) => {
    const name = p.PolicyName ?? '';
    try {
      return { name, document: parseIamPolicyDocument(p.PolicyDocument ?? '{}') };
    } catch (error) {
      throw new Error(`Inline policy ${name} is not valid JSON: ${(error as Error).message}`);
    }
  });
}

function attached(list: readonly AttachedPolicy[] | undefined): AttachedPolicyRef[] {
  return (list ?? []).map((p) => ({ name: p.PolicyName ?? '', arn: p.PolicyArn ?? '' }));
}

function managed(policy: ManagedPolicyDetail): ManagedPolicy {
  const arn = policy.Arn ?? '';
  const version = policy.PolicyVersionList?.find((v) => v.IsDefaultVersion) ?? policy.PolicyVersionList?.[0];
  let document = null;
  try {
    document = version?.Document ? parseIamPolicyDocument(version.Document) : null;
  } catch {
    document = null; // an unreadable document is recorded as "none": `document` is nullable for that
  }
  return {
    name: policy.PolicyName ?? '',
    arn,
    awsManaged: /^arn:[^:]+:iam::aws:policy\//.test(arn),
    attachmentCount: policy.AttachmentCount ?? 0,
    document,
  };
}

export async function collectAuthorization(iam: IAMClient): Promise<IamAuthorization> {
  const result: IamAuthorization = { users: [], groups: [], roles: [], policies: [] };
  for await (const page of paginateGetAccountAuthorizationDetails({ client: iam, pageSize: 1000 }, {})) {
    for (const u of page.UserDetailList ?? []) {
      result.users.push({
        name: u.UserName ?? '',
        arn: u.Arn ?? '',
        createDate: iso(u.CreateDate) ?? '',
        inlinePolicies: inline(u.UserPolicyList),
        attachedPolicies: attached(u.AttachedManagedPolicies),
        groups: [...(u.GroupList ?? [])],
        tags: tagRecord(u.Tags),
      });
    }
    for (const g of page.GroupDetailList ?? []) {
      result.groups.push({
        name: g.GroupName ?? '',
        arn: g.Arn ?? '',
        inlinePolicies: inline(g.GroupPolicyList),
        attachedPolicies: attached(g.AttachedManagedPolicies),
      });
    }
    for (const r of page.RoleDetailList ?? []) {
      result.roles.push({
        name: r.RoleName ?? '',
        arn: r.Arn ?? '',
        path: r.Path ?? '/',
        createDate: iso(r.CreateDate) ?? '',
        assumeRolePolicy: r.AssumeRolePolicyDocument ? parseIamPolicyDocument(r.AssumeRolePolicyDocument) : null,
        inlinePolicies: inline(r.RolePolicyList),
        attachedPolicies: attached(r.AttachedManagedPolicies),
        lastUsed: iso(r.RoleLastUsed?.LastUsedDate),
        tags: tagRecord(r.Tags),
      });
    }
    for (const p of page.Policies ?? []) {
      const policy = managed(p);
      // AWS-managed policies nobody uses say nothing about this account.
      if (!policy.awsManaged || policy.attachmentCount > 0) result.policies.push(policy);
    }
  }
  return result;
}
