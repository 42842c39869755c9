/** EC2 network parts, per region: security groups, network interfaces, VPCs, flow logs, network ACLs. */
import {
  paginateDescribeFlowLogs,
  paginateDescribeNetworkAcls,
  paginateDescribeNetworkInterfaces,
  paginateDescribeSecurityGroups,
  paginateDescribeVpcs,
  type EC2Client,
  type IpPermission as SdkIpPermission,
} from '@aws-sdk/client-ec2';
import type { FlowLog, IpPermission, NetworkAcl, NetworkInterface, SecurityGroup, Vpc } from '../snapshot.js';
import { allPages, defined, tagRecord } from './values.js';

const ALL_PORTS_PROTOCOLS = new Set(['-1', 'icmp', '1', 'icmpv6', '58']);

function permission(p: SdkIpPermission): IpPermission {
  const protocol = p.IpProtocol ?? '-1';
  // For ICMP, FromPort/ToPort are the ICMP type and code, not ports.
  const allPorts = ALL_PORTS_PROTOCOLS.has(protocol);
  return {
    ipProtocol: protocol,
    fromPort: allPorts ? null : (p.FromPort ?? null),
    toPort: allPorts ? null : (p.ToPort ?? null),
    ipv4Ranges: (p.IpRanges ?? []).map((r) => r.CidrIp).filter(defined),
    ipv6Ranges: (p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6).filter(defined),
    prefixListIds: (p.PrefixListIds ?? []).map((r) => r.PrefixListId).filter(defined),
    userIdGroupPairs: (p.UserIdGroupPairs ?? []).map((g) => g.GroupId ?? g.GroupName).filter(defined),
  };
}

export async function collectSecurityGroups(ec2: EC2Client): Promise<SecurityGroup[]> {
  const groups = await allPages(paginateDescribeSecurityGroups({ client: ec2, pageSize: 1000 }, {}), (page) => page.SecurityGroups);
  return groups.map((g) => ({
    groupId: g.GroupId ?? '',
    groupName: g.GroupName ?? '',
    vpcId: g.VpcId ?? null,
    description: g.Description ?? '',
    ownerId: g.OwnerId ?? '',
    ingress: (g.IpPermissions ?? []).map(permission),
    egress: (g.IpPermissionsEgress ?? []).map(permission),
    tags: tagRecord(g.Tags),
  }));
}

export async function collectNetworkInterfaces(ec2: EC2Client): Promise<NetworkInterface[]> {
  const enis = await allPages(paginateDescribeNetworkInterfaces({ client: ec2, pageSize: 1000 }, {}), (page) => page.NetworkInterfaces);
  return enis.map((n) => ({
    networkInterfaceId: n.NetworkInterfaceId ?? '',
    groupIds: (n.Groups ?? []).map((g) => g.GroupId).filter(defined),
    interfaceType: n.InterfaceType ?? 'interface',
    requesterId: n.RequesterId ?? null,
    description: n.Description ?? '',
    publicIp: n.Association?.PublicIp ?? null,
    attachmentInstanceId: n.Attachment?.InstanceId ?? null,
  }));
}

export async function collectVpcs(ec2: EC2Client): Promise<Vpc[]> {
  const vpcs = await allPages(paginateDescribeVpcs({ client: ec2, pageSize: 1000 }, {}), (page) => page.Vpcs);
  return vpcs.map((v) => ({ vpcId: v.VpcId ?? '', isDefault: v.IsDefault ?? false, cidrBlock: v.CidrBlock ?? '', tags: tagRecord(v.Tags) }));
}

export async function collectFlowLogs(ec2: EC2Client): Promise<FlowLog[]> {
  const logs = await allPages(paginateDescribeFlowLogs({ client: ec2, pageSize: 1000 }, {}), (page) => page.FlowLogs);
  return logs.map((l) => ({
    flowLogId: l.FlowLogId ?? '',
    resourceId: l.ResourceId ?? '',
    trafficType: l.TrafficType ?? '',
    status: l.FlowLogStatus ?? '',
  }));
}

export async function collectNetworkAcls(ec2: EC2Client): Promise<NetworkAcl[]> {
  // DescribeNetworkAcls takes at most 100 per page.
  const acls = await allPages(paginateDescribeNetworkAcls({ client: ec2, pageSize: 100 }, {}), (page) => page.NetworkAcls);
  return acls.map((a) => ({
    networkAclId: a.NetworkAclId ?? '',
    vpcId: a.VpcId ?? '',
    isDefault: a.IsDefault ?? false,
    entries: (a.Entries ?? []).map((e) => ({
      ruleNumber: e.RuleNumber ?? 0,
      egress: e.Egress ?? false,
      protocol: e.Protocol ?? '-1',
      ruleAction: e.RuleAction === 'allow' ? 'allow' : 'deny',
      cidrBlock: e.CidrBlock ?? null,
      ipv6CidrBlock: e.Ipv6CidrBlock ?? null,
      fromPort: e.PortRange?.From ?? null,
      toPort: e.PortRange?.To ?? null,
    })),
    subnetIds: (a.Associations ?? []).map((s) => s.SubnetId).filter(defined),
  }));
}
