import { describe, expect, it } from 'vitest';
import { expectWellFormedMeta } from '../fixtures/meta.js';
import { check as accountPublicAccessBlock } from '../../../../src/scanning/checks/aws/s3/aws-s3-account-public-access-block.js';
import { check as accessLogging } from '../../../../src/scanning/checks/aws/s3/aws-s3-bucket-access-logging.js';
import { check as defaultEncryption } from '../../../../src/scanning/checks/aws/s3/aws-s3-bucket-default-encryption.js';
import { check as defaultEncryptionKms } from '../../../../src/scanning/checks/aws/s3/aws-s3-bucket-default-encryption-kms.js';
import { check as mfaDelete } from '../../../../src/scanning/checks/aws/s3/aws-s3-bucket-mfa-delete.js';
import { check as bucketPublicAccessBlock } from '../../../../src/scanning/checks/aws/s3/aws-s3-bucket-public-access-block.js';
import { check as publicAcl } from '../../../../src/scanning/checks/aws/s3/aws-s3-bucket-public-acl.js';
import { check as publicPolicy } from '../../../../src/scanning/checks/aws/s3/aws-s3-bucket-public-policy.js';
import { check as publicWriteAcl } from '../../../../src/scanning/checks/aws/s3/aws-s3-bucket-public-write-acl.js';
import { check as secureTransport } from '../../../../src/scanning/checks/aws/s3/aws-s3-bucket-secure-transport.js';
import { check as versioning } from '../../../../src/scanning/checks/aws/s3/aws-s3-bucket-versioning.js';
import type { AwsCheck } from '../../../../src/scanning/checks/aws/lib/helpers.js';
import type { AwsParts, PublicAccessBlock, S3Bucket } from '../../../../src/scanning/providers/aws/snapshot.js';
import { DEFAULT_SETTINGS, type CheckResult } from '../../../../src/scanning/types.js';
import {
  ALL_USERS,
  AUTHENTICATED_USERS,
  BPA_ALL_ON,
  OWNER_GRANT,
  OWNER_ID,
  bpa,
  bucket,
  cloudFrontOac,
  denyInsecureTransport,
  groupGrant,
  legacyBucket,
  policy,
  publicRead,
} from '../fixtures/s3.js';
import { ACCESS_DENIED, NOW, failed, ok, snapshot } from '../fixtures/snapshot.js';

const PER_BUCKET_CHECKS: AwsCheck[] = [
  publicAcl,
  publicWriteAcl,
  publicPolicy,
  bucketPublicAccessBlock,
  secureTransport,
  mfaDelete,
  versioning,
  accessLogging,
  defaultEncryption,
  defaultEncryptionKms,
];

function run(check: AwsCheck, parts: Partial<AwsParts>): CheckResult[] {
  return check.evaluate(snapshot(parts), DEFAULT_SETTINGS, NOW);
}

/** Runs a per-bucket check on one bucket (account-level Block Public Access: none, unless given) and returns its one result. */
function evaluate(check: AwsCheck, subject: S3Bucket, account: PublicAccessBlock | null = null): CheckResult {
  const results = run(check, { 's3.buckets': ok([subject]), 's3.accountPublicAccessBlock': ok(account) });
  expect(results).toHaveLength(1);
  const [result] = results;
  if (!result) throw new Error('no result');
  return result;
}


function aclWith(...grants: Parameters<typeof groupGrant>[]): S3Bucket['acl'] {
  return ok({ ownerId: OWNER_ID, grants: [OWNER_GRANT, ...grants.map(([group, permission]) => groupGrant(group, permission))] });
}

describe('S3 check metadata', () => {
  it.each([...PER_BUCKET_CHECKS, accountPublicAccessBlock].map((check) => [check.meta.id, check] as const))('%s is well formed', (_id, check) => {
    expectWellFormedMeta(check, ['s3']);
  });
});

