import { defineAwsCheck, fail, pass, unknown } from '../lib/helpers.js';
import { aclExposure, policyExposure } from '../s3/bucket-exposure.js';
import { bucketTags } from '../s3/buckets.js';
import { forEachLogBucket, trailNames } from './log-buckets.js';

/**
 * The bucket a trail delivers to is public through its ACL or its policy (with the same Block Public
 * Access reasoning as the S3 checks). One result per log bucket, with the trails that use it.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-cloudtrail-logs-bucket-public',
    title: 'S3 bucket holding CloudTrail logs is publicly accessible',
    service: 'cloudtrail',
    resourceType: 'AWS::S3::Bucket',
    severity: 'critical',
    description:
      'Checks that the S3 bucket each CloudTrail trail delivers to is not public through its ACL (AllUsers / AuthenticatedUsers grants) or its bucket policy, after Block Public Access and Object Ownership are taken into account.',
    risk: 'Public CloudTrail logs reveal the account\'s resources, principals and activity to attackers, and a writable log bucket lets them plant or destroy evidence.',
    remediation: {
      text: 'Remove the public ACL grants and public policy statements from the log bucket and turn on all four Block Public Access settings for it.',
      cli: 'aws s3api put-public-access-block --bucket <LOG_BUCKET_NAME> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
      url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html',
    },
    compliance: {
      soc2: ['CC6.1', 'CC7.2'],
      'iso27001-2022': ['A.8.3', 'A.8.15'],
      'nist-800-53-r5': ['AU-9', 'AC-3', 'AC-6'],
      'nist-csf-2.0': ['PR.AA-05', 'PR.DS-01'],
      'pci-dss-4.0': ['10.3.2'],
      hipaa: ['164.312(b)', '164.312(a)(1)'],
      gdpr: ['Art.32'],
    },
    needs: ['cloudtrail.trails', 's3.buckets', 's3.accountPublicAccessBlock'],
  },
  (snapshot) =>
    forEachLogBucket(snapshot, (bucket, trails) => {
      const exposures = [aclExposure(snapshot, bucket), policyExposure(snapshot, bucket)];
      const tags = bucketTags(bucket);
      const about = `Log bucket of ${trailNames(trails)}`;
      const publicOnes = exposures.filter((exposure) => exposure.status === 'public');
      if (publicOnes.length > 0) {
        return fail(bucket.arn, bucket.region, `${about}. ${publicOnes.map((exposure) => exposure.detail).join('; ')}`, { ...tags, exposed: true });
      }
      const unknownOnes = exposures.filter((exposure) => exposure.status === 'unknown');
      if (unknownOnes.length > 0) return unknown(bucket.arn, bucket.region, `${about}. ${unknownOnes.map((exposure) => exposure.detail).join('; ')}`, tags);
      return pass(bucket.arn, bucket.region, `${about}. ${exposures.map((exposure) => exposure.detail).join('; ')}`, tags);
    }),
);
