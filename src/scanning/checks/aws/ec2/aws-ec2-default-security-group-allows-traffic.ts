import type { IpPermission } from '../../../providers/aws/snapshot.js';
import { defineAwsCheck, fail, pass, withEachRegion } from '../lib/helpers.js';
import { describeRule, internetSources, isDefaultGroup, permissionRule } from '../lib/network.js';
import { securityGroupArn } from './internet-ingress.js';

/**
 * CIS 5.5: the `default` security group of every VPC must have no inbound and no outbound rules, so
 * that nothing launched without an explicit group can talk to anything. One result per default group;
 * other groups are not looked at. Exposed when an inbound rule is open to the internet.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-ec2-default-security-group-allows-traffic',
    title: 'Default security group of the VPC allows inbound or outbound traffic',
    service: 'ec2',
    resourceType: 'AWS::EC2::SecurityGroup',
    severity: 'medium',
    description: 'Checks that the default security group of each VPC has no inbound and no outbound rules.',
    risk: 'Resources launched without an explicit security group land in the default group; its out-of-the-box rules let every member reach every other member and anything on the internet, widening the blast radius of a compromise.',
    remediation: {
      text: 'Remove every inbound and outbound rule from the default security group and give resources purpose-built groups instead.',
      cli: 'aws ec2 revoke-security-group-ingress --region <REGION> --group-id <DEFAULT_GROUP_ID> --security-group-rule-ids <INGRESS_RULE_IDS> && aws ec2 revoke-security-group-egress --region <REGION> --group-id <DEFAULT_GROUP_ID> --security-group-rule-ids <EGRESS_RULE_IDS>',
      url: 'https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html',
    },
    compliance: {
      'cis-aws-5.0': ['5.5'],
      soc2: ['CC6.1', 'CC6.6'],
      'iso27001-2022': ['A.8.20', 'A.8.22'],
      'nist-800-53-r5': ['AC-4', 'CM-7', 'SC-7(5)'],
      'nist-csf-2.0': ['PR.IR-01'],
      'pci-dss-4.0': ['1.2.1', '1.3.1'],
      hipaa: ['164.312(a)(1)'],
      gdpr: ['Art.32'],
    },
    needs: ['ec2.securityGroups'],
  },
  (snapshot) =>
    withEachRegion(snapshot, 'ec2.securityGroups', 'ec2', (groups, region) =>
      groups.filter(isDefaultGroup).map((group) => {
        const arn = securityGroupArn(snapshot, region, group);
        const vpc = group.vpcId ?? 'no VPC';
        if (group.ingress.length === 0 && group.egress.length === 0) return pass(arn, region, `Default security group of ${vpc} has no rules`, { tags: group.tags });
        const rules = [
          ...group.ingress.map((permission) => `inbound ${describePermission(permission, 'from')}`),
          ...group.egress.map((permission) => `outbound ${describePermission(permission, 'to')}`),
        ];
        const exposed = group.ingress.some((permission) => internetSources(permission).length > 0);
        return fail(arn, region, `Default security group of ${vpc} has ${rules.length} rule(s): ${rules.join('; ')}`, { tags: group.tags, exposed });
      }),
    ),
);

function describePermission(permission: IpPermission, direction: 'from' | 'to'): string {
  const peers = [...permission.ipv4Ranges, ...permission.ipv6Ranges, ...permission.prefixListIds, ...permission.userIdGroupPairs];
  return `${describeRule(permissionRule(permission))} ${direction} ${peers.length > 0 ? peers.join(', ') : 'nothing'}`;
}
