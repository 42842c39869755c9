import { defineAwsCheck, fail, pass, unknown } from '../lib/helpers.js';
import { aclExposure } from './bucket-exposure.js';
import { bucketTags, forEachBucket } from './buckets.js';

/**
 * Fails a bucket whose ACL grants anything to AllUsers or AuthenticatedUsers (any AWS account), unless
 * IgnorePublicAcls (bucket or account) or Object Ownership `BucketOwnerEnforced` makes S3 ignore it.
 * Public write grants also fail the critical `aws-s3-bucket-public-write-acl`.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-s3-bucket-public-acl',
    title: 'S3 bucket is publicly readable or writable through its ACL',
    service: 's3',
    resourceType: 'AWS::S3::Bucket',
    severity: 'high',
    description:
      'Checks whether the bucket ACL grants any permission to the AllUsers group (anyone on the internet) or the AuthenticatedUsers group (anyone with an AWS account) and is not neutralised by Block Public Access (IgnorePublicAcls) or by disabling ACLs (Object Ownership BucketOwnerEnforced).',
    risk: 'Anyone can list the bucket or read its ACL, and with WRITE or FULL_CONTROL can plant, overwrite or delete objects. Public ACLs are a leading cause of S3 data leaks.',
    remediation: {
      text: 'Disable ACLs by setting Object Ownership to BucketOwnerEnforced (grant access through the bucket policy instead), and turn on Block Public Access for the bucket and the account.',
      cli: 'aws s3api put-bucket-ownership-controls --bucket <BUCKET_NAME> --ownership-controls "Rules=[{ObjectOwnership=BucketOwnerEnforced}]" && aws s3api put-public-access-block --bucket <BUCKET_NAME> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html',
    },
    compliance: {
      soc2: ['CC6.1', 'CC6.6'],
      'iso27001-2022': ['A.5.15', 'A.8.3'],
      'nist-800-53-r5': ['AC-3', 'AC-6', 'AC-21', 'SC-7'],
      'nist-csf-2.0': ['PR.AA-05', 'PR.DS-01'],
      'pci-dss-4.0': ['1.4.1', '7.2.1'],
      hipaa: ['164.312(a)(1)'],
      gdpr: ['Art.32'],
    },
    needs: ['s3.buckets', 's3.accountPublicAccessBlock'],
  },
  (snapshot) =>
    forEachBucket(snapshot, (bucket) => {
      const exposure = aclExposure(snapshot, bucket);
      const tags = bucketTags(bucket);
      switch (exposure.status) {
        case 'public':
          return fail(bucket.arn, bucket.region, exposure.detail, { ...tags, exposed: true });
        case 'unknown':
          return unknown(bucket.arn, bucket.region, exposure.detail, tags);
        case 'neutralised':
        case 'private':
          return pass(bucket.arn, bucket.region, exposure.detail, tags);
      }
    }),
);
