import { defineAwsCheck, fail, pass } from '../lib/helpers.js';
import { forEachInstance } from './instances.js';

/**
 * Fails an instance that has a public IPv4 address (auto-assigned or Elastic IP). Low on its own: what
 * is reachable depends on its security groups, which the security group checks judge. The result is
 * `exposed`, so a public instance scores higher in risk than a private one with the same problem.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-ec2-instance-public-ip',
    title: 'EC2 instance has a public IP address',
    service: 'ec2',
    resourceType: 'AWS::EC2::Instance',
    severity: 'low',
    description: 'Checks whether each EC2 instance has a public IPv4 address, which makes it directly addressable from the internet.',
    risk: 'A public address puts the instance one security group mistake away from the internet; instances behind a load balancer or NAT gateway do not need one.',
    remediation: {
      text: 'Move the instance to a private subnet behind a load balancer or NAT gateway, or remove its public address (disassociate the Elastic IP, or turn off the auto-assigned address on its network interface).',
      cli: 'aws ec2 modify-network-interface-attribute --region <REGION> --network-interface-id <ENI_ID> --no-associate-public-ip-address',
      url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html',
    },
    compliance: {
      soc2: ['CC6.6'],
      'iso27001-2022': ['A.8.20', 'A.8.22'],
      'nist-800-53-r5': ['AC-4', 'SC-7'],
      'nist-csf-2.0': ['PR.IR-01'],
      'pci-dss-4.0': ['1.3.1', '1.4.4'],
    },
    needs: ['ec2.instances'],
  },
  (snapshot) =>
    forEachInstance(snapshot, (instance, arn, region) =>
      instance.publicIp
        ? fail(arn, region, `Public IP address ${instance.publicIp}`, { tags: instance.tags, exposed: true })
        : pass(arn, region, 'No public IP address', { tags: instance.tags }),
    ),
);