describe.each(PER_BUCKET_CHECKS.map((check) => [check.meta.id, check] as const))('%s, for every bucket', (_id, check) => {
  it('gives no result when the account has no buckets', () => {
    expect(run(check, { 's3.buckets': ok([]), 's3.accountPublicAccessBlock': ok(null) })).toEqual([]);
  });

  it('is unknown for all buckets when the bucket list could not be read', () => {
    expect(run(check, { 's3.buckets': failed(), 's3.accountPublicAccessBlock': ok(null) })).toEqual([
      { resourceId: 'arn:aws:s3:::*', region: 'global', status: 'unknown', statusDetail: `Could not check: ${ACCESS_DENIED}` },
    ]);
  });

  it('passes a bucket configured as recommended, with its tags', () => {
    const result = evaluate(check, bucket());
    expect(result).toMatchObject({ resourceId: 'arn:aws:s3:::app-data', region: 'us-east-1', status: 'pass', tags: { env: 'prod', owner: 'payments' } });
    expect(result.exposed).toBeUndefined();
  });

  it('leaves tags out when they could not be read', () => {
    expect(evaluate(check, bucket('app-data', { tags: failed() })).tags).toBeUndefined();
  });
});

describe('aws-s3-bucket-public-acl', () => {
  it('fails a bucket whose ACL lets AllUsers read, and marks it exposed', () => {
    const result = evaluate(publicAcl, legacyBucket('legacy-data', { acl: aclWith([ALL_USERS, 'READ']) }));
    expect(result).toMatchObject({ status: 'fail', exposed: true, tags: { env: 'prod', owner: 'payments' } });
    expect(result.statusDetail).toContain('AllUsers (anyone): READ');
    expect(result.statusDetail).not.toContain('anyone can write');
  });

  it('fails a grant to AuthenticatedUsers: any AWS account is the public', () => {
    const result = evaluate(publicAcl, legacyBucket('legacy-data', { acl: aclWith([AUTHENTICATED_USERS, 'READ']) }));
    expect(result.status).toBe('fail');
    expect(result.statusDetail).toContain('AuthenticatedUsers (any AWS account): READ');
  });

  it('says which permissions are public, and when anyone can write', () => {
    const result = evaluate(publicAcl, legacyBucket('legacy-data', { acl: aclWith([ALL_USERS, 'READ'], [ALL_USERS, 'WRITE']) }));
    expect(result.statusDetail).toContain('AllUsers (anyone): READ, WRITE');
    expect(result.statusDetail).toContain('anyone can write');
  });

  it('passes a public grant when ACLs are disabled (BucketOwnerEnforced)', () => {
    const result = evaluate(publicAcl, bucket('app-data', { publicAccessBlock: ok(null), acl: aclWith([ALL_USERS, 'READ']) }));
    expect(result.status).toBe('pass');
    expect(result.statusDetail).toContain('ACLs are disabled (Object Ownership is BucketOwnerEnforced)');
  });

  it('passes a public grant that bucket-level IgnorePublicAcls neutralises', () => {
    const result = evaluate(publicAcl, legacyBucket('legacy-data', { publicAccessBlock: ok(bpa({ ignorePublicAcls: true })), acl: aclWith([ALL_USERS, 'READ']) }));
    expect(result.status).toBe('pass');
    expect(result.statusDetail).toContain('IgnorePublicAcls is on for the bucket');
  });

  it('passes a public grant that account-level IgnorePublicAcls neutralises', () => {
    const result = evaluate(publicAcl, legacyBucket('legacy-data', { acl: aclWith([ALL_USERS, 'READ']) }), bpa({ ignorePublicAcls: true }));
    expect(result.status).toBe('pass');
    expect(result.statusDetail).toContain('IgnorePublicAcls is on for the account');
  });

  it('does not count BlockPublicAcls alone: it stops new public ACLs, not an existing one', () => {
    const result = evaluate(publicAcl, legacyBucket('legacy-data', { publicAccessBlock: ok(bpa({ blockPublicAcls: true })), acl: aclWith([ALL_USERS, 'READ']) }));
    expect(result.status).toBe('fail');
  });

  it('is unknown when the ACL could not be read', () => {
    expect(evaluate(publicAcl, legacyBucket('legacy-data', { acl: failed() }))).toMatchObject({ status: 'unknown', statusDetail: `Could not check: ${ACCESS_DENIED}` });
  });

  it('is unknown when the ACL is public and what could neutralise it could not be read', () => {
    const result = evaluate(publicAcl, legacyBucket('legacy-data', { publicAccessBlock: failed('NoSuchBucket'), acl: aclWith([ALL_USERS, 'READ']) }));
    expect(result.status).toBe('unknown');
    expect(result.statusDetail).toContain('bucket-level Block Public Access (NoSuchBucket)');
  });

  it('is unknown when the ACL is public and the account-level Block Public Access could not be read', () => {
    const subject = legacyBucket('legacy-data', { acl: aclWith([ALL_USERS, 'READ']) });
    const [result] = run(publicAcl, { 's3.buckets': ok([subject]), 's3.accountPublicAccessBlock': failed() });
    expect(result).toMatchObject({ status: 'unknown' });
    expect(result?.statusDetail).toContain(`account-level Block Public Access (${ACCESS_DENIED})`);
  });

  it('stays unknown when the ACL could not be read, even with Block Public Access on', () => {
    expect(evaluate(publicAcl, bucket('app-data', { acl: failed() })).status).toBe('unknown');
  });
});

