import { defineAwsCheck, fail, pass } from '../lib/helpers.js';
import { deniesInsecureTransport } from '../lib/policy.js';
import { bucketSetting, bucketTags, forEachBucket } from './buckets.js';

/** CIS 2.1.1: the bucket policy must deny requests made without TLS (aws:SecureTransport false). */
export const check = defineAwsCheck(
  {
    id: 'aws-s3-bucket-secure-transport',
    title: 'S3 bucket policy does not deny requests over plain HTTP',
    service: 's3',
    resourceType: 'AWS::S3::Bucket',
    severity: 'medium',
    description:
      'Checks that the bucket policy has a Deny statement for all principals and S3 actions when aws:SecureTransport is false, so that every request must use HTTPS.',
    risk: 'Requests over plain HTTP expose data and request signatures in transit to anyone on the network path, and allow tampering with objects being uploaded or downloaded.',
    remediation: {
      text: 'Add a statement to the bucket policy that denies "s3:*" on the bucket and its objects to Principal "*" when "aws:SecureTransport" is "false".',
      cli: 'aws s3api put-bucket-policy --bucket <BUCKET_NAME> --policy \'{"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::<BUCKET_NAME>","arn:aws:s3:::<BUCKET_NAME>/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}\'',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit',
    },
    compliance: {
      'cis-aws-5.0': ['2.1.1'],
      soc2: ['CC6.7'],
      'iso27001-2022': ['A.8.24'],
      'nist-800-53-r5': ['SC-8', 'SC-8(1)'],
      'nist-csf-2.0': ['PR.DS-02'],
      'pci-dss-4.0': ['4.2.1'],
      hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
      gdpr: ['Art.32'],
    },
    needs: ['s3.buckets'],
  },
  (snapshot) =>
    forEachBucket(snapshot, (bucket) => {
      const got = bucketSetting(bucket, bucket.policy);
      if ('result' in got) return got.result;
      const tags = bucketTags(bucket);
      if (!got.value) return fail(bucket.arn, bucket.region, 'The bucket has no bucket policy, so nothing denies requests over HTTP', tags);
      if (deniesInsecureTransport(got.value, bucket.arn)) {
        return pass(bucket.arn, bucket.region, 'The bucket policy denies requests where aws:SecureTransport is false', tags);
      }
      return fail(bucket.arn, bucket.region, 'The bucket policy has no Deny statement for requests where aws:SecureTransport is false', tags);
    }),
);
