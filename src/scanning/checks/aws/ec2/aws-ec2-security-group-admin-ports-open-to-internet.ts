import { defineAwsCheck } from '../lib/helpers.js';
import { ADMIN_PORTS } from '../lib/network.js';
import { portExposureResults } from './internet-ingress.js';

/**
 * Fails a security group that opens another administrative service to the internet: Telnet 23,
 * VNC 5900, WinRM 5985/5986, FTP 20/21, the Kubernetes API 6443, the Docker daemon 2375/2376 (SSH and
 * RDP have their own checks). Mapped to CIS 5.3/5.4, whose "remote server administration ports"
 * include these beyond 22 and 3389. Rules that open every port are left to
 * aws-ec2-security-group-all-ports-open-to-internet.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-ec2-security-group-admin-ports-open-to-internet',
    title: 'Security group allows ingress from the internet to administrative ports (Telnet, VNC, WinRM, FTP, Kubernetes, Docker)',
    service: 'ec2',
    resourceType: 'AWS::EC2::SecurityGroup',
    severity: 'high',
    description:
      'Checks whether any inbound rule of the security group allows Telnet (23), VNC (5900), WinRM (5985, 5986), FTP (20, 21), the Kubernetes API (6443) or the Docker daemon (2375, 2376) from 0.0.0.0/0, ::/0 or another internet-wide range.',
    risk: 'These services grant control of the host or cluster (an unauthenticated Docker socket on 2375 is root on the host), several send credentials in clear text, and all are scanned for continuously.',
    remediation: {
      text: 'Remove the internet-wide rule and allow the port only from trusted ranges or a bastion; prefer Systems Manager Session Manager and private cluster endpoints.',
      cli: "aws ec2 revoke-security-group-ingress --region <REGION> --group-id <GROUP_ID> --ip-permissions 'IpProtocol=tcp,FromPort=<PORT>,ToPort=<PORT>,IpRanges=[{CidrIp=0.0.0.0/0}]' 'IpProtocol=tcp,FromPort=<PORT>,ToPort=<PORT>,Ipv6Ranges=[{CidrIpv6=::/0}]'",
      url: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    },
    compliance: {
      'cis-aws-5.0': ['5.3', '5.4'],
      soc2: ['CC6.1', 'CC6.6'],
      'iso27001-2022': ['A.8.20', 'A.8.22'],
      'nist-800-53-r5': ['AC-4', 'CM-7', 'SC-7'],
      'nist-csf-2.0': ['PR.IR-01'],
      'pci-dss-4.0': ['1.3.1', '1.4.2', '2.2.7'],
      hipaa: ['164.312(a)(1)', '164.312(e)(1)'],
      gdpr: ['Art.32'],
    },
    needs: ['ec2.securityGroups'],
  },
  (snapshot, settings) => portExposureResults(snapshot, settings, ADMIN_PORTS, 'administrative ports'),
);
