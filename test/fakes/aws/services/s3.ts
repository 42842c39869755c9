/**
 * S3 (restXml, path-style) and S3 Control. Like real S3, a bucket answers only in its own region
 * (301 PermanentRedirect with x-amz-bucket-region elsewhere) — except GetBucketLocation, which
 * works from anywhere.
 */
import type { PublicAccessBlock } from '../../../../src/scanning/providers/aws/snapshot.js';
import type { FakeBucket } from '../model.js';
import { paginate } from '../paging.js';
import { FakeError, xmlResult, type FakeRequest, type FakeResponse } from '../wire.js';
import { escapeXml, type XmlObject } from '../xml.js';
import type { Handler } from './context.js';

const SUBRESOURCES: Record<string, string> = {
  acl: 'GetBucketAcl',
  policy: 'GetBucketPolicy',
  policyStatus: 'GetBucketPolicyStatus',
  publicAccessBlock: 'GetPublicAccessBlock',
  encryption: 'GetBucketEncryption',
  versioning: 'GetBucketVersioning',
  logging: 'GetBucketLogging',
  ownershipControls: 'GetBucketOwnershipControls',
  tagging: 'GetBucketTagging',
  location: 'GetBucketLocation',
};

/** The operation a path-style S3 request asks for. */
export function s3Operation(method: string, path: string, query: URLSearchParams): { operation: string; bucket: string | undefined } {
  if (path.startsWith('/v20180820/configuration/publicAccessBlock') && method === 'GET') return { operation: 'GetPublicAccessBlock', bucket: undefined };
  const bucket = decodeURIComponent(path.split('/')[1] ?? '') || undefined;
  if (!bucket) return { operation: method === 'GET' ? 'ListBuckets' : 'Unknown', bucket };
  const sub = Object.keys(SUBRESOURCES).find((key) => query.has(key));
  return { operation: method === 'GET' && sub ? (SUBRESOURCES[sub] ?? 'Unknown') : 'Unknown', bucket };
}

const pab = (c: PublicAccessBlock): XmlObject => ({
  BlockPublicAcls: c.blockPublicAcls,
  IgnorePublicAcls: c.ignorePublicAcls,
  BlockPublicPolicy: c.blockPublicPolicy,
  RestrictPublicBuckets: c.restrictPublicBuckets,
});

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

