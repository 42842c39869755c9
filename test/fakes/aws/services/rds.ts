/** RDS over awsQuery: lists with their own member names (`<DBInstance>`, `<Tag>`), Marker/MaxRecords (20–100). */
import { regionOf } from '../model.js';
import { paginate } from '../paging.js';
import { FakeError, queryResult } from '../wire.js';
import type { Handler } from './context.js';

const RDS_PAGE = { defaultSize: 100, min: 20, max: 100, invalidCode: 'InvalidParameterValue' };

export const handleRds: Handler = (req, ctx) => {
  const { account } = ctx;
  const region = regionOf(account, req.region);
  const snapshotArn = (id: string) => `arn:${account.partition}:rds:${req.region}:${account.accountId}:snapshot:${id}`;
  switch (req.operation) {
    case 'DescribeDBInstances': {
      const page = paginate(region.dbInstances, `${req.operation}:${req.region}`, req.params.get('Marker'), req.params.get('MaxRecords'), RDS_PAGE, ctx.pageSizeCap);
      return queryResult('rds', req.operation, {
        DBInstances: {
          DBInstance: page.items.map((i) => ({
            DBInstanceIdentifier: i.dbInstanceIdentifier,
            DBInstanceArn: i.arn,
            Engine: i.engine,
            DBInstanceStatus: 'available',
            PubliclyAccessible: i.publiclyAccessible,
            StorageEncrypted: i.storageEncrypted,
            AutoMinorVersionUpgrade: i.autoMinorVersionUpgrade,
            MultiAZ: i.multiAz,
            BackupRetentionPeriod: i.backupRetentionPeriod,
            DeletionProtection: i.deletionProtection,
            IAMDatabaseAuthenticationEnabled: i.iamDatabaseAuthenticationEnabled,
            VpcSecurityGroups: { VpcSecurityGroupMembership: i.vpcSecurityGroupIds.map((id) => ({ VpcSecurityGroupId: id, Status: 'active' })) },
            TagList: { Tag: Object.entries(i.tags).map(([Key, Value]) => ({ Key, Value })) },
          })),
        },
        Marker: page.next,
      });
    }
    case 'DescribeDBSnapshots': {
      const type = req.params.get('SnapshotType');
      const matching = region.dbSnapshots.filter((s) => !type || s.snapshotType === type);
      const page = paginate(matching, `${req.operation}:${req.region}:${type ?? ''}`, req.params.get('Marker'), req.params.get('MaxRecords'), RDS_PAGE, ctx.pageSizeCap);
      return queryResult('rds', req.operation, {
        DBSnapshots: {
          DBSnapshot: page.items.map((s) => ({
            DBSnapshotIdentifier: s.dbSnapshotIdentifier,
            DBSnapshotArn: snapshotArn(s.dbSnapshotIdentifier),
            SnapshotType: s.snapshotType,
            Encrypted: s.encrypted,
            Status: 'available',
          })),
        },
        Marker: page.next,
      });
    }
    case 'DescribeDBSnapshotAttributes': {
      const id = req.params.get('DBSnapshotIdentifier');
      const snapshot = region.dbSnapshots.find((s) => s.dbSnapshotIdentifier === id);
      if (!snapshot) throw new FakeError(404, 'DBSnapshotNotFound', `DBSnapshot ${id ?? ''} not found.`);
      return queryResult('rds', req.operation, {
        DBSnapshotAttributesResult: {
          DBSnapshotIdentifier: snapshot.dbSnapshotIdentifier,
          DBSnapshotAttributes: { DBSnapshotAttribute: [{ AttributeName: 'restore', AttributeValues: { AttributeValue: snapshot.restore } }] },
        },
      });
    }
    default:
      throw new FakeError(400, 'InvalidAction', `The action ${req.operation} is not valid for this web service.`);
  }
};
