import { collectedIn, defineAwsCheck, fail, pass, unknown, withEachRegion } from '../lib/helpers.js';
import { interfacesUsing, isDefaultGroup } from '../lib/network.js';
import { securityGroupArn } from './internet-ingress.js';

/**
 * Fails a security group that no network interface uses. Instances, load balancers, RDS, Lambda in a
 * VPC, endpoints... all attach groups through network interfaces, so an ENI-less group protects
 * nothing today (a launch template may still name it; the description says so). The default group
 * of a VPC is never "unused": it cannot be deleted.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-ec2-security-group-unused',
    title: 'Security group is not attached to any network interface',
    service: 'ec2',
    resourceType: 'AWS::EC2::SecurityGroup',
    severity: 'low',
    description:
      'Checks whether each non-default security group is used by at least one network interface. Groups referenced only by launch templates or Auto Scaling groups with no running instances are also reported; confirm before deleting.',
    risk: 'Unused groups accumulate permissive rules nobody reviews; attaching one later silently grants whatever access it still allows, and the clutter hides the groups that matter.',
    remediation: {
      text: 'Delete security groups that are no longer needed, after checking that no launch template, Auto Scaling group or other group rule still references them.',
      cli: 'aws ec2 delete-security-group --region <REGION> --group-id <GROUP_ID>',
      url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html',
    },
    compliance: {
      soc2: ['CC6.1'],
      'iso27001-2022': ['A.8.9'],
      'nist-800-53-r5': ['CM-2', 'CM-7'],
      'nist-csf-2.0': ['PR.PS-01'],
      'pci-dss-4.0': ['1.2.7'],
    },
    needs: ['ec2.securityGroups', 'ec2.networkInterfaces'],
  },
  (snapshot) =>
    withEachRegion(snapshot, 'ec2.securityGroups', 'ec2', (groups, region) => {
      const interfaces = collectedIn(snapshot, 'ec2.networkInterfaces', region);
      return groups.map((group) => {
        const arn = securityGroupArn(snapshot, region, group);
        if (isDefaultGroup(group)) return pass(arn, region, 'Default security group of its VPC; it cannot be deleted', { tags: group.tags });
        if (!interfaces.ok) return unknown(arn, region, `Could not check: ${interfaces.error}`, { tags: group.tags });
        const users = interfacesUsing(group.groupId, interfaces.value);
        if (users.length === 0) return fail(arn, region, 'Not attached to any network interface', { tags: group.tags });
        return pass(arn, region, `Used by ${users.length} network interface(s)`, { tags: group.tags });
      });
    }),
);