function bucketOperation(req: FakeRequest, bucket: FakeBucket, ownerId: string): FakeResponse {
  const notFound = (code: string, message: string) => new FakeError(404, code, message);
  switch (req.operation) {
    case 'GetBucketLocation': {
      const constraint = bucket.locationConstraint ?? (bucket.region === 'us-east-1' ? '' : bucket.region);
      return {
        status: 200,
        headers: { 'content-type': 'application/xml' },
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${escapeXml(constraint)}</LocationConstraint>`,
      };
    }
    case 'GetBucketAcl':
      return xmlResult('AccessControlPolicy', {
        Owner: { ID: ownerId, DisplayName: 'owner' },
        AccessControlList: {
          Grant: bucket.grants.map((g) => ({
            Grantee: { '@xmlns:xsi': XSI, '@xsi:type': g.type, ID: g.id, URI: g.uri, EmailAddress: g.email },
            Permission: g.permission,
          })),
        },
      });
    case 'GetBucketPolicy':
      if (!bucket.policy) throw notFound('NoSuchBucketPolicy', 'The bucket policy does not exist');
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(bucket.policy) };
    case 'GetBucketPolicyStatus':
      if (!bucket.policy) throw notFound('NoSuchBucketPolicy', 'The bucket policy does not exist');
      return xmlResult('PolicyStatus', { IsPublic: bucket.policyIsPublic ?? false });
    case 'GetPublicAccessBlock':
      if (!bucket.publicAccessBlock) throw notFound('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found');
      return xmlResult('PublicAccessBlockConfiguration', pab(bucket.publicAccessBlock));
    case 'GetBucketEncryption':
      if (!bucket.encryption) throw notFound('ServerSideEncryptionConfigurationNotFoundError', 'The server side encryption configuration was not found');
      return xmlResult('ServerSideEncryptionConfiguration', {
        Rule: {
          ApplyServerSideEncryptionByDefault: { SSEAlgorithm: bucket.encryption.algorithm, KMSMasterKeyID: bucket.encryption.kmsKeyId },
          BucketKeyEnabled: bucket.encryption.bucketKeyEnabled ?? false,
        },
      });
    case 'GetBucketVersioning':
      return xmlResult(
        'VersioningConfiguration',
        bucket.versioning ? { Status: bucket.versioning.status, MfaDelete: bucket.versioning.mfaDelete ? 'Enabled' : 'Disabled' } : {},
      );
    case 'GetBucketLogging':
      return xmlResult('BucketLoggingStatus', bucket.logging ? { LoggingEnabled: { TargetBucket: bucket.logging.targetBucket, TargetPrefix: bucket.logging.targetPrefix } } : {});
    case 'GetBucketOwnershipControls':
      if (!bucket.ownership) throw notFound('OwnershipControlsNotFoundError', 'The bucket ownership controls were not found');
      return xmlResult('OwnershipControls', { Rule: { ObjectOwnership: bucket.ownership } });
    case 'GetBucketTagging':
      if (!bucket.tags || Object.keys(bucket.tags).length === 0) throw notFound('NoSuchTagSet', 'The TagSet does not exist');
      return xmlResult('Tagging', { TagSet: { Tag: Object.entries(bucket.tags).map(([Key, Value]) => ({ Key, Value })) } });
    default:
      throw new FakeError(405, 'MethodNotAllowed', `The fake does not implement ${req.method} ${req.path}`);
  }
}

export const handleS3: Handler = (req, ctx) => {
  const { s3 } = ctx.account;
  if (req.operation === 'ListBuckets') {
    // Real S3 pages, and names each bucket's region, only when the request has a parameter.
    const paged = ['max-buckets', 'continuation-token', 'prefix', 'bucket-region'].some((p) => req.query.has(p));
    const result = paged
      ? paginate(s3.buckets, 'ListBuckets', req.query.get('continuation-token'), req.query.get('max-buckets'), { defaultSize: 10_000, min: 1, max: 10_000, invalidCode: 'InvalidArgument' }, ctx.pageSizeCap)
      : { items: s3.buckets, next: undefined };
    return xmlResult('ListAllMyBucketsResult', {
      Owner: { ID: s3.ownerId, DisplayName: 'owner' },
      Buckets: {
        Bucket: result.items.map((b) => ({ Name: b.name, CreationDate: b.createdAt, BucketRegion: paged && !s3.listBucketsOmitsRegion ? b.region : undefined })),
      },
      ContinuationToken: result.next,
    });
  }
  const bucket = s3.buckets.find((b) => b.name === req.bucket);
  if (!bucket) throw new FakeError(404, 'NoSuchBucket', 'The specified bucket does not exist');
  if (req.operation !== 'GetBucketLocation' && req.region !== bucket.region) {
    throw new FakeError(301, 'PermanentRedirect', 'The bucket you are attempting to access must be addressed using the specified endpoint.', {
      'x-amz-bucket-region': bucket.region,
    });
  }
  return bucketOperation(req, bucket, s3.ownerId);
};

export const handleS3Control: Handler = (req, ctx) => {
  if (req.operation !== 'GetPublicAccessBlock') throw new FakeError(405, 'MethodNotAllowed', 'not implemented');
  if (req.headers['x-amz-account-id'] !== ctx.account.accountId) throw new FakeError(403, 'AccessDenied', 'Access Denied');
  const config = ctx.account.s3.accountPublicAccessBlock;
  if (!config) throw new FakeError(404, 'NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found');
  return xmlResult('PublicAccessBlockConfiguration', pab(config), 'http://awss3control.amazonaws.com/doc/2018-08-20/');
};
