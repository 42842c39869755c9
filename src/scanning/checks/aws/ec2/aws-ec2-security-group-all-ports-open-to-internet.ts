import { defineAwsCheck, fail, pass, withEachRegion } from '../lib/helpers.js';
import { describeRule, internetSources, opensAllPortsToInternet, permissionRule, sentence } from '../lib/network.js';
import { ALL_PORTS_CHECK_ID, securityGroupArn } from './internet-ingress.js';

/**
 * Fails a security group with an ingress rule from an internet-wide CIDR that opens every port: protocol
 * `-1` (all traffic), or TCP/UDP 0-65535 (1-65535 too). Reported once per group here; the per-port
 * checks (SSH, RDP, databases...) skip these rules so the same rule is not reported again for each port.
 */
export const check = defineAwsCheck(
  {
    id: ALL_PORTS_CHECK_ID,
    title: 'Security group allows ingress from the internet to all ports',
    service: 'ec2',
    resourceType: 'AWS::EC2::SecurityGroup',
    severity: 'critical',
    description: 'Checks whether any inbound rule of the security group allows all traffic (protocol -1) or every TCP or UDP port from 0.0.0.0/0, ::/0 or another internet-wide range.',
    risk: 'Every service on every attached resource, including administration ports, databases and debug endpoints that were never meant to be public, is reachable by anyone on the internet.',
    remediation: {
      text: 'Remove the rule and allow only the specific ports the workload serves, from the sources that need them.',
      cli: "aws ec2 revoke-security-group-ingress --region <REGION> --group-id <GROUP_ID> --ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]' 'IpProtocol=-1,Ipv6Ranges=[{CidrIpv6=::/0}]'",
      url: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    },
    compliance: {
      'cis-aws-5.0': ['5.3', '5.4'],
      soc2: ['CC6.1', 'CC6.6'],
      'iso27001-2022': ['A.8.20', 'A.8.22'],
      'nist-800-53-r5': ['AC-4', 'CM-7', 'SC-7'],
      'nist-csf-2.0': ['PR.IR-01'],
      'pci-dss-4.0': ['1.3.1', '1.4.2'],
      hipaa: ['164.312(a)(1)', '164.312(e)(1)'],
      gdpr: ['Art.32'],
    },
    needs: ['ec2.securityGroups'],
  },
  (snapshot) =>
    withEachRegion(snapshot, 'ec2.securityGroups', 'ec2', (groups, region) =>
      groups.map((group) => {
        const arn = securityGroupArn(snapshot, region, group);
        const open = group.ingress.filter(opensAllPortsToInternet);
        if (open.length === 0) return pass(arn, region, 'No rule opens every port to the internet', { tags: group.tags });
        const detail = sentence(open.map((permission) => `ingress ${internetSources(permission).join(', ')} on ${describeRule(permissionRule(permission))}`));
        return fail(arn, region, detail, { tags: group.tags, exposed: true });
      }),
    ),
);