describe('aws-s3-bucket-public-write-acl', () => {
  it('fails a bucket whose ACL gives AllUsers FULL_CONTROL, and marks it exposed', () => {
    const result = evaluate(publicWriteAcl, legacyBucket('legacy-data', { acl: aclWith([ALL_USERS, 'FULL_CONTROL']) }));
    expect(result).toMatchObject({ status: 'fail', exposed: true });
    expect(result.statusDetail).toContain('AllUsers (anyone): FULL_CONTROL');
  });

  it('fails WRITE_ACP to AuthenticatedUsers: any AWS account can rewrite the ACL', () => {
    expect(evaluate(publicWriteAcl, legacyBucket('legacy-data', { acl: aclWith([AUTHENTICATED_USERS, 'WRITE_ACP']) })).status).toBe('fail');
  });

  it('passes a public READ grant (that is aws-s3-bucket-public-acl)', () => {
    const result = evaluate(publicWriteAcl, legacyBucket('legacy-data', { acl: aclWith([ALL_USERS, 'READ']) }));
    expect(result.status).toBe('pass');
    expect(result.statusDetail).toContain('grants no write permission');
  });

  it('passes a public WRITE grant that Block Public Access neutralises, saying so', () => {
    const result = evaluate(publicWriteAcl, legacyBucket('legacy-data', { acl: aclWith([ALL_USERS, 'WRITE']) }), BPA_ALL_ON);
    expect(result.status).toBe('pass');
    expect(result.statusDetail).toContain('IgnorePublicAcls is on for the account');
  });

  it('is unknown when the ACL could not be read', () => {
    expect(evaluate(publicWriteAcl, legacyBucket('legacy-data', { acl: failed() }))).toMatchObject({ status: 'unknown', statusDetail: `Could not check: ${ACCESS_DENIED}` });
  });

  it('is unknown when a public WRITE grant exists and Object Ownership could not be read', () => {
    const result = evaluate(publicWriteAcl, legacyBucket('legacy-data', { ownership: failed('Throttling'), acl: aclWith([ALL_USERS, 'WRITE']) }));
    expect(result.status).toBe('unknown');
    expect(result.statusDetail).toContain('Object Ownership (Throttling)');
  });
});

