import { describe, expect, it } from 'vitest';
import { computeNetworkChecks } from '../../../../src/scanning/checks/aws/compute-network-checks.js';
import type { AwsCheck } from '../../../../src/scanning/checks/aws/lib/helpers.js';
import type { AwsParts, DbInstance, DbSnapshot } from '../../../../src/scanning/providers/aws/snapshot.js';
import { DEFAULT_SETTINGS } from '../../../../src/scanning/types.js';
import type { CheckResult } from '../../../../src/scanning/types.js';
import { dbInstance, dbInstanceArn, dbSnapshot } from '../fixtures/rds.js';
import { ACCESS_DENIED, failed, inRegions, NOW, ok, perRegion, REGIONS, snapshot } from '../fixtures/snapshot.js';

const REGION = 'us-east-1';
const RDS_CHECKS = computeNetworkChecks.filter((check) => check.meta.service === 'rds');

function checkById(id: string): AwsCheck {
  const found = RDS_CHECKS.find((check) => check.meta.id === id);
  if (!found) throw new Error(`No check ${id}`);
  return found;
}

function run(id: string, parts: Partial<AwsParts>): CheckResult[] {
  return checkById(id).evaluate(snapshot(parts, [REGION]), DEFAULT_SETTINGS, NOW);
}

function instances(...list: DbInstance[]): Partial<AwsParts> {
  return { 'rds.instances': inRegions(list, [REGION]) };
}

function snapshots(...list: DbSnapshot[]): Partial<AwsParts> {
  return { 'rds.snapshots': inRegions(list, [REGION]) };
}

function only(results: CheckResult[]): CheckResult {
  expect(results).toHaveLength(1);
  return results[0] as CheckResult;
}

