import { defineAwsCheck } from '../lib/helpers.js';
import { SSH_PORTS } from '../lib/network.js';
import { portExposureResults } from './internet-ingress.js';

/**
 * Fails a security group with an ingress rule from 0.0.0.0/0, ::/0 (or another internet-wide CIDR) that
 * covers TCP 22 through its port range (22, 20-25...), except rules that open every port (protocol -1,
 * 0-65535), which aws-ec2-security-group-all-ports-open-to-internet reports. UDP 22 does not open SSH.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-ec2-security-group-ssh-open-to-internet',
    title: 'Security group allows ingress from the internet to SSH (TCP 22)',
    service: 'ec2',
    resourceType: 'AWS::EC2::SecurityGroup',
    severity: 'high',
    description: 'Checks whether any inbound rule of the security group allows TCP port 22 from 0.0.0.0/0, ::/0 or another internet-wide range.',
    risk: 'SSH reachable from anywhere is scanned and brute-forced within minutes of exposure; a weak or leaked key, or an SSH vulnerability, gives an attacker a shell on the instance.',
    remediation: {
      text: 'Remove the internet-wide rule and allow SSH only from trusted ranges, or drop inbound SSH altogether and use AWS Systems Manager Session Manager or EC2 Instance Connect Endpoint.',
      cli: "aws ec2 revoke-security-group-ingress --region <REGION> --group-id <GROUP_ID> --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]' 'IpProtocol=tcp,FromPort=22,ToPort=22,Ipv6Ranges=[{CidrIpv6=::/0}]'",
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
  (snapshot, settings) => portExposureResults(snapshot, settings, SSH_PORTS, 'SSH'),
);
