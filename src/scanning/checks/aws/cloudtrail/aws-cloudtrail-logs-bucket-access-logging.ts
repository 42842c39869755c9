import { defineAwsCheck, fail, pass } from '../lib/helpers.js';
import { bucketSetting, bucketTags } from '../s3/buckets.js';
import { forEachLogBucket, trailNames } from './log-buckets.js';

/** CIS 3.4: one result per log bucket, with the trails that use it. */
export const check = defineAwsCheck(
  {
    id: 'aws-cloudtrail-logs-bucket-access-logging',
    title: 'S3 bucket holding CloudTrail logs does not have server access logging enabled',
    service: 'cloudtrail',
    resourceType: 'AWS::S3::Bucket',
    severity: 'medium',
    description: 'Checks that server access logging is enabled on the S3 bucket each CloudTrail trail delivers to.',
    risk: 'Without access logs on the log bucket there is no record of who read, changed or deleted the audit logs themselves.',
    remediation: {
      text: 'Enable server access logging on the CloudTrail log bucket, delivering to a separate bucket.',
      cli: 'aws s3api put-bucket-logging --bucket <LOG_BUCKET_NAME> --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"<ACCESS_LOG_BUCKET_NAME>","TargetPrefix":"<LOG_BUCKET_NAME>/"}}\'',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html',
    },
    compliance: {
      'cis-aws-5.0': ['3.4'],
      soc2: ['CC7.2'],
      'iso27001-2022': ['A.8.15'],
      'nist-800-53-r5': ['AU-2', 'AU-9', 'AU-12'],
      'nist-csf-2.0': ['PR.PS-04', 'DE.CM-09'],
      'pci-dss-4.0': ['10.2.1', '10.3.2'],
      hipaa: ['164.312(b)'],
      gdpr: ['Art.32'],
    },
    needs: ['cloudtrail.trails', 's3.buckets'],
  },
  (snapshot) =>
    forEachLogBucket(snapshot, (bucket, trails) => {
      const got = bucketSetting(bucket, bucket.logging);
      if ('result' in got) return got.result;
      const tags = bucketTags(bucket);
      const about = `Log bucket of ${trailNames(trails)}`;
      if (!got.value) return fail(bucket.arn, bucket.region, `${about}: server access logging is not enabled`, tags);
      return pass(bucket.arn, bucket.region, `${about}: server access logs go to s3://${got.value.targetBucket}/${got.value.targetPrefix}`, tags);
    }),
);
