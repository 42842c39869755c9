import { defineAwsCheck, fail, pass, unknown } from '../lib/helpers.js';
import { aclExposure, isWriteGrant } from './bucket-exposure.js';
import { bucketTags, forEachBucket } from './buckets.js';

/**
 * The critical half of the public-ACL question: a public grant of WRITE, WRITE_ACP or FULL_CONTROL.
 * A separate check because a result carries no severity of its own, and "anyone can write" is worse
 * than "anyone can list" (which `aws-s3-bucket-public-acl` reports at high).
 */
export const check = defineAwsCheck(
  {
    id: 'aws-s3-bucket-public-write-acl',
    title: 'S3 bucket is publicly writable through its ACL',
    service: 's3',
    resourceType: 'AWS::S3::Bucket',
    severity: 'critical',
    description:
      'Checks whether the bucket ACL grants WRITE, WRITE_ACP or FULL_CONTROL to AllUsers or AuthenticatedUsers without Block Public Access (IgnorePublicAcls) or Object Ownership BucketOwnerEnforced neutralising it.',
    risk: 'Anyone can upload, overwrite or delete objects (malware hosting, data destruction, a surprise bill), or rewrite the ACL to take the bucket over.',
    remediation: {
      text: 'Remove the public grants at once: disable ACLs (Object Ownership BucketOwnerEnforced) and turn on Block Public Access for the bucket and the account; then review objects written by unknown principals.',
      cli: 'aws s3api put-bucket-acl --bucket <BUCKET_NAME> --acl private && aws s3api put-bucket-ownership-controls --bucket <BUCKET_NAME> --ownership-controls "Rules=[{ObjectOwnership=BucketOwnerEnforced}]"',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html',
    },
    compliance: {
      soc2: ['CC6.1', 'CC6.6'],
      'iso27001-2022': ['A.5.15', 'A.8.3'],
      'nist-800-53-r5': ['AC-3', 'AC-6', 'AC-21', 'SC-7'],
      'nist-csf-2.0': ['PR.AA-05', 'PR.DS-01'],
      'pci-dss-4.0': ['1.4.1', '7.2.1'],
      hipaa: ['164.312(a)(1)', '164.312(c)(1)'],
      gdpr: ['Art.32'],
    },
    needs: ['s3.buckets', 's3.accountPublicAccessBlock'],
  },
  (snapshot) =>
    forEachBucket(snapshot, (bucket) => {
      const exposure = aclExposure(snapshot, bucket);
      const tags = bucketTags(bucket);
      const writable = exposure.publicGrants.some(isWriteGrant);
      if (exposure.status === 'unknown' && (writable || !bucket.acl.ok)) return unknown(bucket.arn, bucket.region, exposure.detail, tags);
      if (exposure.status === 'public' && writable) return fail(bucket.arn, bucket.region, exposure.detail, { ...tags, exposed: true });
      if (writable) return pass(bucket.arn, bucket.region, exposure.detail, tags);
      return pass(bucket.arn, bucket.region, 'The bucket ACL grants no write permission (WRITE, WRITE_ACP, FULL_CONTROL) to AllUsers or AuthenticatedUsers', tags);
    }),
);
