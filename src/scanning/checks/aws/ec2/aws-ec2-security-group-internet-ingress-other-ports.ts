import type { IpPermission } from '../../../providers/aws/snapshot.js';
import { collectedIn, defineAwsCheck, fail, pass, unknown, withEachRegion } from '../lib/helpers.js';
import { NAMED_PORTS, describeRule, interfacesUsing, internetSources, isAllPorts, isLoadBalancerInterface, permissionRule, protocolName, sentence } from '../lib/network.js';
import { securityGroupArn } from './internet-ingress.js';

/**
 * The rest of the internet exposure: a rule from an internet-wide CIDR that opens ports no dedicated
 * check covers (8080, 3000-3999, GRE...) and that are not public service ports (settings, 80/443).
 * Rules opening every port, and SSH/RDP/CIFS/database/admin ports, are left to their own checks; a
 * range that mixes both (3000-3389) is reported here as the whole range. ICMP is not reported.
 *
 * A group used only by load balancers' network interfaces passes: listeners are meant to be public.
 * (Only here: the admin-port checks still report LB groups, since an NLB listener on 22 forwards SSH.)
 */
export const check = defineAwsCheck(
  {
    id: 'aws-ec2-security-group-internet-ingress-other-ports',
    title: 'Security group allows ingress from the internet to non-standard ports',
    service: 'ec2',
    resourceType: 'AWS::EC2::SecurityGroup',
    severity: 'medium',
    description:
      'Checks whether the security group opens ports to 0.0.0.0/0, ::/0 or another internet-wide range beyond the public service ports (80 and 443 by default) and the administrative and database ports that other checks report. Groups used only by load balancers pass.',
    risk: 'Development servers, admin consoles, metrics and debug endpoints on ports such as 8080, 8443, 9090 or 3000 are often unauthenticated; opening them to the internet exposes them to scanning and exploitation.',
    remediation: {
      text: 'Restrict the rule to the sources that need it, or put the service behind a load balancer and allow only the load balancer security group.',
      cli: "aws ec2 revoke-security-group-ingress --region <REGION> --group-id <GROUP_ID> --ip-permissions 'IpProtocol=<PROTOCOL>,FromPort=<FROM_PORT>,ToPort=<TO_PORT>,IpRanges=[{CidrIp=0.0.0.0/0}]'",
      url: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    },
    compliance: {
      soc2: ['CC6.1', 'CC6.6'],
      'iso27001-2022': ['A.8.20', 'A.8.22'],
      'nist-800-53-r5': ['AC-4', 'CM-7', 'SC-7'],
      'nist-csf-2.0': ['PR.IR-01'],
      'pci-dss-4.0': ['1.3.1', '1.4.2'],
      gdpr: ['Art.32'],
    },
    needs: ['ec2.securityGroups', 'ec2.networkInterfaces'],
  },
  (snapshot, settings) => {
    const excluded = excludedPorts(settings.publicServicePorts);
    return withEachRegion(snapshot, 'ec2.securityGroups', 'ec2', (groups, region) => {
      const interfaces = collectedIn(snapshot, 'ec2.networkInterfaces', region);
      return groups.map((group) => {
        const arn = securityGroupArn(snapshot, region, group);
        const open = group.ingress.filter((permission) => internetSources(permission).length > 0 && opensOtherPorts(permission, excluded));
        if (open.length === 0) return pass(arn, region, 'No ingress from the internet beyond public service ports and ports reported by other checks', { tags: group.tags });
        const detail = sentence(open.map((permission) => `ingress ${internetSources(permission).join(', ')} on ${describeRule(permissionRule(permission))}`));
        if (!interfaces.ok) {
          return unknown(arn, region, `Could not check: ${interfaces.error} (needed to tell whether only load balancers use the group; ${detail})`, { tags: group.tags });
        }
        const users = interfacesUsing(group.groupId, interfaces.value);
        if (users.length > 0 && users.every(isLoadBalancerInterface)) {
          return pass(arn, region, `Used only by load balancers, whose listeners are public by design: ${detail}`, { tags: group.tags });
        }
        return fail(arn, region, detail, { tags: group.tags, exposed: true });
      });
    });
  },
);

/** Per transport, the ports this check leaves alone: public service ports and those with a check of their own. */
interface ExcludedPorts {
  tcp: readonly number[];
  udp: readonly number[];
}

function excludedPorts(publicServicePorts: readonly number[]): ExcludedPorts {
  const forTransport = (transport: string) =>
    [...new Set([...publicServicePorts, ...NAMED_PORTS.filter((spec) => spec.transport === transport).map((spec) => spec.port)])];
  return { tcp: forTransport('tcp'), udp: forTransport('udp') };
}

/** Whether the rule opens a port that is neither a public service port nor reported by a dedicated check. */
function opensOtherPorts(permission: IpPermission, excluded: ExcludedPorts): boolean {
  const rule = permissionRule(permission);
  const protocol = protocolName(rule.protocol);
  if (isAllPorts(rule) || protocol === 'icmp' || protocol === 'icmpv6') return false;
  if (protocol !== 'tcp' && protocol !== 'udp') return true;
  if (rule.fromPort === null || rule.toPort === null) return false;
  const { fromPort, toPort } = rule;
  let covered = 0;
  for (const port of excluded[protocol]) if (port >= fromPort && port <= toPort) covered += 1;
  return toPort - fromPort + 1 > covered;
}
