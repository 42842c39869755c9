import { defineAwsCheck, fail, pass } from '../lib/helpers.js';
import { forEachDbInstance } from './db-instances.js';

/** CIS 2.2.1: fails an RDS DB instance whose storage is not encrypted at rest. */
export const check = defineAwsCheck(
  {
    id: 'aws-rds-instance-storage-unencrypted',
    title: 'RDS DB instance storage is not encrypted',
    service: 'rds',
    resourceType: 'AWS::RDS::DBInstance',
    severity: 'medium',
    description: 'Checks that each RDS DB instance has storage encryption at rest enabled (which also covers its automated backups, read replicas and snapshots).',
    risk: 'Unencrypted database storage, backups and snapshots are readable by anyone who obtains a copy, and access to the data is not governed or logged through KMS.',
    remediation: {
      text: 'Encryption cannot be turned on in place: snapshot the instance, copy the snapshot with a KMS key, restore a new encrypted instance from the copy and switch the application over.',
      cli: 'aws rds copy-db-snapshot --region <REGION> --source-db-snapshot-identifier <SNAPSHOT_ID> --target-db-snapshot-identifier <ENCRYPTED_SNAPSHOT_ID> --kms-key-id <KMS_KEY_ID>',
      url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html',
    },
    compliance: {
      'cis-aws-5.0': ['2.2.1'],
      soc2: ['CC6.1', 'CC6.7'],
      'iso27001-2022': ['A.8.24'],
      'nist-800-53-r5': ['SC-28', 'SC-28(1)'],
      'nist-csf-2.0': ['PR.DS-01'],
      'pci-dss-4.0': ['3.5.1'],
      hipaa: ['164.312(a)(2)(iv)'],
      gdpr: ['Art.32'],
    },
    needs: ['rds.instances'],
  },
  (snapshot) =>
    forEachDbInstance(snapshot, (instance, region) =>
      instance.storageEncrypted
        ? pass(instance.arn, region, 'Storage is encrypted', { tags: instance.tags })
        : fail(instance.arn, region, 'Storage is not encrypted', { tags: instance.tags }),
    ),
);
