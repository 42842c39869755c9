import { defineAwsCheck, fail, pass } from '../lib/helpers.js';
import { bucketSetting, bucketTags, forEachBucket } from './buckets.js';

export const check = defineAwsCheck(
  {
    id: 'aws-s3-bucket-versioning',
    title: 'S3 bucket does not have versioning enabled',
    service: 's3',
    resourceType: 'AWS::S3::Bucket',
    severity: 'medium',
    description: 'Checks that object versioning is enabled (not never enabled, and not suspended) on the bucket.',
    risk: 'Without versioning an overwritten or deleted object is gone: an accidental deletion, a faulty job or ransomware that overwrites objects cannot be undone.',
    remediation: {
      text: 'Enable versioning on the bucket, and add a lifecycle rule that expires noncurrent versions to control cost.',
      cli: 'aws s3api put-bucket-versioning --bucket <BUCKET_NAME> --versioning-configuration Status=Enabled',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html',
    },
    compliance: {
      soc2: ['A1.2', 'CC7.5'],
      'iso27001-2022': ['A.8.13'],
      'nist-800-53-r5': ['CP-9', 'CP-10'],
      'nist-csf-2.0': ['PR.DS-11'],
      hipaa: ['164.308(a)(7)(ii)(A)', '164.312(c)(1)'],
      gdpr: ['Art.32'],
    },
    needs: ['s3.buckets'],
  },
  (snapshot) =>
    forEachBucket(snapshot, (bucket) => {
      const got = bucketSetting(bucket, bucket.versioning);
      if ('result' in got) return got.result;
      const tags = bucketTags(bucket);
      switch (got.value.status) {
        case 'Enabled':
          return pass(bucket.arn, bucket.region, 'Versioning is enabled', tags);
        case 'Suspended':
          return fail(bucket.arn, bucket.region, 'Versioning is suspended: new writes overwrite objects without keeping versions', tags);
        case 'Disabled':
          return fail(bucket.arn, bucket.region, 'Versioning has never been enabled', tags);
      }
    }),
);
