import { defineAwsCheck, fail, pass } from '../lib/helpers.js';
import { forEachDbInstance, isStandalone } from './db-instances.js';

/**
 * Fails a standalone RDS DB instance without deletion protection. Aurora, DocumentDB and Neptune
 * instances are skipped: deletion protection is set on their cluster, which the snapshot does not hold.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-rds-instance-deletion-protection-disabled',
    title: 'RDS DB instance does not have deletion protection enabled',
    service: 'rds',
    resourceType: 'AWS::RDS::DBInstance',
    severity: 'low',
    description: 'Checks that each RDS DB instance (not part of an Aurora, DocumentDB or Neptune cluster) has deletion protection enabled.',
    risk: 'Without it, one mistaken console click, script or compromised credential deletes the database; if the final snapshot is skipped, the data is gone apart from retained backups.',
    remediation: {
      text: 'Enable deletion protection on production databases; it must then be turned off deliberately before the instance can be deleted.',
      cli: 'aws rds modify-db-instance --region <REGION> --db-instance-identifier <DB_INSTANCE_ID> --deletion-protection --apply-immediately',
      url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html',
    },
    compliance: {
      soc2: ['A1.2'],
      'iso27001-2022': ['A.8.13'],
      'nist-800-53-r5': ['CP-9', 'CM-5'],
      'nist-csf-2.0': ['PR.DS-01'],
    },
    needs: ['rds.instances'],
  },
  (snapshot) =>
    forEachDbInstance(
      snapshot,
      (instance, region) =>
        instance.deletionProtection
          ? pass(instance.arn, region, 'Deletion protection is enabled', { tags: instance.tags })
          : fail(instance.arn, region, 'Deletion protection is disabled', { tags: instance.tags }),
      isStandalone,
    ),
);
