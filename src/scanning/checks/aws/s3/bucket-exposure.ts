/**
 * Whether a bucket is public, the way S3 itself decides it: through its ACL (grants to the AllUsers
 * or AuthenticatedUsers groups) or through its policy (an Allow to everyone with no restricting
 * condition), and whether Block Public Access or Object Ownership neutralises that.
 *
 * - A public ACL is ignored when IgnorePublicAcls is on for the bucket or the account, or when Object
 *   Ownership is `BucketOwnerEnforced` (ACLs disabled).
 * - A public policy is neutralised only by RestrictPublicBuckets (bucket or account): BlockPublicPolicy
 *   stops new public policies from being put, but leaves an existing one in force.
 *
 * Shared by the public-ACL, public-policy and CloudTrail-bucket checks so that they agree.
 */
import type { AwsSnapshot, PublicAccessBlock, S3Bucket, S3Grant } from '../../../providers/aws/snapshot.js';
import { publicStatements, type PublicStatement } from '../lib/policy.js';

export type ExposureStatus = 'public' | 'neutralised' | 'private' | 'unknown';

export interface Exposure {
  status: ExposureStatus;
  /** A sentence for statusDetail: what is public and what (if anything) stops it. */
  detail: string;
}

export interface AclExposure extends Exposure {
  /** The grants to AllUsers / AuthenticatedUsers (empty when the ACL could not be read). */
  publicGrants: S3Grant[];
}

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

/** Permissions that let anyone add, overwrite or delete objects, or rewrite the ACL itself. */
const WRITE_PERMISSIONS: ReadonlySet<S3Grant['permission']> = new Set(['WRITE', 'WRITE_ACP', 'FULL_CONTROL']);

export function isWriteGrant(grant: S3Grant): boolean {
  return WRITE_PERMISSIONS.has(grant.permission);
}

type BlockFlag = keyof PublicAccessBlock;

const FLAG_NAMES: Record<BlockFlag, string> = {
  blockPublicAcls: 'BlockPublicAcls',
  ignorePublicAcls: 'IgnorePublicAcls',
  blockPublicPolicy: 'BlockPublicPolicy',
  restrictPublicBuckets: 'RestrictPublicBuckets',
};

type Guard = { on: true; why: string } | { on: false; unreadable: string[] };

/** Whether a Block Public Access flag is on for this bucket at bucket or account level. */
function blockFlag(snapshot: AwsSnapshot, bucket: S3Bucket, flag: BlockFlag): Guard {
  const name = FLAG_NAMES[flag];
  const unreadable: string[] = [];
  const bucketLevel = bucket.publicAccessBlock;
  if (bucketLevel.ok && bucketLevel.value?.[flag]) return { on: true, why: `${name} is on for the bucket` };
  if (!bucketLevel.ok) unreadable.push(`bucket-level Block Public Access (${bucketLevel.error})`);

  const accountLevel = snapshot.parts['s3.accountPublicAccessBlock'];
  if (accountLevel?.ok && accountLevel.value?.[flag]) return { on: true, why: `${name} is on for the account` };
  if (!accountLevel) unreadable.push('account-level Block Public Access (not collected)');
  else if (!accountLevel.ok) unreadable.push(`account-level Block Public Access (${accountLevel.error})`);

  return { on: false, unreadable };
}

function granteeLabel(grantee: string): string | null {
  const uri = grantee.replace(/^https:/, 'http:');
  if (uri === ALL_USERS) return 'AllUsers (anyone)';
  if (uri === AUTHENTICATED_USERS) return 'AuthenticatedUsers (any AWS account)';
  return null;
}

function describeGrants(grants: S3Grant[]): string {
  const byGrantee = new Map<string, string[]>();
  for (const grant of grants) {
    const label = granteeLabel(grant.grantee) ?? grant.grantee;
    byGrantee.set(label, [...(byGrantee.get(label) ?? []), grant.permission]);
  }
  return [...byGrantee].map(([label, permissions]) => `${label}: ${permissions.join(', ')}`).join('; ');
}