describe('aws-s3-bucket-public-policy', () => {
  const open = (overrides: Partial<S3Bucket> = {}): S3Bucket =>
    legacyBucket('site', { policy: ok(policy(publicRead('site'))), policyStatus: ok({ isPublic: true }), ...overrides });

  it('fails a policy that lets everyone read objects, and marks it exposed', () => {
    const result = evaluate(publicPolicy, open());
    expect(result).toMatchObject({ resourceId: 'arn:aws:s3:::site', status: 'fail', exposed: true, tags: { env: 'prod', owner: 'payments' } });
    expect(result.statusDetail).toContain('Statement "PublicRead" allows s3:GetObject to everyone');
    expect(result.statusDetail).toContain('RestrictPublicBuckets is off');
  });

  it('passes a public policy when RestrictPublicBuckets is on at account level, saying Block Public Access neutralises it', () => {
    const result = evaluate(publicPolicy, open(), bpa({ restrictPublicBuckets: true }));
    expect(result.status).toBe('pass');
    expect(result.statusDetail).toContain('RestrictPublicBuckets is on for the account');
    expect(result.statusDetail).toContain('Block Public Access limits it');
    expect(result.exposed).toBeUndefined();
  });

  it('passes a public policy when RestrictPublicBuckets is on for the bucket', () => {
    const result = evaluate(publicPolicy, open({ publicAccessBlock: ok(bpa({ restrictPublicBuckets: true })) }));
    expect(result.status).toBe('pass');
    expect(result.statusDetail).toContain('RestrictPublicBuckets is on for the bucket');
  });

  it('still fails with BlockPublicPolicy alone: it blocks new public policies, not an existing one', () => {
    expect(evaluate(publicPolicy, open({ publicAccessBlock: ok(bpa({ blockPublicPolicy: true })) }), bpa({ blockPublicPolicy: true })).status).toBe('fail');
  });

  it('passes a CloudFront Origin Access Control policy: a service principal is not public', () => {
    const result = evaluate(publicPolicy, legacyBucket('site', { policy: ok(policy(cloudFrontOac('site'))) }));
    expect(result.status).toBe('pass');
    expect(result.statusDetail).toBe('No policy statement allows everyone without a restricting condition');
  });

  it('passes {"AWS": "*"} confined to a VPC endpoint with aws:SourceVpce', () => {
    const statement = publicRead('site', { Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } });
    expect(evaluate(publicPolicy, legacyBucket('site', { policy: ok(policy(statement)) })).status).toBe('pass');
  });

  it('fails {"AWS": "*"} with aws:SourceIp 0.0.0.0/0: that confines nothing', () => {
    const statement = publicRead('site', { Principal: { AWS: '*' }, Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } });
    expect(evaluate(publicPolicy, legacyBucket('site', { policy: ok(policy(statement)) })).status).toBe('fail');
  });

  it('decides by the policy analysis and states S3 disagreeing when S3 says not public', () => {
    const result = evaluate(publicPolicy, open({ policyStatus: ok({ isPublic: false }) }));
    expect(result.status).toBe('fail');
    expect(result.statusDetail).toContain('S3 reports the policy as not public: GetBucketPolicyStatus disagrees');
  });

  it('decides by the policy analysis and states S3 disagreeing when S3 says public', () => {
    const statement = publicRead('site', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } });
    const result = evaluate(publicPolicy, legacyBucket('site', { policy: ok(policy(statement)), policyStatus: ok({ isPublic: true }) }));
    expect(result.status).toBe('pass');
    expect(result.statusDetail).toContain('S3 nevertheless reports the policy as public');
  });

  it('passes a bucket with no policy', () => {
    expect(evaluate(publicPolicy, bucket('app-data', { policy: ok(null), policyStatus: ok(null) }))).toMatchObject({
      status: 'pass',
      statusDetail: 'The bucket has no bucket policy',
    });
  });

  it('is unknown when the policy could not be read', () => {
    expect(evaluate(publicPolicy, bucket('app-data', { policy: failed() }))).toMatchObject({ status: 'unknown', statusDetail: `Could not check: ${ACCESS_DENIED}` });
  });

  it('is unknown when the policy is public and bucket-level Block Public Access could not be read', () => {
    const result = evaluate(publicPolicy, open({ publicAccessBlock: failed() }));
    expect(result.status).toBe('unknown');
    expect(result.statusDetail).toContain('could not tell whether it is neutralised');
  });
});

