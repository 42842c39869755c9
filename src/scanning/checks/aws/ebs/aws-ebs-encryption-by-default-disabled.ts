import { collectedIn, defineAwsCheck, fail, pass, unknown } from '../lib/helpers.js';
import { ec2Arn } from '../lib/network.js';

/**
 * CIS 5.1.1, the region setting: fails a region where EBS encryption by default is off. One result per
 * scanned region, including when the setting could not be read; the resource is the region's setting,
 * `arn:<partition>:ec2:<region>:<account>:ebs-encryption-by-default` (not a real AWS ARN: the setting
 * has none; this keeps one stable id per account and region for pass, fail and unknown alike).
 */
export const check = defineAwsCheck(
  {
    id: 'aws-ebs-encryption-by-default-disabled',
    title: 'EBS encryption by default is disabled in the region',
    service: 'ebs',
    resourceType: 'AWS::::Account',
    severity: 'medium',
    description: 'Checks that EBS encryption by default is enabled in every scanned region, so that every new volume and snapshot copy is encrypted.',
    risk: 'Without the default, any volume created by a person, template or tool that forgets to ask for encryption is stored unencrypted, and its snapshots and AMIs copy the data in the clear.',
    remediation: {
      text: 'Enable EBS encryption by default in every region (optionally choosing a customer-managed KMS key), and re-create existing unencrypted volumes from encrypted snapshot copies.',
      cli: 'aws ec2 enable-ebs-encryption-by-default --region <REGION>',
      url: 'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html',
    },
    compliance: {
      'cis-aws-5.0': ['5.1.1'],
      soc2: ['CC6.1', 'CC6.7'],
      'iso27001-2022': ['A.8.24'],
      'nist-800-53-r5': ['SC-28', 'SC-28(1)'],
      'nist-csf-2.0': ['PR.DS-01'],
      'pci-dss-4.0': ['3.5.1'],
      hipaa: ['164.312(a)(2)(iv)'],
      gdpr: ['Art.32'],
    },
    needs: ['ec2.ebsEncryptionByDefault'],
  },
  (snapshot) =>
    snapshot.regions.map((region) => {
      const arn = ec2Arn(snapshot, region, 'ebs-encryption-by-default');
      const collected = collectedIn(snapshot, 'ec2.ebsEncryptionByDefault', region);
      if (!collected.ok) return unknown(arn, region, `Could not check: ${collected.error}`);
      return collected.value ? pass(arn, region, 'EBS encryption by default is enabled') : fail(arn, region, 'EBS encryption by default is disabled');
    }),
);
