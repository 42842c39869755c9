import { defineAwsCheck, fail, pass } from '../lib/helpers.js';
import { forEachDbInstance } from './db-instances.js';

/** CIS 2.2.2: fails an RDS DB instance with automatic minor version upgrades turned off. */
export const check = defineAwsCheck(
  {
    id: 'aws-rds-instance-auto-minor-version-upgrade-disabled',
    title: 'RDS DB instance does not automatically upgrade minor engine versions',
    service: 'rds',
    resourceType: 'AWS::RDS::DBInstance',
    severity: 'low',
    description: 'Checks that each RDS DB instance has Auto Minor Version Upgrade enabled, so engine security patches are applied in the maintenance window.',
    risk: 'Minor versions carry security fixes; instances that never take them keep known, published database engine vulnerabilities.',
    remediation: {
      text: 'Enable Auto Minor Version Upgrade and make sure the instance has a maintenance window that suits the workload.',
      cli: 'aws rds modify-db-instance --region <REGION> --db-instance-identifier <DB_INSTANCE_ID> --auto-minor-version-upgrade --apply-immediately',
      url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html',
    },
    compliance: {
      'cis-aws-5.0': ['2.2.2'],
      soc2: ['CC7.1'],
      'iso27001-2022': ['A.8.8'],
      'nist-800-53-r5': ['SI-2', 'SI-2(2)'],
      'nist-csf-2.0': ['PR.PS-02'],
      'pci-dss-4.0': ['6.3.3'],
    },
    needs: ['rds.instances'],
  },
  (snapshot) =>
    forEachDbInstance(snapshot, (instance, region) =>
      instance.autoMinorVersionUpgrade
        ? pass(instance.arn, region, 'Auto minor version upgrade is enabled', { tags: instance.tags })
        : fail(instance.arn, region, 'Auto minor version upgrade is disabled', { tags: instance.tags }),
    ),
);
