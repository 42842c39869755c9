import { defineAwsCheck, fail, pass } from '../lib/helpers.js';
import { forEachDbInstance } from './db-instances.js';

/**
 * CIS 2.2.3: fails an RDS DB instance with PubliclyAccessible set, which gives its endpoint a public
 * DNS answer and address. Whether connections get through also depends on its security groups (the
 * security group checks report those); the flag alone is the CIS control.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-rds-instance-publicly-accessible',
    title: 'RDS DB instance is publicly accessible',
    service: 'rds',
    resourceType: 'AWS::RDS::DBInstance',
    severity: 'high',
    description: 'Checks that each RDS DB instance has PubliclyAccessible turned off, so its endpoint resolves only to a private address inside the VPC.',
    risk: 'A publicly accessible database is one security group rule away from the internet, where database ports are scanned, brute-forced and exploited constantly.',
    remediation: {
      text: 'Turn off public accessibility and reach the database from inside the VPC (application subnets, VPN, or a bastion/Session Manager port forward).',
      cli: 'aws rds modify-db-instance --region <REGION> --db-instance-identifier <DB_INSTANCE_ID> --no-publicly-accessible --apply-immediately',
      url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html',
    },
    compliance: {
      'cis-aws-5.0': ['2.2.3'],
      soc2: ['CC6.1', 'CC6.6'],
      'iso27001-2022': ['A.8.20', 'A.8.22'],
      'nist-800-53-r5': ['AC-4', 'SC-7'],
      'nist-csf-2.0': ['PR.IR-01'],
      'pci-dss-4.0': ['1.4.4'],
      hipaa: ['164.312(a)(1)', '164.312(e)(1)'],
      gdpr: ['Art.32'],
    },
    needs: ['rds.instances'],
  },
  (snapshot) =>
    forEachDbInstance(snapshot, (instance, region) =>
      instance.publiclyAccessible
        ? fail(instance.arn, region, `Publicly accessible (security groups: ${instance.vpcSecurityGroupIds.join(', ') || 'none'})`, { tags: instance.tags, exposed: true })
        : pass(instance.arn, region, 'Not publicly accessible', { tags: instance.tags }),
    ),
);
