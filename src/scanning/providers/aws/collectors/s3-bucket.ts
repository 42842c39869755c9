/**
 * One bucket's configuration, each piece its own `Collected`: one bucket's AccessDenied on its
 * policy leaves its ACL, its other settings and every other bucket intact. All calls go to the
 * bucket's own region (S3 answers 301 PermanentRedirect elsewhere).
 */
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  type Grant,
  type S3Client,
} from '@aws-sdk/client-s3';
import { attempt, unlessCode } from '../collected.js';
import { parsePolicyDocument } from '../policy-document.js';
import type { PublicAccessBlock, S3Bucket, S3Grant } from '../snapshot.js';
import { tagRecord } from './values.js';

export interface BucketRef {
  name: string;
  arn: string;
  region: string;
  createdAt: string | null;
}

function grant(g: Grant): S3Grant {
  const grantee = g.Grantee;
  return {
    granteeType: grantee?.Type ?? 'CanonicalUser',
    grantee: grantee?.ID ?? grantee?.URI ?? grantee?.EmailAddress ?? '',
    permission: g.Permission ?? 'READ',
  };
}

export function publicAccessBlock(config: {
  BlockPublicAcls?: boolean | undefined;
  IgnorePublicAcls?: boolean | undefined;
  BlockPublicPolicy?: boolean | undefined;
  RestrictPublicBuckets?: boolean | undefined;
}): PublicAccessBlock {
  return {
    blockPublicAcls: config.BlockPublicAcls ?? false,
    ignorePublicAcls: config.IgnorePublicAcls ?? false,
    blockPublicPolicy: config.BlockPublicPolicy ?? false,
    restrictPublicBuckets: config.RestrictPublicBuckets ?? false,
  };
}

/**
 * The policy, then S3's verdict on it only when there is one: without a policy the status call can
 * only answer NoSuchBucketPolicy, and skipping it saves one call for most buckets.
 */
async function collectPolicy(s3: S3Client, Bucket: string): Promise<[S3Bucket['policy'], S3Bucket['policyStatus']]> {
  const policy = await attempt(async () => {
    const out = await unlessCode(['NoSuchBucketPolicy'], null, () => s3.send(new GetBucketPolicyCommand({ Bucket })));
    return out?.Policy ? parsePolicyDocument(out.Policy) : null;
  });
  if (policy.ok && policy.value === null) return [policy, { ok: true, value: null }];
  const policyStatus = await attempt(async () => {
    const out = await unlessCode(['NoSuchBucketPolicy'], null, () => s3.send(new GetBucketPolicyStatusCommand({ Bucket })));
    return out?.PolicyStatus ? { isPublic: out.PolicyStatus.IsPublic ?? false } : null;
  });
  return [policy, policyStatus];
}

export async function collectBucket(s3: S3Client, ref: BucketRef): Promise<S3Bucket> {
  const Bucket = ref.name;
  const [tags, ownership, acl, [policy, policyStatus], pab, encryption, versioning, logging] = await Promise.all([
    attempt(async () => {
      const out = await unlessCode(['NoSuchTagSet'], null, () => s3.send(new GetBucketTaggingCommand({ Bucket })));
      return tagRecord(out?.TagSet);
    }),
    attempt(async () => {
      const out = await unlessCode(['OwnershipControlsNotFoundError'], null, () => s3.send(new GetBucketOwnershipControlsCommand({ Bucket })));
      return out?.OwnershipControls?.Rules?.[0]?.ObjectOwnership ?? null;
    }),
    attempt(async () => {
      const out = await s3.send(new GetBucketAclCommand({ Bucket }));
      return { ownerId: out.Owner?.ID ?? '', grants: (out.Grants ?? []).map(grant) };
    }),
    collectPolicy(s3, Bucket),
    attempt(async () => {
      const out = await unlessCode(['NoSuchPublicAccessBlockConfiguration'], null, () => s3.send(new GetPublicAccessBlockCommand({ Bucket })));
      return out?.PublicAccessBlockConfiguration ? publicAccessBlock(out.PublicAccessBlockConfiguration) : null;
    }),
    attempt(async () => {
      const out = await unlessCode(['ServerSideEncryptionConfigurationNotFoundError'], null, () =>
        s3.send(new GetBucketEncryptionCommand({ Bucket })),
      );
      const rule = out?.ServerSideEncryptionConfiguration?.Rules?.[0];
      const byDefault = rule?.ApplyServerSideEncryptionByDefault;
      if (!byDefault?.SSEAlgorithm) return null;
      return { algorithm: byDefault.SSEAlgorithm, kmsKeyId: byDefault.KMSMasterKeyID ?? null, bucketKeyEnabled: rule?.BucketKeyEnabled ?? false };
    }),
    attempt(async () => {
      const out = await s3.send(new GetBucketVersioningCommand({ Bucket }));
      // A bucket that never had versioning answers with no Status at all.
      const status = out.Status === 'Enabled' || out.Status === 'Suspended' ? out.Status : 'Disabled';
      return { status, mfaDelete: out.MFADelete === 'Enabled' } as const;
    }),
    attempt(async () => {
      const out = await s3.send(new GetBucketLoggingCommand({ Bucket }));
      const enabled = out.LoggingEnabled;
      return enabled?.TargetBucket ? { targetBucket: enabled.TargetBucket, targetPrefix: enabled.TargetPrefix ?? '' } : null;
    }),
  ]);
  return {
    ...ref,
    tags,
    ownership,
    acl,
    policy,
    policyStatus,
    publicAccessBlock: pab,
    encryption,
    versioning,
    logging,
  };
}
