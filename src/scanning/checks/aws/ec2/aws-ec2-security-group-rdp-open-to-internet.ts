import { defineAwsCheck } from '../lib/helpers.js';
import { RDP_PORTS } from '../lib/network.js';
import { portExposureResults } from './internet-ingress.js';

/**
 * Fails a security group with an ingress rule from an internet-wide CIDR that covers TCP 3389, except
 * rules that open every port (aws-ec2-security-group-all-ports-open-to-internet reports those).
 */
export const check = defineAwsCheck(
  {
    id: 'aws-ec2-security-group-rdp-open-to-internet',
    title: 'Security group allows ingress from the internet to RDP (TCP 3389)',
    service: 'ec2',
    resourceType: 'AWS::EC2::SecurityGroup',
    severity: 'high',
    description: 'Checks whether any inbound rule of the security group allows TCP port 3389 (Remote Desktop) from 0.0.0.0/0, ::/0 or another internet-wide range.',
    risk: 'Internet-facing RDP is one of the most common ransomware entry points: it is brute-forced and credential-stuffed continuously, and RDP vulnerabilities (BlueKeep) allow takeover without credentials.',
    remediation: {
      text: 'Remove the internet-wide rule and allow RDP only from trusted ranges or a bastion, or use AWS Systems Manager Fleet Manager instead of inbound RDP.',
      cli: "aws ec2 revoke-security-group-ingress --region <REGION> --group-id <GROUP_ID> --ip-permissions 'IpProtocol=tcp,FromPort=3389,ToPort=3389,IpRanges=[{CidrIp=0.0.0.0/0}]' 'IpProtocol=tcp,FromPort=3389,ToPort=3389,Ipv6Ranges=[{CidrIpv6=::/0}]'",
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
  (snapshot, settings) => portExposureResults(snapshot, settings, RDP_PORTS, 'RDP'),
);