describe('RDS checks: metadata, failed parts, empty accounts', () => {
  it('has the seven RDS checks', () => {
    expect(RDS_CHECKS.map((check) => check.meta.id).sort()).toEqual([
      'aws-rds-instance-auto-minor-version-upgrade-disabled',
      'aws-rds-instance-backup-retention-short',
      'aws-rds-instance-deletion-protection-disabled',
      'aws-rds-instance-not-multi-az',
      'aws-rds-instance-publicly-accessible',
      'aws-rds-instance-storage-unencrypted',
      'aws-rds-snapshot-public',
    ]);
  });

  it.each(RDS_CHECKS.map((check) => [check.meta.id, check] as const))('%s has well-formed metadata', (id, { meta }) => {
    expect(id).toMatch(/^aws-rds-[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(meta.resourceType).toMatch(/^AWS::RDS::DB(Instance|Snapshot)$/);
    expect(meta.remediation.cli).toMatch(/^aws rds [a-z-]+ .*<[A-Z_]+>/);
    expect(meta.remediation.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/AmazonRDS\//);
    expect(Object.keys(meta.compliance).length).toBeGreaterThan(0);
    expect(meta.needs.length).toBeGreaterThan(0);
  });

  it.each(RDS_CHECKS.map((check) => [check.meta.id, check] as const))('%s answers unknown per region when its part failed', (_id, check) => {
    const parts = Object.fromEntries(check.meta.needs.map((part) => [part, perRegion({ 'us-east-1': failed(), 'eu-west-1': ok([]) })]));
    const results = check.evaluate(snapshot(parts), DEFAULT_SETTINGS, NOW);
    expect(results).toEqual([{ resourceId: `arn:aws:rds:us-east-1:123456789012:*`, region: 'us-east-1', status: 'unknown', statusDetail: `Could not check: ${ACCESS_DENIED}` }]);
  });

  it.each(RDS_CHECKS.map((check) => [check.meta.id, check] as const))('%s answers unknown when its part was not collected', (_id, check) => {
    const results = check.evaluate(snapshot({}), DEFAULT_SETTINGS, NOW);
    expect(results.map((result) => result.status)).toEqual(REGIONS.map(() => 'unknown'));
  });

  it.each(RDS_CHECKS.map((check) => [check.meta.id, check] as const))('%s has no results when there are no databases', (_id, check) => {
    const parts = Object.fromEntries(check.meta.needs.map((part) => [part, inRegions([])]));
    expect(check.evaluate(snapshot(parts), DEFAULT_SETTINGS, NOW)).toEqual([]);
  });
});

describe('aws-rds-instance-storage-unencrypted', () => {
  const id = 'aws-rds-instance-storage-unencrypted';

  it('passes encrypted storage and fails unencrypted, with tags', () => {
    const results = run(id, instances(dbInstance(), dbInstance({ dbInstanceIdentifier: 'legacy', arn: dbInstanceArn('legacy'), storageEncrypted: false })));
    expect(results.map((result) => [result.resourceId, result.status, result.statusDetail])).toEqual([
      [dbInstanceArn('orders-db'), 'pass', 'Storage is encrypted'],
      [dbInstanceArn('legacy'), 'fail', 'Storage is not encrypted'],
    ]);
    expect(results[1]?.tags).toEqual({ Environment: 'prod' });
  });

  it('evaluates Aurora instances too (their flag mirrors the cluster)', () => {
    expect(only(run(id, instances(dbInstance({ engine: 'aurora-postgresql', storageEncrypted: false })))).status).toBe('fail');
  });
});

describe('aws-rds-instance-auto-minor-version-upgrade-disabled', () => {
  const id = 'aws-rds-instance-auto-minor-version-upgrade-disabled';

  it('passes when enabled and fails when disabled', () => {
    expect(only(run(id, instances(dbInstance()))).status).toBe('pass');
    expect(only(run(id, instances(dbInstance({ autoMinorVersionUpgrade: false }))))).toMatchObject({ status: 'fail', statusDetail: 'Auto minor version upgrade is disabled' });
  });
});

describe('aws-rds-instance-publicly-accessible', () => {
  const id = 'aws-rds-instance-publicly-accessible';

  it('fails a publicly accessible instance, exposed, naming its security groups', () => {
    expect(only(run(id, instances(dbInstance({ publiclyAccessible: true }))))).toMatchObject({ status: 'fail', statusDetail: 'Publicly accessible (security groups: sg-0db)', exposed: true });
  });

  it('passes a private instance, not exposed', () => {
    const result = only(run(id, instances(dbInstance())));
    expect(result.status).toBe('pass');
    expect(result.exposed).toBeUndefined();
  });
});

describe('aws-rds-instance-not-multi-az', () => {
  const id = 'aws-rds-instance-not-multi-az';

  it('passes Multi-AZ and fails single-AZ', () => {
    expect(only(run(id, instances(dbInstance()))).status).toBe('pass');
    expect(only(run(id, instances(dbInstance({ multiAz: false }))))).toMatchObject({ status: 'fail', statusDetail: 'Single-AZ deployment' });
  });

  it('skips Aurora, DocumentDB and Neptune instances, whose availability is the cluster’s', () => {
    expect(run(id, instances(dbInstance({ engine: 'aurora-mysql', multiAz: false }), dbInstance({ engine: 'docdb', multiAz: false }), dbInstance({ engine: 'neptune', multiAz: false })))).toEqual([]);
  });
});

describe('aws-rds-instance-backup-retention-short', () => {
  const id = 'aws-rds-instance-backup-retention-short';

  it('passes 7 days or more', () => {
    expect(only(run(id, instances(dbInstance({ backupRetentionPeriod: 7 })))).statusDetail).toBe('Automated backups kept 7 days');
  });

  it('fails fewer than 7 days, and says when backups are off', () => {
    expect(only(run(id, instances(dbInstance({ backupRetentionPeriod: 3 })))).statusDetail).toBe('Automated backups kept only 3 day(s); at least 7 expected');
    expect(only(run(id, instances(dbInstance({ backupRetentionPeriod: 0 }))))).toMatchObject({ status: 'fail', statusDetail: 'Automated backups are disabled (retention 0 days)' });
  });
});

describe('aws-rds-instance-deletion-protection-disabled', () => {
  const id = 'aws-rds-instance-deletion-protection-disabled';

  it('passes when enabled and fails when disabled', () => {
    expect(only(run(id, instances(dbInstance()))).status).toBe('pass');
    expect(only(run(id, instances(dbInstance({ deletionProtection: false }))))).toMatchObject({ status: 'fail', statusDetail: 'Deletion protection is disabled' });
  });

  it('skips Aurora instances: deletion protection is set on the cluster', () => {
    expect(run(id, instances(dbInstance({ engine: 'aurora', deletionProtection: false })))).toEqual([]);
  });
});

describe('aws-rds-snapshot-public', () => {
  const id = 'aws-rds-snapshot-public';
  const arn = 'arn:aws:rds:us-east-1:123456789012:snapshot:orders-db-before-migration';

  it('fails a snapshot whose restore attribute lists "all": critical, exposed', () => {
    expect(only(run(id, snapshots(dbSnapshot({ restoreAttribute: ok(['all']) }))))).toMatchObject({ resourceId: arn, status: 'fail', exposed: true });
    expect(checkById(id).meta.severity).toBe('critical');
  });

  it('passes a private snapshot and one shared with a specific account', () => {
    const results = run(id, snapshots(dbSnapshot(), dbSnapshot({ dbSnapshotIdentifier: 'shared', arn: 'arn:aws:rds:us-east-1:123456789012:snapshot:shared', restoreAttribute: ok(['210987654321']) })));
    expect(results.map((result) => [result.status, result.statusDetail])).toEqual([
      ['pass', 'Not shared'],
      ['pass', 'Not public; shared with 1 account(s)'],
    ]);
  });

  it('answers unknown when the restore attribute could not be read', () => {
    expect(only(run(id, snapshots(dbSnapshot({ restoreAttribute: failed() }))))).toMatchObject({ resourceId: arn, status: 'unknown', statusDetail: `Could not check: ${ACCESS_DENIED}` });
  });
});
