/** RDS parts, per region: DB instances; manual DB snapshots with who may restore them. */
import { DescribeDBSnapshotAttributesCommand, paginateDescribeDBInstances, paginateDescribeDBSnapshots, type RDSClient } from '@aws-sdk/client-rds';
import { attempt } from '../collected.js';
import type { DbInstance, DbSnapshot } from '../snapshot.js';
import { allPages, defined, tagRecord } from './values.js';

// RDS takes at most 100 records per page.
const PAGE = 100;

export async function collectDbInstances(rds: RDSClient): Promise<DbInstance[]> {
  const instances = await allPages(paginateDescribeDBInstances({ client: rds, pageSize: PAGE }, {}), (page) => page.DBInstances);
  return instances.map((i) => ({
    dbInstanceIdentifier: i.DBInstanceIdentifier ?? '',
    arn: i.DBInstanceArn ?? '',
    engine: i.Engine ?? '',
    publiclyAccessible: i.PubliclyAccessible ?? false,
    storageEncrypted: i.StorageEncrypted ?? false,
    autoMinorVersionUpgrade: i.AutoMinorVersionUpgrade ?? false,
    multiAz: i.MultiAZ ?? false,
    backupRetentionPeriod: i.BackupRetentionPeriod ?? 0,
    deletionProtection: i.DeletionProtection ?? false,
    iamDatabaseAuthenticationEnabled: i.IAMDatabaseAuthenticationEnabled ?? false,
    vpcSecurityGroupIds: (i.VpcSecurityGroups ?? []).map((g) => g.VpcSecurityGroupId).filter(defined),
    tags: tagRecord(i.TagList),
  }));
}

/** Only manual snapshots can be shared, so only they are listed. */
export async function collectDbSnapshots(rds: RDSClient): Promise<DbSnapshot[]> {
  const snapshots = await allPages(paginateDescribeDBSnapshots({ client: rds, pageSize: PAGE }, { SnapshotType: 'manual' }), (page) => page.DBSnapshots);
  return Promise.all(
    snapshots.map(async (s) => ({
      dbSnapshotIdentifier: s.DBSnapshotIdentifier ?? '',
      arn: s.DBSnapshotArn ?? '',
      encrypted: s.Encrypted ?? false,
      snapshotType: s.SnapshotType ?? 'manual',
      restoreAttribute: await attempt(async () => {
        const out = await rds.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: s.DBSnapshotIdentifier }));
        const restore = out.DBSnapshotAttributesResult?.DBSnapshotAttributes?.find((a) => a.AttributeName === 'restore');
        return [...(restore?.AttributeValues ?? [])];
      }),
    })),
  );
}
