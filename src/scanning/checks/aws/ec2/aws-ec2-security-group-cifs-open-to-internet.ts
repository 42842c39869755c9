import { defineAwsCheck } from '../lib/helpers.js';
import { CIFS_PORTS } from '../lib/network.js';
import { portExposureResults } from './internet-ingress.js';

/**
 * Fails a security group that opens CIFS/SMB to the internet: TCP 445 and, as Prowler's check for
 * CIS 5.1.2 does, TCP 139 (SMB over NetBIOS). Evaluated per security group, not per instance, so an
 * unattached group is reported before it is used. Rules that open every port are left to
 * aws-ec2-security-group-all-ports-open-to-internet.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-ec2-security-group-cifs-open-to-internet',
    title: 'Security group allows ingress from the internet to CIFS/SMB (TCP 445, 139)',
    service: 'ec2',
    resourceType: 'AWS::EC2::SecurityGroup',
    severity: 'high',
    description: 'Checks whether any inbound rule of the security group allows TCP 445 (SMB) or TCP 139 (NetBIOS session) from 0.0.0.0/0, ::/0 or another internet-wide range.',
    risk: 'SMB exposed to the internet has been the vector of self-spreading ransomware (WannaCry, NotPetya via EternalBlue) and lets attackers enumerate and brute-force file shares.',
    remediation: {
      text: 'Remove the internet-wide rule; allow SMB only from trusted internal ranges, or reach file shares through a VPN or AWS Direct Connect.',
      cli: "aws ec2 revoke-security-group-ingress --region <REGION> --group-id <GROUP_ID> --ip-permissions 'IpProtocol=tcp,FromPort=445,ToPort=445,IpRanges=[{CidrIp=0.0.0.0/0}]' 'IpProtocol=tcp,FromPort=445,ToPort=445,Ipv6Ranges=[{CidrIpv6=::/0}]'",
      url: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    },
    compliance: {
      'cis-aws-5.0': ['5.1.2'],
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
  (snapshot, settings) => portExposureResults(snapshot, settings, CIFS_PORTS, 'CIFS/SMB'),
);
