import { defineAwsCheck, fail, pass, withEachRegion } from '../lib/helpers.js';
import { ec2Arn } from '../lib/network.js';

/** CIS 5.1.1, the volumes themselves (as Prowler's ec2_ebs_volume_encryption): fails an unencrypted EBS volume. */
export const check = defineAwsCheck(
  {
    id: 'aws-ebs-volume-unencrypted',
    title: 'EBS volume is not encrypted',
    service: 'ebs',
    resourceType: 'AWS::EC2::Volume',
    severity: 'medium',
    description: 'Checks that each EBS volume is encrypted at rest with KMS.',
    risk: 'Data on an unencrypted volume, and in every snapshot and AMI made from it, is not protected by KMS key policies: anyone who gets a copy (a shared or leaked snapshot) reads it, and access is not logged as key use.',
    remediation: {
      text: 'Snapshot the volume, copy the snapshot with encryption enabled, create a new volume from the encrypted copy and swap it in; enable EBS encryption by default to stop new unencrypted volumes.',
      cli: 'aws ec2 copy-snapshot --region <REGION> --source-region <REGION> --source-snapshot-id <SNAPSHOT_OF_VOLUME_ID> --encrypted --kms-key-id <KMS_KEY_ID>',
      url: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
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
    needs: ['ec2.volumes'],
  },
  (snapshot) =>
    withEachRegion(snapshot, 'ec2.volumes', 'ec2', (volumes, region) =>
      volumes
        .filter((volume) => volume.state !== 'deleted' && volume.state !== 'deleting')
        .map((volume) => {
          const arn = ec2Arn(snapshot, region, `volume/${volume.volumeId}`);
          return volume.encrypted
            ? pass(arn, region, `Encrypted${volume.kmsKeyId ? ` with ${volume.kmsKeyId}` : ''}`, { tags: volume.tags })
            : fail(arn, region, `Not encrypted${volume.attachedInstanceIds.length > 0 ? ` (attached to ${volume.attachedInstanceIds.join(', ')})` : ''}`, { tags: volume.tags });
        }),
    ),
);
