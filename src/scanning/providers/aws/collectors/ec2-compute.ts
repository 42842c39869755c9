/** EC2 compute and storage parts, per region: instances, EBS volumes, snapshots (with who may restore them), EBS default encryption. */
import {
  DescribeSnapshotAttributeCommand,
  GetEbsEncryptionByDefaultCommand,
  paginateDescribeInstances,
  paginateDescribeSnapshots,
  paginateDescribeVolumes,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { attempt } from '../collected.js';
import type { EbsSnapshot, EbsVolume, Ec2Instance } from '../snapshot.js';
import { allPages, defined, iso, tagRecord } from './values.js';

export async function collectInstances(ec2: EC2Client): Promise<Ec2Instance[]> {
  const reservations = await allPages(paginateDescribeInstances({ client: ec2, pageSize: 1000 }, {}), (page) => page.Reservations);
  return reservations.flatMap((r) =>
    (r.Instances ?? []).map((i) => ({
      instanceId: i.InstanceId ?? '',
      state: i.State?.Name ?? 'unknown',
      imageId: i.ImageId ?? '',
      publicIp: i.PublicIpAddress ?? null,
      subnetId: i.SubnetId ?? null,
      vpcId: i.VpcId ?? null,
      securityGroupIds: (i.SecurityGroups ?? []).map((g) => g.GroupId).filter(defined),
      metadataHttpTokens: i.MetadataOptions?.HttpTokens === 'required' ? ('required' as const) : ('optional' as const),
      metadataHttpEndpoint: i.MetadataOptions?.HttpEndpoint === 'disabled' ? ('disabled' as const) : ('enabled' as const),
      iamInstanceProfileArn: i.IamInstanceProfile?.Arn ?? null,
      launchTime: iso(i.LaunchTime),
      tags: tagRecord(i.Tags),
    })),
  );
}

export async function collectVolumes(ec2: EC2Client): Promise<EbsVolume[]> {
  // DescribeVolumes takes at most 500 per page.
  const volumes = await allPages(paginateDescribeVolumes({ client: ec2, pageSize: 500 }, {}), (page) => page.Volumes);
  return volumes.map((v) => ({
    volumeId: v.VolumeId ?? '',
    encrypted: v.Encrypted ?? false,
    kmsKeyId: v.KmsKeyId ?? null,
    state: v.State ?? 'unknown',
    attachedInstanceIds: (v.Attachments ?? []).map((a) => a.InstanceId).filter(defined),
    tags: tagRecord(v.Tags),
  }));
}

/** The account's own snapshots, each with its createVolumePermission (its own sub-part: one can fail alone). */
export async function collectSnapshots(ec2: EC2Client): Promise<EbsSnapshot[]> {
  const snapshots = await allPages(paginateDescribeSnapshots({ client: ec2, pageSize: 1000 }, { OwnerIds: ['self'] }), (page) => page.Snapshots);
  return Promise.all(
    snapshots.map(async (s) => ({
      snapshotId: s.SnapshotId ?? '',
      volumeId: s.VolumeId ?? null,
      encrypted: s.Encrypted ?? false,
      startTime: iso(s.StartTime),
      createVolumePermission: await attempt(async () => {
        const out = await ec2.send(new DescribeSnapshotAttributeCommand({ SnapshotId: s.SnapshotId, Attribute: 'createVolumePermission' }));
        const permissions = out.CreateVolumePermissions ?? [];
        return { groups: permissions.map((p) => p.Group).filter(defined), userIds: permissions.map((p) => p.UserId).filter(defined) };
      }),
      tags: tagRecord(s.Tags),
    })),
  );
}

export async function collectEbsEncryptionByDefault(ec2: EC2Client): Promise<boolean> {
  const out = await ec2.send(new GetEbsEncryptionByDefaultCommand({}));
  return out.EbsEncryptionByDefault ?? false;
}
