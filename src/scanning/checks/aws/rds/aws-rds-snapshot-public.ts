import { defineAwsCheck, fail, pass, unknown, withEachRegion } from '../lib/helpers.js';

/**
 * Fails an RDS DB snapshot whose `restore` attribute includes `all`: any AWS account can restore a
 * database from it. Unknown when the attribute could not be read.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-rds-snapshot-public',
    title: 'RDS DB snapshot is shared publicly',
    service: 'rds',
    resourceType: 'AWS::RDS::DBSnapshot',
    severity: 'critical',
    description: 'Checks whether the restore attribute of each manual RDS DB snapshot lists "all", which lets every AWS account restore it.',
    risk: 'Anyone with an AWS account can restore the snapshot into their own account and read the entire database, including customer data and credentials.',
    remediation: {
      text: 'Remove "all" from the snapshot restore attribute; share with specific account ids only when needed, and prefer encrypted snapshots (they cannot be made public).',
      cli: 'aws rds modify-db-snapshot-attribute --region <REGION> --db-snapshot-identifier <SNAPSHOT_ID> --attribute-name restore --values-to-remove all',
      url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html',
    },
    compliance: {
      soc2: ['CC6.1', 'CC6.6'],
      'iso27001-2022': ['A.5.15', 'A.8.3'],
      'nist-800-53-r5': ['AC-3', 'AC-6', 'AC-21'],
      'nist-csf-2.0': ['PR.AA-05', 'PR.DS-01'],
      'pci-dss-4.0': ['7.2.1'],
      hipaa: ['164.312(a)(1)'],
      gdpr: ['Art.32'],
    },
    needs: ['rds.snapshots'],
  },
  (snapshot) =>
    withEachRegion(snapshot, 'rds.snapshots', 'rds', (snapshots, region) =>
      snapshots.map((dbSnapshot) => {
        const restore = dbSnapshot.restoreAttribute;
        if (!restore.ok) return unknown(dbSnapshot.arn, region, `Could not check: ${restore.error}`);
        if (restore.value.includes('all')) return fail(dbSnapshot.arn, region, 'Restore attribute includes "all": any AWS account can restore it', { exposed: true });
        return pass(dbSnapshot.arn, region, restore.value.length > 0 ? `Not public; shared with ${restore.value.length} account(s)` : 'Not shared');
      }),
    ),
);
