import { defineAwsCheck, fail, pass } from '../lib/helpers.js';
import { forEachDbInstance } from './db-instances.js';

/** Fewer days of automated backups than this fails; 0 means automated backups are off. */
const MIN_RETENTION_DAYS = 7;

/** Fails an RDS DB instance keeping automated backups for less than 7 days, or not at all. */
export const check = defineAwsCheck(
  {
    id: 'aws-rds-instance-backup-retention-short',
    title: 'RDS DB instance keeps automated backups for less than 7 days',
    service: 'rds',
    resourceType: 'AWS::RDS::DBInstance',
    severity: 'low',
    description: `Checks that each RDS DB instance has automated backups enabled with a retention period of at least ${MIN_RETENTION_DAYS} days.`,
    risk: 'With short or no retention, corruption, a bad migration or ransomware that is noticed a few days late cannot be rolled back; point-in-time recovery only reaches back as far as the retention period.',
    remediation: {
      text: `Set the backup retention period to at least ${MIN_RETENTION_DAYS} days (up to 35), or longer where recovery requirements demand it.`,
      cli: 'aws rds modify-db-instance --region <REGION> --db-instance-identifier <DB_INSTANCE_ID> --backup-retention-period 7 --apply-immediately',
      url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html',
    },
    compliance: {
      soc2: ['A1.2'],
      'iso27001-2022': ['A.8.13'],
      'nist-800-53-r5': ['CP-9'],
      'nist-csf-2.0': ['PR.DS-11'],
      hipaa: ['164.308(a)(7)(ii)(A)'],
      gdpr: ['Art.32'],
    },
    needs: ['rds.instances'],
  },
  (snapshot) =>
    forEachDbInstance(snapshot, (instance, region) => {
      const days = instance.backupRetentionPeriod;
      if (days >= MIN_RETENTION_DAYS) return pass(instance.arn, region, `Automated backups kept ${days} days`, { tags: instance.tags });
      const detail = days === 0 ? 'Automated backups are disabled (retention 0 days)' : `Automated backups kept only ${days} day(s); at least ${MIN_RETENTION_DAYS} expected`;
      return fail(instance.arn, region, detail, { tags: instance.tags });
    }),
);
