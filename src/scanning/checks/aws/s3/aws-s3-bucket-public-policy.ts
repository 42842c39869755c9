import { defineAwsCheck, fail, pass, unknown } from '../lib/helpers.js';
import { policyExposure } from './bucket-exposure.js';
import { bucketTags, forEachBucket } from './buckets.js';

/**
 * Fails a bucket whose policy allows everyone (Principal `*`) without a restricting condition, unless
 * RestrictPublicBuckets (bucket or account) neutralises it. The verdict is this project's policy
 * analysis; S3's own GetBucketPolicyStatus is quoted in the detail when it disagrees.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-s3-bucket-public-policy',
    title: 'S3 bucket is public through its bucket policy',
    service: 's3',
    resourceType: 'AWS::S3::Bucket',
    severity: 'critical',
    description:
      'Checks whether the bucket policy has an Allow statement for everyone (Principal "*" or {"AWS": "*"}) that no condition restricts to specific VPCs, VPC endpoints, IP ranges, organizations, accounts or source ARNs, and whether RestrictPublicBuckets neutralises it.',
    risk: 'Anyone on the internet can perform the allowed actions: read every object, list the bucket, or write and delete objects, depending on the statement.',
    remediation: {
      text: 'Remove or restrict the public statements (name the principals, or add an aws:SourceVpce, aws:PrincipalOrgID or aws:SourceArn condition), serve public content through CloudFront with Origin Access Control, and turn on Block Public Access.',
      cli: 'aws s3api put-public-access-block --bucket <BUCKET_NAME> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status',
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
      const exposure = policyExposure(snapshot, bucket);
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
