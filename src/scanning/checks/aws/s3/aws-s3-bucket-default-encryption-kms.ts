import { defineAwsCheck, fail, pass } from '../lib/helpers.js';
import { bucketSetting, bucketTags, forEachBucket } from './buckets.js';
import { describeEncryption, KMS_ALGORITHMS } from './default-encryption.js';

/** Low: SSE-S3 already encrypts at rest; KMS adds key policies, CloudTrail records of key use and revocation. */
export const check = defineAwsCheck(
  {
    id: 'aws-s3-bucket-default-encryption-kms',
    title: 'S3 bucket default encryption does not use a KMS key',
    service: 's3',
    resourceType: 'AWS::S3::Bucket',
    severity: 'low',
    description: 'Checks that the bucket\'s default encryption is SSE-KMS or DSSE-KMS rather than SSE-S3 (S3-managed keys).',
    risk: 'With SSE-S3 anyone with s3:GetObject can read the data; a KMS key adds a second, separately audited permission (kms:Decrypt), logs every use of the key, and lets you revoke access to the data by disabling the key.',
    remediation: {
      text: 'Set the default encryption to SSE-KMS with a customer managed key and enable S3 Bucket Keys to reduce KMS request costs.',
      cli: 'aws s3api put-bucket-encryption --bucket <BUCKET_NAME> --server-side-encryption-configuration \'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"<KMS_KEY_ARN>"},"BucketKeyEnabled":true}]}\'',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html',
    },
    compliance: {
      soc2: ['CC6.1'],
      'iso27001-2022': ['A.8.24'],
      'nist-800-53-r5': ['SC-12', 'SC-28(1)'],
      'nist-csf-2.0': ['PR.DS-01'],
      'pci-dss-4.0': ['3.5.1', '3.6.1'],
      hipaa: ['164.312(a)(2)(iv)'],
      gdpr: ['Art.32'],
    },
    needs: ['s3.buckets'],
  },
  (snapshot) =>
    forEachBucket(snapshot, (bucket) => {
      const got = bucketSetting(bucket, bucket.encryption);
      if ('result' in got) return got.result;
      const tags = bucketTags(bucket);
      if (!got.value) return fail(bucket.arn, bucket.region, 'No default encryption configuration: new objects get the SSE-S3 default, not a KMS key', tags);
      if (KMS_ALGORITHMS.has(got.value.algorithm)) return pass(bucket.arn, bucket.region, `Default encryption: ${describeEncryption(got.value)}`, tags);
      return fail(bucket.arn, bucket.region, `Default encryption is ${describeEncryption(got.value)}, not a KMS key`, tags);
    }),
);
