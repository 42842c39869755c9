import { defineAwsCheck, fail, pass, withEachRegion } from '../lib/helpers.js';
import { ec2Arn } from '../lib/network.js';

/** Fails an EBS snapshot owned by the account that is not encrypted. */
export const check = defineAwsCheck(
  {
    id: 'aws-ebs-snapshot-unencrypted',
    title: 'EBS snapshot is not encrypted',
    service: 'ebs',
    resourceType: 'AWS::EC2::Snapshot',
    severity: 'low',
    description: 'Checks that each EBS snapshot owned by the account is encrypted.',
    risk: 'An unencrypted snapshot can be shared, including publicly, and its data is readable by whoever gets a copy; encrypted snapshots also need access to the KMS key.',
    remediation: {
      text: 'Copy the snapshot with encryption enabled, delete the unencrypted original, and enable EBS encryption by default.',
      cli: 'aws ec2 copy-snapshot --region <REGION> --source-region <REGION> --source-snapshot-id <SNAPSHOT_ID> --encrypted --kms-key-id <KMS_KEY_ID>',
      url: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
    },
    compliance: {
      soc2: ['CC6.1', 'CC6.7'],
      'iso27001-2022': ['A.8.24'],
      'nist-800-53-r5': ['SC-28', 'SC-28(1)'],
      'nist-csf-2.0': ['PR.DS-01'],
      'pci-dss-4.0': ['3.5.1'],
      hipaa: ['164.312(a)(2)(iv)'],
      gdpr: ['Art.32'],
    },
    needs: ['ec2.snapshots'],
  },
  (snapshot) =>
    withEachRegion(snapshot, 'ec2.snapshots', 'ec2', (snapshots, region) =>
      snapshots.map((ebsSnapshot) => {
        const arn = ec2Arn(snapshot, region, `snapshot/${ebsSnapshot.snapshotId}`, '');
        return ebsSnapshot.encrypted
          ? pass(arn, region, 'Encrypted', { tags: ebsSnapshot.tags })
          : fail(arn, region, `Not encrypted${ebsSnapshot.volumeId ? ` (from ${ebsSnapshot.volumeId})` : ''}`, { tags: ebsSnapshot.tags });
      }),
    ),
);
