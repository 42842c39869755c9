import { defineAwsCheck, fail, pass, unknown, withEachRegion } from '../lib/helpers.js';

/**
 * CIS 3.6: enabled customer managed symmetric keys (SYMMETRIC_DEFAULT) rotate their key material.
 * Keys with imported material or in a custom key store (origin other than AWS_KMS) cannot rotate
 * automatically, so CIS leaves them out and so does this check.
 * Other keys (AWS managed, asymmetric, HMAC, disabled or pending deletion) give no result.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-kms-cmk-rotation',
    title: 'KMS customer managed key does not have automatic rotation enabled',
    service: 'kms',
    resourceType: 'AWS::KMS::Key',
    severity: 'medium',
    description: 'Checks that automatic key rotation is enabled for every enabled customer managed symmetric encryption KMS key.',
    risk: 'Key material that never changes protects ever more data for ever longer, so a compromise of it exposes all of that data; many standards require a defined cryptoperiod.',
    remediation: {
      text: 'Enable automatic rotation for the key (yearly by default, configurable from 90 to 2560 days). Keys with imported material or in custom key stores must be rotated manually.',
      cli: 'aws kms enable-key-rotation --key-id <KEY_ID> --region <REGION>',
      url: 'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html',
    },
    compliance: {
      'cis-aws-5.0': ['3.6'],
      soc2: ['CC6.1'],
      'iso27001-2022': ['A.8.24'],
      'nist-800-53-r5': ['SC-12'],
      'nist-csf-2.0': ['PR.DS-01'],
      'pci-dss-4.0': ['3.6.1', '3.7.4'],
      hipaa: ['164.312(a)(2)(iv)'],
      gdpr: ['Art.32'],
    },
    needs: ['kms.keys'],
  },
  (snapshot) =>
    withEachRegion(snapshot, 'kms.keys', 'kms', (keys, region) =>
      keys
        .filter((key) => key.keyManager === 'CUSTOMER' && key.keySpec === 'SYMMETRIC_DEFAULT' && key.keyState === 'Enabled' && key.origin === 'AWS_KMS')
        .map((key) => {
          if (!key.rotationEnabled.ok) return unknown(key.arn, region, `Could not check: ${key.rotationEnabled.error}`);
          if (key.rotationEnabled.value) return pass(key.arn, region, 'Automatic key rotation is enabled');
          return fail(key.arn, region, 'Automatic key rotation is disabled');
        }),
    ),
);
