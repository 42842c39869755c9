/** EC2 over ec2Query: lowerCamel element names, `<item>` lists, NextToken/MaxResults with each API's limits. */
import type { IpPermission } from '../../../../src/scanning/providers/aws/snapshot.js';
import { regionOf } from '../model.js';
import { paginate, type PageLimits } from '../paging.js';
import { ec2Result, FakeError, type FakeRequest } from '../wire.js';
import { ec2Tags, items, type XmlObject } from '../xml.js';
import type { Handler, HandlerContext } from './context.js';

/** MaxResults ranges from the EC2 API reference; without MaxResults EC2 returns everything. */
const LIMITS: Record<string, PageLimits> = {
  DescribeSecurityGroups: { min: 5, max: 1000 },
  DescribeNetworkInterfaces: { min: 5, max: 1000 },
  DescribeInstances: { min: 5, max: 1000 },
  DescribeVolumes: { min: 5, max: 500 },
  DescribeSnapshots: { min: 5, max: 1000 },
  DescribeVpcs: { min: 5, max: 1000 },
  DescribeFlowLogs: { min: 1, max: 1000 },
  DescribeNetworkAcls: { min: 5, max: 100 },
};

function page<T>(all: T[], req: FakeRequest, ctx: HandlerContext) {
  const limits = LIMITS[req.operation] ?? {};
  const result = paginate(all, `${req.operation}:${req.region}`, req.params.get('NextToken'), req.params.get('MaxResults'), limits, ctx.pageSizeCap);
  return { items: result.items, nextToken: result.next };
}

function permission(p: IpPermission): XmlObject {
  return {
    ipProtocol: p.ipProtocol,
    fromPort: p.fromPort ?? undefined,
    toPort: p.toPort ?? undefined,
    groups: items(p.userIdGroupPairs.map((groupId) => ({ userId: '123456789012', groupId }))),
    ipRanges: items(p.ipv4Ranges.map((cidrIp) => ({ cidrIp }))),
    ipv6Ranges: items(p.ipv6Ranges.map((cidrIpv6) => ({ cidrIpv6 }))),
    prefixListIds: items(p.prefixListIds.map((prefixListId) => ({ prefixListId }))),
  };
}

