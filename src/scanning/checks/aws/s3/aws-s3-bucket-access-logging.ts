import { defineAwsCheck, fail, pass } from '../lib/helpers.js';
import { bucketSetting, bucketTags, forEachBucket } from './buckets.js';

export const check = defineAwsCheck(
  {
    id: 'aws-s3-bucket-access-logging',
    title: 'S3 bucket does not have server access logging enabled',
    service: 's3',
    resourceType: 'AWS::S3::Bucket',
    severity: 'medium',
    description: 'Checks that S3 server access logging is enabled for the bucket, delivering a record of every request to a target bucket.',
    risk: 'Without access logs there is no record of who read, wrote or deleted which objects, so a data leak or tampering cannot be investigated or scoped.',
    remediation: {
      text: 'Enable server access logging to a dedicated logging bucket in the same region (or log S3 data events with CloudTrail).',
      cli: 'aws s3api put-bucket-logging --bucket <BUCKET_NAME> --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"<LOG_BUCKET_NAME>","TargetPrefix":"<BUCKET_NAME>/"}}\'',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html',
    },
    compliance: {
      soc2: ['CC7.2'],
      'iso27001-2022': ['A.8.15'],
      'nist-800-53-r5': ['AU-2', 'AU-3', 'AU-12'],
      'nist-csf-2.0': ['PR.PS-04', 'DE.CM-09'],
      'pci-dss-4.0': ['10.2.1'],
      hipaa: ['164.312(b)'],
      gdpr: ['Art.32'],
    },
    needs: ['s3.buckets'],
  },
  (snapshot) =>
    forEachBucket(snapshot, (bucket) => {
      const got = bucketSetting(bucket, bucket.logging);
      if ('result' in got) return got.result;
      const tags = bucketTags(bucket);
      if (!got.value) return fail(bucket.arn, bucket.region, 'Server access logging is not enabled', tags);
      return pass(bucket.arn, bucket.region, `Server access logs go to s3://${got.value.targetBucket}/${got.value.targetPrefix}`, tags);
    }),
);
