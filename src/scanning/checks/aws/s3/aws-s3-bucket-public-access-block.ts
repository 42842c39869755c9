import { defineAwsCheck, fail, pass, unknown } from '../lib/helpers.js';
import { settingsOff } from './block-public-access.js';
import { bucketSetting, bucketTags, forEachBucket } from './buckets.js';

/**
 * CIS 2.1.4 at bucket level. A bucket whose own settings are incomplete passes when the account-level
 * Block Public Access has all four settings on, since that covers every bucket (as CIS allows).
 */
export const check = defineAwsCheck(
  {
    id: 'aws-s3-bucket-public-access-block',
    title: 'S3 bucket does not have Block Public Access fully enabled',
    service: 's3',
    resourceType: 'AWS::S3::Bucket',
    severity: 'medium',
    description:
      'Checks that all four Block Public Access settings (BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets) are on for the bucket, or for the whole account.',
    risk: 'Without Block Public Access a single mistaken ACL or policy change makes the bucket public; Block Public Access is the guard rail that overrides such mistakes.',
    remediation: {
      text: 'Turn on all four Block Public Access settings for the bucket (or for the account, which covers every bucket). Buckets that must serve public content should do so through CloudFront with Origin Access Control.',
      cli: 'aws s3api put-public-access-block --bucket <BUCKET_NAME> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-bucket.html',
    },
    compliance: {
      'cis-aws-5.0': ['2.1.4'],
      soc2: ['CC6.1', 'CC6.6'],
      'iso27001-2022': ['A.5.15', 'A.8.3'],
      'nist-800-53-r5': ['AC-3', 'AC-21', 'SC-7'],
      'nist-csf-2.0': ['PR.AA-05', 'PR.DS-01'],
      'pci-dss-4.0': ['1.4.1'],
      hipaa: ['164.312(a)(1)'],
      gdpr: ['Art.25', 'Art.32'],
    },
    needs: ['s3.buckets', 's3.accountPublicAccessBlock'],
  },
  (snapshot) => {
    // The account's configuration is the same for every bucket: read once.
    const account = snapshot.parts['s3.accountPublicAccessBlock'];
    const accountUnreadable = !account ? 's3.accountPublicAccessBlock was not collected' : account.ok ? null : account.error;
    const accountCoversAll = account?.ok === true && settingsOff(account.value).length === 0;
    return forEachBucket(snapshot, (bucket) => {
      const got = bucketSetting(bucket, bucket.publicAccessBlock);
      if ('result' in got) return got.result;
      const tags = bucketTags(bucket);
      const off = settingsOff(got.value);
      if (off.length === 0) return pass(bucket.arn, bucket.region, 'All four Block Public Access settings are on for the bucket', tags);

      const bucketState = got.value ? `Bucket-level Block Public Access has ${off.join(', ')} off` : 'The bucket has no Block Public Access configuration';
      if (accountUnreadable !== null) {
        return unknown(bucket.arn, bucket.region, `${bucketState}; could not tell whether account-level Block Public Access covers it: ${accountUnreadable}`, tags);
      }
      if (accountCoversAll) {
        return pass(bucket.arn, bucket.region, `${bucketState}, but all four settings are on for the account, which covers every bucket`, tags);
      }
      return fail(bucket.arn, bucket.region, `${bucketState}, and account-level Block Public Access does not cover it`, tags);
    });
  },
);
