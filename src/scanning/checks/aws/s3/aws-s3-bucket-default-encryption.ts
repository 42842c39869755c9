import { defineAwsCheck, fail, pass } from '../lib/helpers.js';
import { bucketSetting, bucketTags, forEachBucket } from './buckets.js';
import { describeEncryption, KNOWN_ALGORITHMS, SSE_S3_DEFAULT_SINCE } from './default-encryption.js';

/**
 * Info: since January 2023 S3 encrypts every new object with SSE-S3 even without a configuration, so
 * "no configuration" passes (noting that objects written earlier to an older bucket may be
 * unencrypted). Only a rule S3 would not recognise fails. KMS is a separate, stricter check.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-s3-bucket-default-encryption',
    title: 'S3 bucket has no valid default encryption',
    service: 's3',
    resourceType: 'AWS::S3::Bucket',
    severity: 'info',
    description:
      'Checks that new objects in the bucket are encrypted at rest: by its default encryption rule (SSE-S3, SSE-KMS or DSSE-KMS), or by the SSE-S3 default S3 has applied to all buckets since January 2023.',
    risk: 'Objects stored unencrypted are readable from the underlying storage media and backups outside the controls of S3 encryption.',
    remediation: {
      text: 'Set a default encryption rule on the bucket, preferably SSE-KMS with a customer managed key and S3 Bucket Keys.',
      cli: 'aws s3api put-bucket-encryption --bucket <BUCKET_NAME> --server-side-encryption-configuration \'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}\'',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html',
    },
    compliance: {
      soc2: ['CC6.1'],
      'iso27001-2022': ['A.8.24'],
      'nist-800-53-r5': ['SC-28', 'SC-28(1)'],
      'nist-csf-2.0': ['PR.DS-01'],
      'pci-dss-4.0': ['3.5.1'],
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
      if (!got.value) {
        const older = bucket.createdAt !== null && bucket.createdAt < SSE_S3_DEFAULT_SINCE ? '; objects written before then may be unencrypted' : '';
        return pass(bucket.arn, bucket.region, `No default encryption configuration: S3 encrypts new objects with SSE-S3 (AES-256) by default since ${SSE_S3_DEFAULT_SINCE}${older}`, tags);
      }
      if (!KNOWN_ALGORITHMS.has(got.value.algorithm)) {
        return fail(bucket.arn, bucket.region, `The default encryption rule names an unrecognised algorithm ${describeEncryption(got.value)}`, tags);
      }
      return pass(bucket.arn, bucket.region, `Default encryption: ${describeEncryption(got.value)}`, tags);
    }),
);