describe('aws-s3-bucket-public-access-block', () => {
  it('passes when the bucket has no settings but the account has all four on', () => {
    const result = evaluate(bucketPublicAccessBlock, legacyBucket(), BPA_ALL_ON);
    expect(result.status).toBe('pass');
    expect(result.statusDetail).toContain('all four settings are on for the account');
  });

  it('fails a bucket with a setting off, naming it', () => {
    const result = evaluate(bucketPublicAccessBlock, bucket('app-data', { publicAccessBlock: ok({ ...BPA_ALL_ON, restrictPublicBuckets: false }) }));
    expect(result).toMatchObject({ status: 'fail', statusDetail: 'Bucket-level Block Public Access has RestrictPublicBuckets off, and account-level Block Public Access does not cover it' });
  });

  it('fails a bucket with no configuration when the account is only partly covered', () => {
    const result = evaluate(bucketPublicAccessBlock, legacyBucket(), bpa({ blockPublicAcls: true }));
    expect(result.status).toBe('fail');
    expect(result.statusDetail).toContain('The bucket has no Block Public Access configuration');
  });

  it('is unknown when the bucket setting could not be read', () => {
    expect(evaluate(bucketPublicAccessBlock, bucket('app-data', { publicAccessBlock: failed() })).status).toBe('unknown');
  });

  it('is unknown when the bucket is not covered and the account setting could not be read', () => {
    const [result] = run(bucketPublicAccessBlock, { 's3.buckets': ok([legacyBucket()]), 's3.accountPublicAccessBlock': failed() });
    expect(result).toMatchObject({ status: 'unknown' });
    expect(result?.statusDetail).toContain(ACCESS_DENIED);
  });

  it('reads the account part once for all buckets: a fully set bucket passes without it, the others say it was not collected', () => {
    const partial = bucket('logs', { publicAccessBlock: ok({ ...BPA_ALL_ON, blockPublicAcls: false, ignorePublicAcls: false }) });
    const results = run(bucketPublicAccessBlock, { 's3.buckets': ok([bucket('app-data', { publicAccessBlock: ok(BPA_ALL_ON) }), partial, legacyBucket()]) });
    expect(results.map((result) => result.status)).toEqual(['pass', 'unknown', 'unknown']);
    expect(results[1]?.statusDetail).toBe(
      'Bucket-level Block Public Access has BlockPublicAcls, IgnorePublicAcls off; could not tell whether account-level Block Public Access covers it: s3.accountPublicAccessBlock was not collected',
    );
    expect(results[2]?.statusDetail).toContain('The bucket has no Block Public Access configuration; could not tell');
  });
});

describe('aws-s3-account-public-access-block', () => {
  const account = 'arn:aws:iam::123456789012:root';

  it('passes when all four settings are on', () => {
    expect(run(accountPublicAccessBlock, { 's3.accountPublicAccessBlock': ok(BPA_ALL_ON) })).toEqual([
      { resourceId: account, region: 'global', status: 'pass', statusDetail: 'All four account-level Block Public Access settings are on' },
    ]);
  });

  it('fails when a setting is off, naming it', () => {
    const [result] = run(accountPublicAccessBlock, { 's3.accountPublicAccessBlock': ok({ ...BPA_ALL_ON, ignorePublicAcls: false, restrictPublicBuckets: false }) });
    expect(result).toMatchObject({ status: 'fail', statusDetail: 'Account-level Block Public Access has IgnorePublicAcls, RestrictPublicBuckets off' });
  });

  it('fails when the account has no configuration at all', () => {
    expect(run(accountPublicAccessBlock, { 's3.accountPublicAccessBlock': ok(null) })).toEqual([
      { resourceId: account, region: 'global', status: 'fail', statusDetail: 'The account has no Block Public Access configuration' },
    ]);
  });

  it('is unknown when the setting could not be read', () => {
    expect(run(accountPublicAccessBlock, { 's3.accountPublicAccessBlock': failed() })).toEqual([
      { resourceId: account, region: 'global', status: 'unknown', statusDetail: `Could not check: ${ACCESS_DENIED}` },
    ]);
  });

  it('is unknown when the setting was not collected', () => {
    expect(run(accountPublicAccessBlock, {})[0]).toMatchObject({ status: 'unknown', statusDetail: 'Could not check: s3.accountPublicAccessBlock was not collected' });
  });
});

describe('aws-s3-bucket-secure-transport', () => {
  it('fails a bucket with no policy', () => {
    expect(evaluate(secureTransport, bucket('app-data', { policy: ok(null) }))).toMatchObject({
      status: 'fail',
      statusDetail: 'The bucket has no bucket policy, so nothing denies requests over HTTP',
    });
  });

  it('fails a policy without the Deny', () => {
    expect(evaluate(secureTransport, bucket('site', { policy: ok(policy(cloudFrontOac('site'))) })).status).toBe('fail');
  });

  it('fails a Deny written for another bucket', () => {
    expect(evaluate(secureTransport, bucket('app-data', { policy: ok(policy(denyInsecureTransport('other-bucket'))) })).status).toBe('fail');
  });

  it('is unknown when the policy could not be read', () => {
    expect(evaluate(secureTransport, bucket('app-data', { policy: failed() })).status).toBe('unknown');
  });
});

describe('aws-s3-bucket-mfa-delete', () => {
  it('fails when MFA delete is off, with the versioning state', () => {
    expect(evaluate(mfaDelete, bucket('app-data', { versioning: ok({ status: 'Enabled', mfaDelete: false }) }))).toMatchObject({
      status: 'fail',
      statusDetail: 'MFA delete is not enabled (versioning is Enabled)',
    });
  });

  it('is unknown when versioning could not be read', () => {
    expect(evaluate(mfaDelete, bucket('app-data', { versioning: failed() })).status).toBe('unknown');
  });
});

