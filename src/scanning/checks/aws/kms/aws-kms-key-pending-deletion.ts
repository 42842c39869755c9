import { defineAwsCheck, fail, pass, withEachRegion } from '../lib/helpers.js';

const PENDING = new Set(['PendingDeletion', 'PendingReplicaDeletion']);

/** Low: usually intended, but once the waiting period ends, data encrypted under the key is lost for good. */
export const check = defineAwsCheck(
  {
    id: 'aws-kms-key-pending-deletion',
    title: 'KMS customer managed key is scheduled for deletion',
    service: 'kms',
    resourceType: 'AWS::KMS::Key',
    severity: 'low',
    description: 'Reports customer managed KMS keys that are scheduled for deletion (PendingDeletion or PendingReplicaDeletion), so that the deletion can be confirmed as intended before it happens.',
    risk: 'When the waiting period ends the key is deleted and every piece of data encrypted under it (volumes, snapshots, objects, secrets) becomes permanently unreadable.',
    remediation: {
      text: 'Confirm that nothing still uses the key (CloudTrail shows recent use). If it is still needed, cancel the deletion and re-enable it.',
      cli: 'aws kms cancel-key-deletion --key-id <KEY_ID> --region <REGION> && aws kms enable-key --key-id <KEY_ID> --region <REGION>',
      url: 'https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys-scheduling-key-deletion.html',
    },
    compliance: {
      soc2: ['A1.2'],
      'iso27001-2022': ['A.8.24'],
      'nist-800-53-r5': ['SC-12'],
      'nist-csf-2.0': ['PR.DS-01'],
      'pci-dss-4.0': ['3.7.1'],
    },
    needs: ['kms.keys'],
  },
  (snapshot) =>
    withEachRegion(snapshot, 'kms.keys', 'kms', (keys, region) =>
      keys
        .filter((key) => key.keyManager === 'CUSTOMER')
        .map((key) =>
          PENDING.has(key.keyState)
            ? fail(key.arn, region, `The key is ${key.keyState}: data encrypted under it becomes unreadable once it is deleted`)
            : pass(key.arn, region, `The key is ${key.keyState}`),
        ),
    ),
);