export function aclExposure(snapshot: AwsSnapshot, bucket: S3Bucket): AclExposure {
  if (!bucket.acl.ok) return { status: 'unknown', detail: `Could not check: ${bucket.acl.error}`, publicGrants: [] };
  const publicGrants = bucket.acl.value.grants.filter((grant) => grant.granteeType === 'Group' && granteeLabel(grant.grantee) !== null);
  if (publicGrants.length === 0) {
    return { status: 'private', detail: 'The bucket ACL grants nothing to AllUsers or AuthenticatedUsers', publicGrants };
  }

  const grants = `The bucket ACL grants ${describeGrants(publicGrants)}`;
  const writable = publicGrants.some(isWriteGrant) ? ' (anyone can write or take over the bucket ACL)' : '';
  if (bucket.ownership.ok && bucket.ownership.value === 'BucketOwnerEnforced') {
    return { status: 'neutralised', detail: `${grants}, but ACLs are disabled (Object Ownership is BucketOwnerEnforced)`, publicGrants };
  }
  const guard = blockFlag(snapshot, bucket, 'ignorePublicAcls');
  if (guard.on) return { status: 'neutralised', detail: `${grants}, but ${guard.why}, so S3 ignores it`, publicGrants };

  const unreadable = bucket.ownership.ok ? guard.unreadable : [`Object Ownership (${bucket.ownership.error})`, ...guard.unreadable];
  if (unreadable.length > 0) {
    return { status: 'unknown', detail: `${grants}${writable}; could not tell whether it is neutralised: could not read ${unreadable.join(', ')}`, publicGrants };
  }
  return { status: 'public', detail: `${grants}${writable}; neither Block Public Access (IgnorePublicAcls) nor Object Ownership disables it`, publicGrants };
}

function describeStatement(statement: PublicStatement): string {
  const name = statement.Sid ? `Statement "${statement.Sid}"` : 'A statement';
  const actions = statement.exceptActions.length > 0 ? `every action except ${statement.exceptActions.join(', ')}` : statement.grantedActions.join(', ');
  return `${name} allows ${actions} to everyone`;
}

/** S3's own verdict (GetBucketPolicyStatus), as corroboration: true / false, or null when unavailable. */
function s3Verdict(bucket: S3Bucket): boolean | null {
  return bucket.policyStatus.ok && bucket.policyStatus.value ? bucket.policyStatus.value.isPublic : null;
}

export function policyExposure(snapshot: AwsSnapshot, bucket: S3Bucket): Exposure {
  if (!bucket.policy.ok) return { status: 'unknown', detail: `Could not check: ${bucket.policy.error}` };
  const document = bucket.policy.value;
  if (!document) return { status: 'private', detail: 'The bucket has no bucket policy' };

  const verdict = s3Verdict(bucket);
  const statements = publicStatements(document);
  if (statements.length === 0) {
    const disagreement = verdict === true ? '; S3 nevertheless reports the policy as public (GetBucketPolicyStatus), so review it' : '';
    return { status: 'private', detail: `No policy statement allows everyone without a restricting condition${disagreement}` };
  }

  const found = `${statements.map(describeStatement).join('; ')}, with no restricting condition`;
  const corroboration = verdict === false ? ' (S3 reports the policy as not public: GetBucketPolicyStatus disagrees with this analysis)' : '';
  const guard = blockFlag(snapshot, bucket, 'restrictPublicBuckets');
  if (guard.on) {
    return {
      status: 'neutralised',
      detail: `${found}${corroboration}, but ${guard.why}: Block Public Access limits it to AWS service principals and the bucket owner's account`,
    };
  }
  if (guard.unreadable.length > 0) {
    return { status: 'unknown', detail: `${found}${corroboration}; could not tell whether it is neutralised: could not read ${guard.unreadable.join(', ')}` };
  }
  return { status: 'public', detail: `${found}${corroboration}; RestrictPublicBuckets is off at bucket and account level` };
}
