import { defineAwsCheck, fail, pass } from '../lib/helpers.js';
import { accountTrails } from './trails.js';

/** CIS 3.5, one result per trail (reported in its home region). */
export const check = defineAwsCheck(
  {
    id: 'aws-cloudtrail-kms-encryption',
    title: 'CloudTrail trail logs are not encrypted with a KMS key',
    service: 'cloudtrail',
    resourceType: 'AWS::CloudTrail::Trail',
    severity: 'medium',
    description: 'Checks that the trail encrypts its log files with SSE-KMS using a customer managed key rather than the default SSE-S3.',
    risk: 'With SSE-S3 anyone who can read the log bucket can read the logs; a KMS key adds a separate kms:Decrypt permission and a record of every decryption.',
    remediation: {
      text: 'Create a customer managed KMS key whose policy lets CloudTrail encrypt and your auditors decrypt, and configure the trail to use it.',
      cli: 'aws cloudtrail update-trail --name <TRAIL_NAME> --kms-key-id <KMS_KEY_ARN>',
      url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html',
    },
    compliance: {
      'cis-aws-5.0': ['3.5'],
      soc2: ['CC6.1'],
      'iso27001-2022': ['A.8.15', 'A.8.24'],
      'nist-800-53-r5': ['AU-9', 'SC-28'],
      'nist-csf-2.0': ['PR.DS-01'],
      'pci-dss-4.0': ['10.3.2'],
      hipaa: ['164.312(a)(2)(iv)', '164.312(b)'],
      gdpr: ['Art.32'],
    },
    needs: ['cloudtrail.trails'],
  },
  (snapshot) => {
    const { trails, regionFailures } = accountTrails(snapshot);
    return [
      ...regionFailures,
      ...trails.map((trail) =>
        trail.kmsKeyId
          ? pass(trail.arn, trail.homeRegion, `Log files are encrypted with KMS key ${trail.kmsKeyId}`)
          : fail(trail.arn, trail.homeRegion, 'Log files are not encrypted with a KMS key (SSE-S3 only)'),
      ),
    ];
  },
);
