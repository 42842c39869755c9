import { defineAwsCheck, fail, pass, withEachRegion } from '../lib/helpers.js';
import { describeNaclOpenings, ec2Arn, formatSpecs, naclInternetOpenings, RDP_PORTS, SSH_PORTS, withoutPublicServicePorts } from '../lib/network.js';

const ADMIN = [...SSH_PORTS, ...RDP_PORTS];

/**
 * CIS 5.2: fails a network ACL whose inbound entries, evaluated in rule-number order (first match
 * wins, so a lower-numbered deny 0.0.0.0/0 beats a later allow), let 0.0.0.0/0 or ::/0 reach TCP 22
 * or 3389. Every default NACL fails as created (rule 100 allows all). Results are not marked
 * `exposed`: a NACL opening alone exposes nothing, the security groups still filter.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-vpc-network-acl-admin-ports-open-to-internet',
    title: 'Network ACL allows ingress from the internet to remote administration ports (SSH, RDP)',
    service: 'vpc',
    resourceType: 'AWS::EC2::NetworkAcl',
    severity: 'medium',
    description: 'Checks whether the inbound rules of each network ACL, applied in rule-number order, allow TCP 22 (SSH) or TCP 3389 (RDP) from 0.0.0.0/0, ::/0 or another internet-wide range.',
    risk: 'The network ACL is the subnet-level safety net; when it admits SSH and RDP from anywhere, a single permissive security group is all that stands between the internet and the hosts.',
    remediation: {
      text: 'Add a lower-numbered inbound deny for 0.0.0.0/0 and ::/0 on ports 22 and 3389, or replace the allow-all entry with entries for the ports the subnet serves; allow administration only from trusted ranges.',
      cli: 'aws ec2 create-network-acl-entry --region <REGION> --network-acl-id <NACL_ID> --ingress --rule-number <LOWER_RULE_NUMBER> --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action deny',
      url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html',
    },
    compliance: {
      'cis-aws-5.0': ['5.2'],
      soc2: ['CC6.1', 'CC6.6'],
      'iso27001-2022': ['A.8.20', 'A.8.22'],
      'nist-800-53-r5': ['AC-4', 'SC-7'],
      'nist-csf-2.0': ['PR.IR-01'],
      'pci-dss-4.0': ['1.3.1', '1.4.2'],
      hipaa: ['164.312(e)(1)'],
      gdpr: ['Art.32'],
    },
    needs: ['ec2.networkAcls'],
  },
  (snapshot, settings) => {
    const ports = withoutPublicServicePorts(ADMIN, settings.publicServicePorts);
    return withEachRegion(snapshot, 'ec2.networkAcls', 'ec2', (acls, region) =>
      acls.map((acl) => {
        const arn = ec2Arn(snapshot, region, `network-acl/${acl.networkAclId}`);
        const openings = naclInternetOpenings(acl.entries, ports);
        if (openings.length === 0) return pass(arn, region, `No inbound rule lets the internet reach ${formatSpecs(ports) || 'the administration ports'}`);
        const usage = acl.subnetIds.length > 0 ? '' : ' (not associated with any subnet)';
        return fail(arn, region, `${describeNaclOpenings(openings)}${usage}`);
      }),
    );
  },
);
