import { accountArn, defineAwsCheck, fail, pass, withGlobal } from '../lib/helpers.js';
import { settingsOff } from './block-public-access.js';

/** CIS 2.1.4 at account level: one result for the account (its ARN, region `global`). */
export const check = defineAwsCheck(
  {
    id: 'aws-s3-account-public-access-block',
    title: 'S3 account-level Block Public Access is not fully enabled',
    service: 's3',
    resourceType: 'AWS::::Account',
    severity: 'high',
    description:
      'Checks that all four account-level S3 Block Public Access settings (BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets) are on, so that no bucket in the account can be made public.',
    risk: 'Without the account-wide guard rail every bucket depends on its own settings; one new bucket or one mistaken change is enough to expose data.',
    remediation: {
      text: 'Turn on all four Block Public Access settings for the account. Serve public content through CloudFront with Origin Access Control instead of public buckets.',
      cli: 'aws s3control put-public-access-block --account-id <ACCOUNT_ID> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html',
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
    needs: ['s3.accountPublicAccessBlock'],
  },
  (snapshot) =>
    withGlobal(snapshot, 's3.accountPublicAccessBlock', (block) => {
      const account = accountArn(snapshot);
      const off = settingsOff(block);
      if (off.length === 0) return [pass(account, 'global', 'All four account-level Block Public Access settings are on')];
      if (!block) return [fail(account, 'global', 'The account has no Block Public Access configuration')];
      return [fail(account, 'global', `Account-level Block Public Access has ${off.join(', ')} off`)];
    }),
);
