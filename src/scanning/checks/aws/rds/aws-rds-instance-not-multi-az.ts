import { defineAwsCheck, fail, pass } from '../lib/helpers.js';
import { forEachDbInstance, isStandalone } from './db-instances.js';

/**
 * CIS 2.2.4: fails a standalone RDS DB instance that is not Multi-AZ. Aurora, DocumentDB and Neptune
 * instances are skipped: their availability is the cluster's, which the snapshot does not hold.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-rds-instance-not-multi-az',
    title: 'RDS DB instance is not deployed across multiple Availability Zones',
    service: 'rds',
    resourceType: 'AWS::RDS::DBInstance',
    severity: 'low',
    description: 'Checks that each RDS DB instance (not part of an Aurora, DocumentDB or Neptune cluster) has a Multi-AZ standby.',
    risk: 'A single-AZ database goes down with its Availability Zone or host and during some maintenance; recovery means restoring from backup, with downtime and possibly lost writes.',
    remediation: {
      text: 'Convert the instance to a Multi-AZ deployment (the change takes effect with a short failover in the maintenance window, or immediately).',
      cli: 'aws rds modify-db-instance --region <REGION> --db-instance-identifier <DB_INSTANCE_ID> --multi-az --apply-immediately',
      url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html',
    },
    compliance: {
      'cis-aws-5.0': ['2.2.4'],
      soc2: ['A1.2'],
      'iso27001-2022': ['A.8.14'],
      'nist-800-53-r5': ['CP-7', 'CP-10'],
      'nist-csf-2.0': ['PR.IR-03'],
      hipaa: ['164.308(a)(7)(i)'],
      gdpr: ['Art.32'],
    },
    needs: ['rds.instances'],
  },
  (snapshot) =>
    forEachDbInstance(
      snapshot,
      (instance, region) =>
        instance.multiAz ? pass(instance.arn, region, 'Multi-AZ', { tags: instance.tags }) : fail(instance.arn, region, 'Single-AZ deployment', { tags: instance.tags }),
      isStandalone,
    ),
);