export const handleEc2: Handler = (req, ctx) => {
  const { account } = ctx;
  const region = regionOf(account, req.region);
  switch (req.operation) {
    case 'DescribeRegions': {
      const all = req.params.get('AllRegions') === 'true';
      const regions = account.regions.filter((r) => all || r.optInStatus !== 'not-opted-in');
      return ec2Result(req.operation, {
        regionInfo: items(regions.map((r) => ({ regionName: r.name, regionEndpoint: `ec2.${r.name}.amazonaws.com`, optInStatus: r.optInStatus }))),
      });
    }
    case 'DescribeSecurityGroups': {
      const { items: groups, nextToken } = page(region.securityGroups, req, ctx);
      return ec2Result(req.operation, {
        securityGroupInfo: items(
          groups.map((g) => ({
            ownerId: g.ownerId,
            groupId: g.groupId,
            groupName: g.groupName,
            groupDescription: g.description,
            vpcId: g.vpcId ?? undefined,
            ipPermissions: items(g.ingress.map(permission)),
            ipPermissionsEgress: items(g.egress.map(permission)),
            tagSet: ec2Tags(g.tags),
          })),
        ),
        nextToken,
      });
    }
    case 'DescribeNetworkInterfaces': {
      const { items: enis, nextToken } = page(region.networkInterfaces, req, ctx);
      return ec2Result(req.operation, {
        networkInterfaceSet: items(
          enis.map((n) => ({
            networkInterfaceId: n.networkInterfaceId,
            interfaceType: n.interfaceType,
            requesterId: n.requesterId ?? undefined,
            requesterManaged: n.requesterId !== null,
            description: n.description,
            groupSet: items(n.groupIds.map((groupId) => ({ groupId, groupName: groupId }))),
            association: n.publicIp ? { publicIp: n.publicIp, ipOwnerId: 'amazon' } : undefined,
            attachment: n.attachmentInstanceId ? { attachmentId: `eni-attach-${n.attachmentInstanceId}`, instanceId: n.attachmentInstanceId, status: 'attached' } : undefined,
            status: 'in-use',
          })),
        ),
        nextToken,
      });
    }
    case 'DescribeInstances': {
      const { items: instances, nextToken } = page(region.instances, req, ctx);
      return ec2Result(req.operation, {
        reservationSet: items(
          instances.map((i) => ({
            reservationId: `r-${i.instanceId}`,
            ownerId: account.accountId,
            instancesSet: items([
              {
                instanceId: i.instanceId,
                imageId: i.imageId,
                instanceState: { code: i.state === 'running' ? 16 : 80, name: i.state },
                ipAddress: i.publicIp ?? undefined,
                subnetId: i.subnetId ?? undefined,
                vpcId: i.vpcId ?? undefined,
                groupSet: items(i.securityGroupIds.map((groupId) => ({ groupId, groupName: groupId }))),
                metadataOptions: { state: 'applied', httpTokens: i.metadataHttpTokens, httpPutResponseHopLimit: 1, httpEndpoint: i.metadataHttpEndpoint },
                iamInstanceProfile: i.iamInstanceProfileArn ? { arn: i.iamInstanceProfileArn, id: 'AIPAFAKE' } : undefined,
                launchTime: i.launchTime ?? undefined,
                tagSet: ec2Tags(i.tags),
              },
            ]),
          })),
        ),
        nextToken,
      });
    }
    case 'DescribeVolumes': {
      const { items: volumes, nextToken } = page(region.volumes, req, ctx);
      return ec2Result(req.operation, {
        volumeSet: items(
          volumes.map((v) => ({
            volumeId: v.volumeId,
            size: 8,
            status: v.state,
            encrypted: v.encrypted,
            kmsKeyId: v.kmsKeyId ?? undefined,
            attachmentSet: items(v.attachedInstanceIds.map((instanceId) => ({ volumeId: v.volumeId, instanceId, device: '/dev/xvda', status: 'attached' }))),
            tagSet: ec2Tags(v.tags),
          })),
        ),
        nextToken,
      });
    }
    case 'DescribeSnapshots': {
      if (req.params.get('Owner.1') !== 'self') throw new FakeError(400, 'InvalidParameterCombination', 'the fake only knows the account’s own snapshots');
      const { items: snapshots, nextToken } = page(region.snapshots, req, ctx);
      return ec2Result(req.operation, {
        snapshotSet: items(
          snapshots.map((s) => ({
            snapshotId: s.snapshotId,
            volumeId: s.volumeId ?? undefined,
            status: 'completed',
            startTime: s.startTime ?? undefined,
            ownerId: account.accountId,
            encrypted: s.encrypted,
            tagSet: ec2Tags(s.tags),
          })),
        ),
        nextToken,
      });
    }
    case 'DescribeSnapshotAttribute': {
      const id = req.params.get('SnapshotId');
      const snapshot = region.snapshots.find((s) => s.snapshotId === id);
      if (!snapshot) throw new FakeError(400, 'InvalidSnapshot.NotFound', `The snapshot '${id ?? ''}' does not exist.`);
      if (req.params.get('Attribute') !== 'createVolumePermission') throw new FakeError(400, 'InvalidParameterValue', 'unsupported attribute');
      const { groups, userIds } = snapshot.createVolumePermission;
      return ec2Result(req.operation, {
        snapshotId: snapshot.snapshotId,
        createVolumePermission: items([...groups.map((group) => ({ group })), ...userIds.map((userId) => ({ userId }))]),
      });
    }
    case 'GetEbsEncryptionByDefault':
      return ec2Result(req.operation, { ebsEncryptionByDefault: region.ebsEncryptionByDefault, sseType: 'sse-ebs' });
    case 'DescribeVpcs': {
      const { items: vpcs, nextToken } = page(region.vpcs, req, ctx);
      return ec2Result(req.operation, {
        vpcSet: items(vpcs.map((v) => ({ vpcId: v.vpcId, ownerId: account.accountId, state: 'available', cidrBlock: v.cidrBlock, isDefault: v.isDefault, tagSet: ec2Tags(v.tags) }))),
        nextToken,
      });
    }
    case 'DescribeFlowLogs': {
      const { items: logs, nextToken } = page(region.flowLogs, req, ctx);
      return ec2Result(req.operation, {
        flowLogSet: items(logs.map((l) => ({ flowLogId: l.flowLogId, resourceId: l.resourceId, trafficType: l.trafficType, flowLogStatus: l.status, deliverLogsStatus: 'SUCCESS' }))),
        nextToken,
      });
    }
    case 'DescribeNetworkAcls': {
      const { items: acls, nextToken } = page(region.networkAcls, req, ctx);
      return ec2Result(req.operation, {
        networkAclSet: items(
          acls.map((a) => ({
            networkAclId: a.networkAclId,
            vpcId: a.vpcId,
            default: a.isDefault,
            ownerId: account.accountId,
            entrySet: items(
              a.entries.map((e) => ({
                ruleNumber: e.ruleNumber,
                protocol: e.protocol,
                ruleAction: e.ruleAction,
                egress: e.egress,
                cidrBlock: e.cidrBlock ?? undefined,
                ipv6CidrBlock: e.ipv6CidrBlock ?? undefined,
                portRange: e.fromPort !== null ? { from: e.fromPort, to: e.toPort ?? e.fromPort } : undefined,
              })),
            ),
            associationSet: items(a.subnetIds.map((subnetId) => ({ networkAclAssociationId: `aclassoc-${subnetId}`, networkAclId: a.networkAclId, subnetId }))),
          })),
        ),
        nextToken,
      });
    }
    default:
      throw new FakeError(400, 'InvalidAction', `The action ${req.operation} is not valid for this web service.`);
  }
};
