import { defineAwsCheck, fail, pass, unknown, withEachRegion } from '../lib/helpers.js';
import { ec2Arn } from '../lib/network.js';

/**
 * Fails an EBS snapshot whose createVolumePermission includes the group `all`: any AWS account can
 * create a volume from it and read the data. Unknown when the attribute could not be read.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-ebs-snapshot-public',
    title: 'EBS snapshot is shared publicly',
    service: 'ebs',
    resourceType: 'AWS::EC2::Snapshot',
    severity: 'critical',
    description: 'Checks whether the createVolumePermission of each EBS snapshot owned by the account grants the group "all" (every AWS account).',
    risk: 'Anyone with an AWS account can copy the snapshot and mount its disk: databases, credentials, keys and source code on it are exposed. Public snapshots are actively harvested by scanners.',
    remediation: {
      text: 'Remove the public permission, share the snapshot only with specific account ids if needed, and enable block public access for snapshots in the region.',
      cli: 'aws ec2 modify-snapshot-attribute --region <REGION> --snapshot-id <SNAPSHOT_ID> --attribute createVolumePermission --operation-type remove --group-names all',
      url: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html',
    },
    compliance: {
      soc2: ['CC6.1', 'CC6.6'],
      'iso27001-2022': ['A.5.15', 'A.8.3'],
      'nist-800-53-r5': ['AC-3', 'AC-6', 'AC-21'],
      'nist-csf-2.0': ['PR.AA-05', 'PR.DS-01'],
      'pci-dss-4.0': ['7.2.1'],
      hipaa: ['164.312(a)(1)'],
      gdpr: ['Art.32'],
    },
    needs: ['ec2.snapshots'],
  },
  (snapshot) =>
    withEachRegion(snapshot, 'ec2.snapshots', 'ec2', (snapshots, region) =>
      snapshots.map((ebsSnapshot) => {
        const arn = ec2Arn(snapshot, region, `snapshot/${ebsSnapshot.snapshotId}`, '');
        const permission = ebsSnapshot.createVolumePermission;
        if (!permission.ok) return unknown(arn, region, `Could not check: ${permission.error}`, { tags: ebsSnapshot.tags });
        if (permission.value.groups.includes('all')) {
          return fail(arn, region, 'createVolumePermission grants group "all": any AWS account can create a volume from it', { tags: ebsSnapshot.tags, exposed: true });
        }
        const shared = permission.value.userIds.length;
        return pass(arn, region, shared > 0 ? `Not public; shared with ${shared} account(s)` : 'Not shared', { tags: ebsSnapshot.tags });
      }),
    ),
);
