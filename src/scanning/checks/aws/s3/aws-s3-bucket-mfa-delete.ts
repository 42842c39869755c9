import { defineAwsCheck, fail, pass } from '../lib/helpers.js';
import { bucketSetting, bucketTags, forEachBucket } from './buckets.js';

/** CIS 2.1.2 (manual in CIS, but GetBucketVersioning answers it). Low: it needs the root user to manage. */
export const check = defineAwsCheck(
  {
    id: 'aws-s3-bucket-mfa-delete',
    title: 'S3 bucket does not have MFA delete enabled',
    service: 's3',
    resourceType: 'AWS::S3::Bucket',
    severity: 'low',
    description:
      'Checks that MFA delete is enabled in the bucket versioning configuration, so that deleting an object version or changing the versioning state requires the root user\'s MFA code.',
    risk: 'Stolen credentials with delete permissions can permanently destroy object versions, defeating versioning as a protection against ransomware and mistakes.',
    remediation: {
      text: 'Enable versioning with MFA delete, signed in as the root user with its MFA device (MFA delete cannot be enabled by IAM users or from the console). Where root use is not acceptable, use S3 Object Lock instead.',
      cli: 'aws s3api put-bucket-versioning --bucket <BUCKET_NAME> --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa "arn:aws:iam::<ACCOUNT_ID>:mfa/root-account-mfa-device <MFA_CODE>"',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html',
    },
    compliance: {
      'cis-aws-5.0': ['2.1.2'],
      soc2: ['CC6.1', 'A1.2'],
      'iso27001-2022': ['A.8.13'],
      'nist-800-53-r5': ['CP-9', 'IA-2(1)'],
      'nist-csf-2.0': ['PR.DS-11'],
      hipaa: ['164.308(a)(7)(ii)(A)'],
      gdpr: ['Art.32'],
    },
    needs: ['s3.buckets'],
  },
  (snapshot) =>
    forEachBucket(snapshot, (bucket) => {
      const got = bucketSetting(bucket, bucket.versioning);
      if ('result' in got) return got.result;
      const tags = bucketTags(bucket);
      if (got.value.mfaDelete) return pass(bucket.arn, bucket.region, 'MFA delete is enabled', tags);
      return fail(bucket.arn, bucket.region, `MFA delete is not enabled (versioning is ${got.value.status})`, tags);
    }),
);