describe('aws-s3-bucket-versioning', () => {
  it('fails suspended versioning', () => {
    const result = evaluate(versioning, bucket('app-data', { versioning: ok({ status: 'Suspended', mfaDelete: false }) }));
    expect(result.status).toBe('fail');
    expect(result.statusDetail).toContain('suspended');
  });

  it('fails a bucket that never had versioning', () => {
    expect(evaluate(versioning, bucket('app-data', { versioning: ok({ status: 'Disabled', mfaDelete: false }) })).statusDetail).toBe('Versioning has never been enabled');
  });

  it('is unknown when versioning could not be read', () => {
    expect(evaluate(versioning, bucket('app-data', { versioning: failed() })).status).toBe('unknown');
  });
});

describe('aws-s3-bucket-access-logging', () => {
  it('passes naming the log destination', () => {
    expect(evaluate(accessLogging, bucket()).statusDetail).toBe('Server access logs go to s3://access-logs/app-data/');
  });

  it('fails when logging is off', () => {
    expect(evaluate(accessLogging, bucket('app-data', { logging: ok(null) }))).toMatchObject({ status: 'fail', statusDetail: 'Server access logging is not enabled' });
  });

  it('is unknown when logging could not be read', () => {
    expect(evaluate(accessLogging, bucket('app-data', { logging: failed() })).status).toBe('unknown');
  });
});

describe('aws-s3-bucket-default-encryption', () => {
  it('passes a bucket with no configuration: S3 applies SSE-S3 by default', () => {
    const result = evaluate(defaultEncryption, bucket('app-data', { encryption: ok(null) }));
    expect(result.status).toBe('pass');
    expect(result.statusDetail).toBe('No default encryption configuration: S3 encrypts new objects with SSE-S3 (AES-256) by default since 2023-01-05');
  });

  it('notes that objects in an older bucket may predate the default', () => {
    const result = evaluate(defaultEncryption, bucket('app-data', { encryption: ok(null), createdAt: '2019-06-01T00:00:00.000Z' }));
    expect(result.status).toBe('pass');
    expect(result.statusDetail).toContain('objects written before then may be unencrypted');
  });

  it('passes SSE-S3', () => {
    expect(evaluate(defaultEncryption, bucket('app-data', { encryption: ok({ algorithm: 'AES256', kmsKeyId: null, bucketKeyEnabled: false }) })).statusDetail).toBe(
      'Default encryption: SSE-S3 (AES-256, keys managed by S3)',
    );
  });

  it('fails a rule with an algorithm S3 does not apply', () => {
    expect(evaluate(defaultEncryption, bucket('app-data', { encryption: ok({ algorithm: '', kmsKeyId: null, bucketKeyEnabled: false }) })).status).toBe('fail');
  });

  it('is unknown when encryption could not be read', () => {
    expect(evaluate(defaultEncryption, bucket('app-data', { encryption: failed() })).status).toBe('unknown');
  });
});

describe('aws-s3-bucket-default-encryption-kms', () => {
  it('passes SSE-KMS with the AWS managed key', () => {
    expect(evaluate(defaultEncryptionKms, bucket('app-data', { encryption: ok({ algorithm: 'aws:kms', kmsKeyId: null, bucketKeyEnabled: false }) }))).toMatchObject({
      status: 'pass',
      statusDetail: 'Default encryption: SSE-KMS with the AWS managed key aws/s3',
    });
  });

  it('fails SSE-S3', () => {
    expect(evaluate(defaultEncryptionKms, bucket('app-data', { encryption: ok({ algorithm: 'AES256', kmsKeyId: null, bucketKeyEnabled: false }) })).status).toBe('fail');
  });

  it('fails a bucket with no configuration (the SSE-S3 default)', () => {
    expect(evaluate(defaultEncryptionKms, bucket('app-data', { encryption: ok(null) })).status).toBe('fail');
  });

  it('is unknown when encryption could not be read', () => {
    expect(evaluate(defaultEncryptionKms, bucket('app-data', { encryption: failed() })).status).toBe('unknown');
  });
});
