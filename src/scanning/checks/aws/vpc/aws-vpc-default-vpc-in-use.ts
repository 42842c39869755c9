import { collectedIn, defineAwsCheck, fail, pass, unknown, withEachRegion } from '../lib/helpers.js';
import { ec2Arn } from '../lib/network.js';

/**
 * Informational: fails a default VPC that has network interfaces in it. Default VPCs come with public
 * subnets that auto-assign public IPs, and resources end up there by accident. Interfaces carry no VPC
 * id in the snapshot, so an interface is placed in a VPC through its security groups (every interface
 * has at least one, and a group belongs to one VPC). Only default VPCs are looked at.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-vpc-default-vpc-in-use',
    title: 'Default VPC is in use',
    service: 'vpc',
    resourceType: 'AWS::EC2::VPC',
    severity: 'info',
    description: 'Checks whether the default VPC of each region has network interfaces (instances, load balancers, databases...) in it.',
    risk: 'The default VPC has only public subnets that give instances public IP addresses, and its default security group and network ACL are permissive; workloads placed there by accident are more exposed than intended.',
    remediation: {
      text: 'Move workloads to purpose-built VPCs with private subnets; delete the default VPC where nothing uses it (it can be re-created with create-default-vpc).',
      cli: 'aws ec2 delete-vpc --region <REGION> --vpc-id <DEFAULT_VPC_ID>',
      url: 'https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html',
    },
    compliance: {
      soc2: ['CC6.6'],
      'iso27001-2022': ['A.8.20', 'A.8.22'],
      'nist-800-53-r5': ['CM-7', 'SC-7'],
      'nist-csf-2.0': ['PR.IR-01'],
    },
    needs: ['ec2.vpcs', 'ec2.networkInterfaces', 'ec2.securityGroups'],
  },
  (snapshot) =>
    withEachRegion(snapshot, 'ec2.vpcs', 'ec2', (vpcs, region) => {
      const interfaces = collectedIn(snapshot, 'ec2.networkInterfaces', region);
      const groups = collectedIn(snapshot, 'ec2.securityGroups', region);
      return vpcs
        .filter((vpc) => vpc.isDefault)
        .map((vpc) => {
          const arn = ec2Arn(snapshot, region, `vpc/${vpc.vpcId}`);
          if (!interfaces.ok) return unknown(arn, region, `Could not check: ${interfaces.error}`, { tags: vpc.tags });
          if (!groups.ok) return unknown(arn, region, `Could not check: ${groups.error}`, { tags: vpc.tags });
          const vpcGroups = new Set(groups.value.filter((group) => group.vpcId === vpc.vpcId).map((group) => group.groupId));
          const inside = interfaces.value.filter((eni) => eni.groupIds.some((groupId) => vpcGroups.has(groupId)));
          if (inside.length === 0) return pass(arn, region, 'Default VPC has no network interfaces', { tags: vpc.tags });
          const ids = inside.map((eni) => eni.networkInterfaceId);
          const shown = ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', ');
          return fail(arn, region, `Default VPC has ${ids.length} network interface(s): ${shown}`, { tags: vpc.tags });
        });
    }),
);
