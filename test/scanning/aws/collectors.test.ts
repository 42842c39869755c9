/**
 * The AWS collectors through the real SDK clients against a local fake of AWS (endpoint override):
 * every part from a small account, pagination over many pages, throttling and Retry-After, access
 * denied, a failing region, only the parts asked for, S3 per-bucket regions, bad credentials.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { createAwsClients } from '../../../src/scanning/providers/aws/clients.js';
import { collectAws } from '../../../src/scanning/providers/aws/collect.js';
import { AWS_PARTS, type AwsPart, type AwsSnapshot, type Collected, type Regional } from '../../../src/scanning/providers/aws/snapshot.js';
import { largeAccount } from '../../fakes/aws/large-account.js';
import { emptyAccount, regionOf } from '../../fakes/aws/model.js';
import { ACCOUNT_ID, smallAccount } from '../../fakes/aws/small-account.js';
import { CREDENTIALS, startHarness, type Harness } from './collectors/harness.js';

function value<T>(collected: Collected<T> | undefined): T {
  if (!collected) throw new Error('part not collected');
  if (!collected.ok) throw new Error(`part failed: ${collected.error}`);
  return collected.value;
}

function inRegion<T>(regional: Regional<T> | undefined, region: string): T {
  return value(regional?.[region]);
}

function errorOf(collected: Collected<unknown> | undefined): string {
  if (!collected) throw new Error('part not collected');
  if (collected.ok) throw new Error('expected the part to have failed');
  return collected.error;
}

function entriesOf(snapshot: AwsSnapshot, part: AwsPart): Collected<unknown>[] {
  const collected = snapshot.parts[part] as Collected<unknown> | Regional<unknown> | undefined;
  if (!collected) return [];
  return 'ok' in collected && typeof collected.ok === 'boolean' ? [collected] : Object.values(collected);
}

/** Deterministic "random" for fault injection (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('a small account, every part', () => {
  let h: Harness;
  let snapshot: AwsSnapshot;
  const progress: [number, number][] = [];

  beforeAll(async () => {
    h = await startHarness(smallAccount());
    snapshot = await collectAws({ parts: AWS_PARTS, clients: h.clients, onProgress: (done, total) => progress.push([done, total]) });
  });
  afterAll(() => h.close());

  it('identifies the account, partition and the enabled regions (not-opted-in ones left out)', () => {
    expect(snapshot.accountId).toBe(ACCOUNT_ID);
    expect(snapshot.partition).toBe('aws');
    expect(snapshot.regions).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('collects every part, in every region, without error, and reports progress to the end', () => {
    for (const part of AWS_PARTS) {
      const entries = entriesOf(snapshot, part);
      expect(entries.length, part).toBeGreaterThan(0);
      for (const entry of entries) expect(entry.ok ? '' : entry.error, part).toBe('');
    }
    const total = 8 + 18 * 2;
    expect(progress.at(0)).toEqual([0, total]);
    expect(progress.at(-1)).toEqual([total, total]);
  });

  it('parses the credential report: root row, N/A and not_supported as null/false', () => {
    const report = value(snapshot.parts['iam.credentialReport']);
    expect(report.map((r) => r.user)).toEqual(['<root_account>', 'alice', 'ci+deploy@example']);
    expect(report[0]).toMatchObject({ arn: `arn:aws:iam::${ACCOUNT_ID}:root`, passwordEnabled: false, passwordLastUsed: '2024-04-01T00:00:00.000Z', passwordLastChanged: null, mfaActive: true, accessKey1Active: false, accessKey1LastRotated: null });
    expect(report[1]).toMatchObject({ passwordEnabled: true, mfaActive: true, accessKey1Active: true, accessKey1LastRotated: '2023-01-01T00:00:00.000Z', accessKey1LastUsed: null, accessKey2Active: false });
    expect(report[2]).toMatchObject({ passwordEnabled: false, passwordLastUsed: null, accessKey1LastUsed: '2024-06-01T08:00:00.000Z' });
    // STARTED, then COMPLETE: one poll.
    expect(h.fake.count({ operation: 'GenerateCredentialReport' })).toBe(2);
  });

  it('collects the account summary, password policy, MFA devices and server certificates', () => {
    expect(value(snapshot.parts['iam.accountSummary'])).toEqual({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 2, Policies: 1 });
    expect(value(snapshot.parts['iam.passwordPolicy'])).toEqual({
      minimumPasswordLength: 14,
      requireSymbols: true,
      requireNumbers: true,
      requireUppercaseCharacters: true,
      requireLowercaseCharacters: false,
      allowUsersToChangePassword: true,
      maxPasswordAge: 90,
      passwordReusePrevention: 24,
      hardExpiry: false,
    });
    expect(value(snapshot.parts['iam.virtualMfaDevices'])).toEqual([
      { serialNumber: `arn:aws:iam::${ACCOUNT_ID}:mfa/root-account-mfa-device`, userArn: `arn:aws:iam::${ACCOUNT_ID}:root` },
      { serialNumber: `arn:aws:iam::${ACCOUNT_ID}:mfa/spare`, userArn: null },
    ]);
    expect(value(snapshot.parts['iam.serverCertificates'])).toEqual([
      { name: 'old-cert', arn: `arn:aws:iam::${ACCOUNT_ID}:server-certificate/old-cert`, expiration: '2020-01-01T00:00:00.000Z' },
    ]);
  });

  it('URL-decodes and parses every IAM policy document; keeps attached AWS-managed policies only', () => {
    const auth = value(snapshot.parts['iam.authorization']);
    const alice = auth.users.find((u) => u.name === 'alice');
    expect(alice).toEqual({
      name: 'alice',
      arn: `arn:aws:iam::${ACCOUNT_ID}:user/alice`,
      createDate: '2021-05-01T12:00:00.000Z',
      inlinePolicies: [{ name: 'admin-ish', document: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'iam:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } } } }],
      attachedPolicies: [{ name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      groups: ['admins'],
      tags: { team: 'platform' },
    });
    expect(auth.groups).toEqual([{ name: 'admins', arn: `arn:aws:iam::${ACCOUNT_ID}:group/admins`, inlinePolicies: [], attachedPolicies: [{ name: 'everything', arn: `arn:aws:iam::${ACCOUNT_ID}:policy/everything` }] }]);
    const deployer = auth.roles.find((r) => r.name === 'deployer');
    expect(deployer).toMatchObject({
      arn: `arn:aws:iam::${ACCOUNT_ID}:role/service/deployer`,
      path: '/service/',
      lastUsed: '2024-06-02T00:00:00.000Z',
      assumeRolePolicy: { Statement: [{ Principal: { Service: 'codebuild.amazonaws.com' } }] },
      inlinePolicies: [{ name: 's3-100%', document: { Statement: [{ Resource: 'arn:aws:s3:::a b/*' }] } }],
    });
    expect(auth.roles.find((r) => r.name === 'unused')?.lastUsed).toBeNull();
    expect(auth.policies.map((p) => [p.name, p.awsManaged, p.attachmentCount])).toEqual([
      ['everything', false, 1],
      ['ReadOnlyAccess', true, 1],
    ]);
    // The default version's document, not the first one listed.
    expect(auth.policies[0]?.document).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
  });

  it('collects each bucket in its own region with every setting, and the account-level Block Public Access', () => {
    const buckets = value(snapshot.parts['s3.buckets']);
    expect(buckets).toEqual([
      {
        name: 'public-site',
        arn: 'arn:aws:s3:::public-site',
        region: 'us-east-1',
        createdAt: '2021-01-01T00:00:00.000Z',
        tags: { ok: true, value: {} },
        ownership: { ok: true, value: null },
        acl: {
          ok: true,
          value: {
            ownerId: 'owner-canonical-id',
            grants: [
              { granteeType: 'CanonicalUser', grantee: 'owner-canonical-id', permission: 'FULL_CONTROL' },
              { granteeType: 'Group', grantee: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' },
              { granteeType: 'AmazonCustomerByEmail', grantee: 'someone@example.com', permission: 'WRITE_ACP' },
            ],
          },
        },
        policy: { ok: true, value: { Version: '2012-10-17', Statement: [{ Sid: 'public', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::public-site/*' }] } },
        policyStatus: { ok: true, value: { isPublic: true } },
        publicAccessBlock: { ok: true, value: null },
        encryption: { ok: true, value: null },
        versioning: { ok: true, value: { status: 'Suspended', mfaDelete: false } },
        logging: { ok: true, value: null },
      },
      {
        name: 'locked-down',
        arn: 'arn:aws:s3:::locked-down',
        region: 'eu-west-1',
        createdAt: '2022-02-02T00:00:00.000Z',
        tags: { ok: true, value: { classification: 'secret' } },
        ownership: { ok: true, value: 'BucketOwnerEnforced' },
        acl: { ok: true, value: { ownerId: 'owner-canonical-id', grants: [{ granteeType: 'CanonicalUser', grantee: 'owner-canonical-id', permission: 'FULL_CONTROL' }] } },
        policy: { ok: true, value: null },
        policyStatus: { ok: true, value: null },
        publicAccessBlock: { ok: true, value: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true } },
        encryption: { ok: true, value: { algorithm: 'aws:kms', kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k-eu', bucketKeyEnabled: true } },
        versioning: { ok: true, value: { status: 'Enabled', mfaDelete: true } },
        logging: { ok: true, value: { targetBucket: 'logs', targetPrefix: 'locked-down/' } },
      },
    ]);
    expect(value(snapshot.parts['s3.accountPublicAccessBlock'])).toEqual({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false });
  });

  it('sends every per-bucket call to the bucket’s region: no redirects; ListBuckets named the regions', () => {
    const bucketCalls = h.fake.calls.filter((c) => c.service === 's3' && c.bucket !== undefined);
    // Nine calls per bucket, less GetBucketPolicyStatus for a bucket without a policy.
    const withPolicy = h.fake.account.s3.buckets.filter((b) => b.policy !== undefined).length;
    expect(bucketCalls.length).toBe(2 * 8 + withPolicy);
    expect(h.fake.count({ operation: 'GetBucketPolicyStatus' })).toBe(withPolicy);
    for (const call of bucketCalls) expect(call.region, `${call.operation} ${call.bucket ?? ''}`).toBe(call.bucket === 'public-site' ? 'us-east-1' : 'eu-west-1');
    expect(h.fake.count({ status: 301 })).toBe(0);
    expect(h.fake.count({ operation: 'GetBucketLocation' })).toBe(0);
  });

  it('collects the EC2 parts of each region exactly as the account holds them', () => {
    const account = h.fake.account;
    for (const region of ['us-east-1', 'eu-west-1']) {
      const model = regionOf(account, region);
      expect(inRegion(snapshot.parts['ec2.securityGroups'], region)).toEqual(model.securityGroups);
      expect(inRegion(snapshot.parts['ec2.networkInterfaces'], region)).toEqual(model.networkInterfaces);
      expect(inRegion(snapshot.parts['ec2.instances'], region)).toEqual(model.instances);
      expect(inRegion(snapshot.parts['ec2.volumes'], region)).toEqual(model.volumes);
      expect(inRegion(snapshot.parts['ec2.vpcs'], region)).toEqual(model.vpcs);
      expect(inRegion(snapshot.parts['ec2.flowLogs'], region)).toEqual(model.flowLogs);
      expect(inRegion(snapshot.parts['ec2.networkAcls'], region)).toEqual(model.networkAcls);
      expect(inRegion(snapshot.parts['ec2.ebsEncryptionByDefault'], region)).toBe(model.ebsEncryptionByDefault);
      expect(inRegion(snapshot.parts['ec2.snapshots'], region)).toEqual(model.snapshots.map((s) => ({ ...s, createVolumePermission: { ok: true, value: s.createVolumePermission } })));
    }
  });

  it('collects trails with shadow trails; status and selectors once per trail, in its home region', () => {
    const east = inRegion(snapshot.parts['cloudtrail.trails'], 'us-east-1');
    const west = inRegion(snapshot.parts['cloudtrail.trails'], 'eu-west-1');
    expect(east.map((t) => t.name)).toEqual(['org-wide']);
    expect(west.map((t) => t.name).sort()).toEqual(['eu-only', 'org-wide']);
    expect(east[0]).toEqual({
      name: 'org-wide',
      arn: `arn:aws:cloudtrail:us-east-1:${ACCOUNT_ID}:trail/org-wide`,
      homeRegion: 'us-east-1',
      isMultiRegion: true,
      isOrganizationTrail: false,
      s3BucketName: 'logs',
      logFileValidationEnabled: true,
      kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k-1',
      cloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:111122223333:log-group:trail:*',
      includeGlobalServiceEvents: true,
      status: { ok: true, value: { isLogging: true, latestDeliveryTime: '2024-06-01T00:00:00.000Z' } },
      // WriteOnly + ReadOnly management selectors make All; S3 data events on every bucket, read only.
      selectors: { ok: true, value: { readWriteType: 'All', includeManagementEvents: true, s3DataEvents: 'ReadOnly' } },
    });
    const euOnly = west.find((t) => t.name === 'eu-only');
    expect(euOnly?.status).toEqual({ ok: true, value: { isLogging: false, latestDeliveryTime: null } });
    expect(euOnly?.selectors).toEqual({ ok: true, value: { readWriteType: 'WriteOnly', includeManagementEvents: true, s3DataEvents: 'All' } });
    expect(h.fake.count({ operation: 'GetTrailStatus' })).toBe(2);
    expect(h.fake.count({ operation: 'GetTrailStatus', region: 'us-east-1' })).toBe(1);
    expect(h.fake.count({ operation: 'GetEventSelectors', region: 'eu-west-1' })).toBe(1);
  });

  it('collects KMS keys: rotation asked only of enabled symmetric customer keys, a sensible value for the rest', () => {
    const keys = inRegion(snapshot.parts['kms.keys'], 'us-east-1');
    const byId = Object.fromEntries(keys.map((k) => [k.keyId, k]));
    expect(byId['k-1']).toMatchObject({ keyManager: 'CUSTOMER', keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS', rotationEnabled: { ok: true, value: false } });
    expect(byId['k-1']?.policy).toEqual({ ok: true, value: { Version: '2012-10-17', Statement: [{ Sid: 'root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` }, Action: 'kms:*', Resource: '*' }] } });
    expect(byId['k-aws']?.rotationEnabled).toEqual({ ok: true, value: true });
    expect(byId['k-rsa']?.rotationEnabled).toEqual({ ok: true, value: false });
    expect(byId['k-gone']?.rotationEnabled).toEqual({ ok: true, value: false });
    expect(h.fake.count({ operation: 'GetKeyRotationStatus' })).toBe(1);
    expect(inRegion(snapshot.parts['kms.keys'], 'eu-west-1')).toEqual([]);
  });

  it('collects RDS instances and manual snapshots with their restore attribute', () => {
    expect(inRegion(snapshot.parts['rds.instances'], 'us-east-1')).toEqual(regionOf(h.fake.account, 'us-east-1').dbInstances);
    expect(inRegion(snapshot.parts['rds.snapshots'], 'us-east-1')).toEqual([
      { dbSnapshotIdentifier: 'db-1-public', arn: `arn:aws:rds:us-east-1:${ACCOUNT_ID}:snapshot:db-1-public`, encrypted: false, snapshotType: 'manual', restoreAttribute: { ok: true, value: ['all'] } },
      { dbSnapshotIdentifier: 'db-1-private', arn: `arn:aws:rds:us-east-1:${ACCOUNT_ID}:snapshot:db-1-private`, encrypted: true, snapshotType: 'manual', restoreAttribute: { ok: true, value: [] } },
    ]);
  });

  it('collects Config recorders, GuardDuty detectors, Security Hub and Access Analyzer per region', () => {
    expect(inRegion(snapshot.parts['config.recorders'], 'us-east-1')).toEqual([{ name: 'default', allSupported: true, includeGlobalResourceTypes: true, recording: true, lastStatus: 'SUCCESS' }]);
    expect(inRegion(snapshot.parts['config.recorders'], 'eu-west-1')).toEqual([{ name: 'default', allSupported: false, includeGlobalResourceTypes: false, recording: false, lastStatus: null }]);
    // Rules joined with their compliance; a rule not evaluated yet reads INSUFFICIENT_DATA.
    expect(inRegion(snapshot.parts['config.rules'], 'us-east-1').map((r) => [r.name, r.compliance, r.nonCompliantResources, r.sourceIdentifier])).toEqual([
      ['s3-bucket-server-side-encryption-enabled', 'NON_COMPLIANT', 2, 'S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED'],
      ['iam-root-access-key-check', 'COMPLIANT', 0, 'IAM_ROOT_ACCESS_KEY_CHECK'],
      ['restricted-ssh', 'INSUFFICIENT_DATA', 0, 'INCOMING_SSH_DISABLED'],
    ]);
    expect(inRegion(snapshot.parts['config.rules'], 'eu-west-1')).toEqual([]);
    expect(inRegion(snapshot.parts['guardduty.detectors'], 'us-east-1')).toEqual([{ detectorId: 'det-1', status: 'ENABLED' }]);
    expect(inRegion(snapshot.parts['guardduty.detectors'], 'eu-west-1')).toEqual([{ detectorId: 'det-eu', status: 'DISABLED' }]);
    // "not subscribed" (InvalidAccessException) is an answer, not an error.
    expect(inRegion(snapshot.parts['securityhub.hub'], 'us-east-1')).toEqual({ enabled: true });
    expect(inRegion(snapshot.parts['securityhub.hub'], 'eu-west-1')).toEqual({ enabled: false });
    expect(inRegion(snapshot.parts['accessanalyzer.analyzers'], 'us-east-1')).toEqual([
      { name: 'account', arn: `arn:aws:access-analyzer:us-east-1:${ACCOUNT_ID}:analyzer/account`, type: 'ACCOUNT', status: 'ACTIVE' },
    ]);
    expect(inRegion(snapshot.parts['accessanalyzer.analyzers'], 'eu-west-1')).toEqual([]);
  });

  it('counts calls and attempts through the client middleware, matching what the fake saw', () => {
    const stats = h.clients.stats.summary();
    expect(stats.calls).toBe(h.fake.calls.length);
    expect(stats.attempts).toBe(h.fake.calls.length);
    expect(stats.retries).toBe(0);
    expect(stats.byOperation['s3:GetBucketAcl']).toBe(2);
    expect(stats.byOperation['sts:GetCallerIdentity']).toBe(1);
  });
});

describe('many pages, with and without throttling', () => {
  const sizes = { users: 1200, roles: 150, mfaDevices: 260, securityGroups: 2500, instances: 120, snapshots: 60, buckets: 200, kmsKeys: 120, dbInstances: 130 };
  const parts: AwsPart[] = [
    'iam.authorization',
    'iam.virtualMfaDevices',
    's3.buckets',
    'ec2.securityGroups',
    'ec2.instances',
    'ec2.snapshots',
    'kms.keys',
    'rds.instances',
  ];
  let calm: AwsSnapshot;
  let h: Harness;

  beforeAll(async () => {
    // Pages of at most 100 items whatever was asked for: AWS may always return fewer.
    h = await startHarness(largeAccount(sizes), { pageSizeCap: 100 });
    calm = await collectAws({ parts, clients: h.clients });
  });
  afterAll(() => h.close());

  it('follows every page to the end: 1,200 users, 2,500 security groups, 200 buckets, ...', () => {
    const auth = value(calm.parts['iam.authorization']);
    expect(auth.users).toHaveLength(1200);
    expect(new Set(auth.users.map((u) => u.name)).size).toBe(1200);
    expect(auth.roles).toHaveLength(150);
    expect(auth.users[10]?.inlinePolicies[0]?.document.Statement).toEqual([{ Sid: 's10', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket-10/*' }]);
    expect(value(calm.parts['iam.virtualMfaDevices'])).toHaveLength(260);
    const groups = inRegion(calm.parts['ec2.securityGroups'], 'us-east-1');
    expect(groups).toHaveLength(2500);
    expect(new Set(groups.map((g) => g.groupId)).size).toBe(2500);
    for (const region of calm.regions) {
      expect(inRegion(calm.parts['ec2.securityGroups'], region)).toHaveLength(region === 'us-east-1' ? 2500 : 150);
      expect(inRegion(calm.parts['ec2.instances'], region)).toHaveLength(120);
      expect(inRegion(calm.parts['ec2.snapshots'], region)).toHaveLength(60);
      expect(inRegion(calm.parts['kms.keys'], region)).toHaveLength(120);
      expect(inRegion(calm.parts['rds.instances'], region)).toHaveLength(130);
    }
    const buckets = value(calm.parts['s3.buckets']);
    expect(buckets).toHaveLength(200);
    expect(buckets.filter((b) => b.policy.ok && b.policy.value !== null)).toHaveLength(50);
    // Pages of 100: (1,200 users + 150 roles), 2,500 + 150 + 150 groups, 130 DB instances in each of 3 regions.
    expect(h.fake.count({ operation: 'GetAccountAuthorizationDetails' })).toBe(14);
    expect(h.fake.count({ operation: 'DescribeSecurityGroups' })).toBe(25 + 2 + 2);
    expect(h.fake.count({ operation: 'DescribeDBInstances' })).toBe(6);
    expect(h.fake.count({ operation: 'ListBuckets' })).toBe(2);
  });

  it('loses and duplicates nothing when ~20% of calls are throttled in each service’s own way', async () => {
    const random = seeded(42);
    h.fake.faults = {
      // Never more than two throttles in a row for one call, so the test cannot flake on eight.
      hook: ({ attempt }) => {
        if (attempt > 2) return undefined;
        const r = random();
        if (r < 0.15) return { kind: 'throttle' };
        if (r < 0.2) return { kind: 'tooManyRequests', retryAfterSeconds: 0 };
        return undefined;
      },
    };
    const before = h.fake.calls.length;
    const clients = h.newClients();
    const throttled = await collectAws({ parts, clients });
    h.fake.faults = {};

    expect(throttled).toEqual(calm);
    const calls = h.fake.calls.slice(before);
    const throttles = calls.filter((c) => c.status === 429 || c.status === 503 || (c.status === 400 && ['iam', 'sts', 'rds', 'kms', 'cloudtrail', 'config'].includes(c.service)));
    expect(throttles.length / calls.length).toBeGreaterThan(0.15);
    // Every throttled request was sent again. On a loaded machine a kept-alive socket can also be
    // closed under a request now and then, which the SDK retries as transient: allow a couple.
    const stats = clients.stats.summary();
    expect(stats.throttled).toBe(throttles.length);
    const transient = stats.retries - throttles.length;
    expect(transient).toBeGreaterThanOrEqual(0);
    expect(transient).toBeLessThanOrEqual(3);
    expect(stats.attempts).toBeGreaterThanOrEqual(calls.length);
    expect(stats.attempts - calls.length).toBeLessThanOrEqual(transient);
    // The shapes were the services' own: EC2 RequestLimitExceeded and S3 SlowDown come as 503.
    expect(calls.some((c) => c.service === 'ec2' && c.status === 503)).toBe(true);
    expect(calls.some((c) => c.service === 's3' && c.status === 503)).toBe(true);
    expect(calls.some((c) => c.service === 'iam' && c.status === 400)).toBe(true);
  });
});

describe('named regions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(smallAccount());
  });
  afterAll(() => h.close());

  it('scopes S3 buckets to the regions asked for, and asks nothing about the others', async () => {
    const start = h.fake.calls.length;
    const snapshot = await collectAws({ parts: ['s3.buckets'], regions: ['us-east-1'], clients: h.clients });
    const buckets = value(snapshot.parts['s3.buckets']);
    expect(buckets.length).toBeGreaterThan(0);
    expect(buckets.every((b) => b.region === 'us-east-1')).toBe(true);
    const perBucket = h.fake.calls.slice(start).filter((c) => c.service === 's3' && c.bucket !== undefined);
    expect(perBucket.length).toBeGreaterThan(0);
    expect(perBucket.every((c) => c.region === 'us-east-1')).toBe(true);
  });
});

describe('retries', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(smallAccount());
  });
  afterEach(() => {
    h.fake.faults = {};
  });
  afterAll(() => h.close());

  it('waits as long as Retry-After says, even when its own backoff is shorter', async () => {
    h.fake.faults = {
      hook: ({ operation, attempt }) => (attempt === 1 && (operation === 'GetAccountSummary' || operation === 'ListKeys') ? { kind: 'tooManyRequests', retryAfterSeconds: 1 } : undefined),
    };
    const start = h.fake.calls.length;
    const snapshot = await collectAws({ parts: ['iam.accountSummary', 'kms.keys'], regions: ['us-east-1'], clients: h.clients });
    expect(value(snapshot.parts['iam.accountSummary'])).toMatchObject({ Users: 2 });
    expect(inRegion(snapshot.parts['kms.keys'], 'us-east-1')).toHaveLength(4);
    const calls = h.fake.calls.slice(start);
    for (const operation of ['GetAccountSummary', 'ListKeys']) {
      const [first, second] = calls.filter((c) => c.operation === operation);
      expect(first?.status).toBe(429);
      expect(second?.status).toBe(200);
      expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
    }
  });

  it('gives up after maxAttempts and records the throttling error for that part only', async () => {
    h.fake.faults = { hook: ({ operation }) => (operation === 'GetAccountPasswordPolicy' ? { kind: 'throttle' } : undefined) };
    const start = h.fake.calls.length;
    const snapshot = await collectAws({ parts: ['iam.passwordPolicy', 'iam.accountSummary'], clients: h.clients });
    expect(errorOf(snapshot.parts['iam.passwordPolicy'])).toBe('Throttling: Rate exceeded');
    expect(value(snapshot.parts['iam.accountSummary'])).toMatchObject({ Users: 2 });
    expect(h.fake.calls.slice(start).filter((c) => c.operation === 'GetAccountPasswordPolicy')).toHaveLength(8);
  });

  it('retries a dropped connection a few times, then fails only that part', async () => {
    h.fake.faults = { hook: ({ operation }) => (operation === 'ListServerCertificates' ? { kind: 'reset' } : undefined) };
    const start = h.fake.calls.length;
    const snapshot = await collectAws({ parts: ['iam.serverCertificates', 'iam.virtualMfaDevices'], clients: h.clients });
    expect(errorOf(snapshot.parts['iam.serverCertificates'])).toMatch(/ECONNRESET|socket hang up/);
    expect(value(snapshot.parts['iam.virtualMfaDevices'])).toHaveLength(2);
    expect(h.fake.calls.slice(start).filter((c) => c.operation === 'ListServerCertificates')).toHaveLength(3);
  });
});

describe('failures stay with the part that had them', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(smallAccount());
  });
  afterEach(() => {
    h.fake.faults = {};
  });
  afterAll(() => h.close());

  it('AccessDenied on one service fails that service’s parts in every region; everything else is collected', async () => {
    h.fake.faults = { accessDenied: ['kms', 'iam:GetAccountSummary'] };
    const snapshot = await collectAws({ parts: AWS_PARTS, clients: h.clients });
    for (const region of ['us-east-1', 'eu-west-1']) {
      expect(errorOf(snapshot.parts['kms.keys']?.[region])).toMatch(/^AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role\/Auditor\/cloudsentinel is not authorized to perform: kms:ListKeys/);
    }
    expect(errorOf(snapshot.parts['iam.accountSummary'])).toMatch(/^AccessDenied: .*iam:GetAccountSummary/);
    for (const part of AWS_PARTS.filter((p) => p !== 'kms.keys' && p !== 'iam.accountSummary')) {
      for (const entry of entriesOf(snapshot, part)) expect(entry.ok ? '' : entry.error, part).toBe('');
    }
  });

  it('one denied call for one bucket fails only that bucket’s piece', async () => {
    h.fake.faults = { hook: ({ operation, bucket }) => (bucket === 'public-site' && operation === 'GetBucketPolicy' ? { kind: 'accessDenied' } : undefined) };
    const buckets = value((await collectAws({ parts: ['s3.buckets'], clients: h.clients })).parts['s3.buckets']);
    const [site, locked] = buckets;
    expect(site?.policy).toEqual({ ok: false, error: 'AccessDenied: Access Denied' });
    expect(site?.policyStatus.ok).toBe(true);
    expect(site?.acl.ok).toBe(true);
    expect(locked?.policy).toEqual({ ok: true, value: null });
  });

  it('EC2 UnauthorizedOperation and a denied snapshot attribute: the part, or the one snapshot', async () => {
    h.fake.faults = { accessDenied: ['ec2:DescribeVpcs', 'ec2:DescribeSnapshotAttribute'] };
    const snapshot = await collectAws({ parts: ['ec2.vpcs', 'ec2.snapshots'], regions: ['us-east-1'], clients: h.clients });
    expect(errorOf(snapshot.parts['ec2.vpcs']?.['us-east-1'])).toBe('UnauthorizedOperation: You are not authorized to perform this operation.');
    const snapshots = inRegion(snapshot.parts['ec2.snapshots'], 'us-east-1');
    expect(snapshots.map((s) => s.snapshotId)).toEqual(['snap-public', 'snap-shared']);
    for (const s of snapshots) expect(s.createVolumePermission.ok).toBe(false);
  });

  it.each(['error', 'reset'] as const)('a region where every call fails (%s) fails that region’s parts; other regions are fine', async (mode) => {
    h.fake.faults = { failingRegions: { 'eu-west-1': mode } };
    const parts: AwsPart[] = ['ec2.securityGroups', 'cloudtrail.trails', 'kms.keys', 'guardduty.detectors', 'securityhub.hub', 's3.buckets', 'iam.passwordPolicy'];
    const snapshot = await collectAws({ parts, regions: ['us-east-1', 'eu-west-1'], clients: h.clients });
    const expected = mode === 'error' ? /^InternalError: We encountered an internal error/ : /ECONNRESET|socket hang up/;
    for (const part of ['ec2.securityGroups', 'cloudtrail.trails', 'kms.keys', 'guardduty.detectors', 'securityhub.hub'] as const) {
      expect(errorOf(snapshot.parts[part]?.['eu-west-1']), part).toMatch(expected);
      expect(snapshot.parts[part]?.['us-east-1']?.ok, part).toBe(true);
    }
    // The multi-region trail is still read in us-east-1; the bucket that lives in eu-west-1 cannot be read.
    expect(inRegion(snapshot.parts['cloudtrail.trails'], 'us-east-1')[0]?.status.ok).toBe(true);
    const [site, locked] = value(snapshot.parts['s3.buckets']);
    expect(site?.acl.ok).toBe(true);
    expect(locked?.acl.ok).toBe(false);
    expect(value(snapshot.parts['iam.passwordPolicy'])?.minimumPasswordLength).toBe(14);
  });

  it('scans the home region, and says so, when region discovery is denied', async () => {
    h.fake.faults = { accessDenied: ['ec2:DescribeRegions'] };
    const warnings: string[] = [];
    const snapshot = await collectAws({ parts: ['ec2.vpcs'], clients: h.clients, onWarning: (m) => warnings.push(m) });
    expect(snapshot.regions).toEqual(['us-east-1']);
    expect(inRegion(snapshot.parts['ec2.vpcs'], 'us-east-1')).toHaveLength(1);
    expect(warnings).toEqual([expect.stringMatching(/^Could not list the account's regions \(UnauthorizedOperation: .*\); scanning us-east-1 only\.$/)]);
  });
});

describe('only the parts asked for', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(smallAccount());
  });
  afterAll(() => h.close());

  const operations = (from: number) => h.fake.calls.slice(from).map((c) => `${c.service}:${c.operation}@${c.region}`).sort();

  it('calls just what the requested parts need', async () => {
    const start = h.fake.calls.length;
    const snapshot = await collectAws({ parts: ['ec2.vpcs', 'iam.passwordPolicy', 'ec2.vpcs'], clients: h.clients });
    expect(Object.keys(snapshot.parts).sort()).toEqual(['ec2.vpcs', 'iam.passwordPolicy']);
    expect(operations(start)).toEqual([
      'ec2:DescribeRegions@us-east-1',
      'ec2:DescribeVpcs@eu-west-1',
      'ec2:DescribeVpcs@us-east-1',
      'iam:GetAccountPasswordPolicy@us-east-1',
      'sts:GetCallerIdentity@us-east-1',
    ]);
  });

  it('does not discover regions for global parts, nor when regions are given', async () => {
    let start = h.fake.calls.length;
    await collectAws({ parts: ['s3.accountPublicAccessBlock'], clients: h.clients });
    expect(operations(start)).toEqual(['s3control:GetPublicAccessBlock@us-east-1', 'sts:GetCallerIdentity@us-east-1']);
    start = h.fake.calls.length;
    const snapshot = await collectAws({ parts: ['ec2.snapshots'], regions: ['eu-west-1'], clients: h.clients });
    expect(snapshot.regions).toEqual(['eu-west-1']);
    expect(operations(start)).toEqual(['ec2:DescribeSnapshots@eu-west-1', 'sts:GetCallerIdentity@us-east-1']);
  });

  it('includes cheap dependencies: ec2.snapshots asks each snapshot’s createVolumePermission', async () => {
    const start = h.fake.calls.length;
    await collectAws({ parts: ['ec2.snapshots'], regions: ['us-east-1'], clients: h.clients });
    expect(operations(start)).toEqual([
      'ec2:DescribeSnapshotAttribute@us-east-1',
      'ec2:DescribeSnapshotAttribute@us-east-1',
      'ec2:DescribeSnapshots@us-east-1',
      'sts:GetCallerIdentity@us-east-1',
    ]);
  });
});

describe('scheduling', () => {
  it('asks about the first page of buckets while the next page of the listing is still coming', async () => {
    const none = { users: 0, roles: 0, mfaDevices: 0, securityGroups: 0, instances: 0, snapshots: 0, kmsKeys: 0, dbInstances: 0 };
    const h = await startHarness(largeAccount({ ...none, buckets: 200 }), { pageSizeCap: 100 });
    try {
      let listings = 0;
      // The listing's second page is answered "429, retry after 1 s" once: page one's buckets must not wait for it.
      h.fake.faults = {
        hook: ({ operation, attempt }) => {
          if (operation !== 'ListBuckets' || attempt !== 1) return undefined;
          listings += 1;
          return listings === 2 ? { kind: 'tooManyRequests', retryAfterSeconds: 1 } : undefined;
        },
      };
      const snapshot = await collectAws({ parts: ['s3.buckets'], clients: h.clients });
      const buckets = value(snapshot.parts['s3.buckets']);
      expect(buckets).toHaveLength(200);
      // In listing order, whatever order their answers came in.
      expect(buckets.map((b) => b.name)).toEqual([...buckets.map((b) => b.name)].sort());
      const lastPage = h.fake.calls.findIndex((c) => c.operation === 'ListBuckets' && c.status === 200 && c.attempt === 2);
      const beforeIt = h.fake.calls.slice(0, lastPage).filter((c) => c.bucket !== undefined);
      expect(beforeIt.length).toBeGreaterThan(0);
    } finally {
      await h.close();
    }
  });

  it('starts the long parts (every bucket, the authorization details, the credential report) before the one-call parts', async () => {
    const h = await startHarness(smallAccount());
    try {
      const start = h.fake.calls.length;
      // One task at a time: the order the tasks start in is the order their first calls arrive.
      await collectAws({ parts: ['accessanalyzer.analyzers', 'ec2.vpcs', 'iam.credentialReport', 's3.buckets', 'iam.authorization'], regions: ['us-east-1'], concurrency: 1, clients: h.clients });
      const firstCalls = [...new Set(h.fake.calls.slice(start).map((c) => `${c.service}:${c.operation}`))];
      expect(firstCalls.slice(0, 2)).toEqual(['sts:GetCallerIdentity', 'iam:GenerateCredentialReport']);
      expect(firstCalls.indexOf('s3:ListBuckets')).toBeLessThan(firstCalls.indexOf('accessanalyzer:ListAnalyzers'));
      expect(firstCalls.indexOf('iam:GetAccountAuthorizationDetails')).toBeLessThan(firstCalls.indexOf('ec2:DescribeVpcs'));
    } finally {
      await h.close();
    }
  });
});

describe('S3 bucket regions', () => {
  it('asks GetBucketLocation when ListBuckets names no region: "" is us-east-1, "EU" is eu-west-1', async () => {
    const account = smallAccount();
    account.s3.listBucketsOmitsRegion = true;
    account.s3.buckets.push({ ...structuredClone(account.s3.buckets[1]!), name: 'legacy-eu', locationConstraint: 'EU' });
    const h = await startHarness(account);
    try {
      const buckets = value((await collectAws({ parts: ['s3.buckets'], clients: h.clients })).parts['s3.buckets']);
      expect(buckets.map((b) => [b.name, b.region])).toEqual([
        ['public-site', 'us-east-1'],
        ['locked-down', 'eu-west-1'],
        ['legacy-eu', 'eu-west-1'],
      ]);
      for (const b of buckets) expect(b.acl.ok && b.versioning.ok && b.tags.ok).toBe(true);
      expect(h.fake.count({ operation: 'GetBucketLocation' })).toBe(3);
      expect(h.fake.count({ status: 301 })).toBe(0);
    } finally {
      await h.close();
    }
  });

  it('a bucket whose location is denied is kept, with every piece saying why', async () => {
    const account = smallAccount();
    account.s3.listBucketsOmitsRegion = true;
    const h = await startHarness(account, { faults: { hook: ({ operation, bucket }) => (operation === 'GetBucketLocation' && bucket === 'locked-down' ? { kind: 'accessDenied' } : undefined) } });
    try {
      const [site, locked] = value((await collectAws({ parts: ['s3.buckets'], clients: h.clients })).parts['s3.buckets']);
      expect(site?.region).toBe('us-east-1');
      expect(locked?.region).toBe('unknown');
      expect(locked?.acl).toEqual({ ok: false, error: 'GetBucketLocation failed: AccessDenied: Access Denied' });
    } finally {
      await h.close();
    }
  });
});

describe('concurrency', () => {
  it('keeps calls in flight within the per service × region and total limits', async () => {
    const account = largeAccount({ users: 0, roles: 0, mfaDevices: 0, securityGroups: 0, instances: 0, snapshots: 30, buckets: 0, kmsKeys: 30, dbInstances: 0 });
    const h = await startHarness(account, { faults: { latencyMs: 15 } }, { concurrency: { perServiceRegion: 3, total: 5 } });
    try {
      const snapshot = await collectAws({ parts: ['ec2.snapshots', 'kms.keys'], clients: h.clients });
      expect(inRegion(snapshot.parts['ec2.snapshots'], 'us-east-1')).toHaveLength(30);
      for (const [key, peak] of Object.entries(h.fake.peak.byServiceRegion)) expect(peak, key).toBeLessThanOrEqual(3);
      expect(Math.max(...Object.values(h.fake.peak.byServiceRegion))).toBe(3);
      expect(h.fake.peak.total).toBeLessThanOrEqual(5);
      expect(h.fake.peak.total).toBeGreaterThanOrEqual(4);
    } finally {
      await h.close();
    }
  });
});

describe('credentials', () => {
  it.each([
    ['invalid', { validAccessKeyIds: ['AKIDOTHER'] }, /^The AWS credentials are invalid \(InvalidClientTokenId: The security token included in the request is invalid\.\)$/],
    ['expired', { expiredAccessKeyIds: ['AKIDSCANNER'] }, /^The AWS credentials have expired \(ExpiredToken: /],
  ])('%s credentials stop the scan with a clear error before anything else is called', async (_kind, fakeOptions, message) => {
    const h = await startHarness(emptyAccount(), fakeOptions);
    try {
      const scan = collectAws({ parts: AWS_PARTS, clients: h.clients });
      await expect(scan).rejects.toBeInstanceOf(AppError);
      await expect(scan).rejects.toMatchObject({ code: 'AUTHENTICATION_ERROR', message: expect.stringMatching(message) as unknown });
      expect(h.fake.calls.map((c) => c.operation)).toEqual(['GetCallerIdentity']);
    } finally {
      await h.close();
    }
  });

  it('no credentials at all: says so, with what to set', async () => {
    const h = await startHarness(emptyAccount());
    try {
      const clients = h.newClients({
        credentials: () => Promise.reject(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' })),
      });
      const error = (await collectAws({ parts: ['iam.accountSummary'], clients }).catch((e: unknown) => e)) as AppError;
      expect(error).toBeInstanceOf(AppError);
      expect(error.message).toBe('No AWS credentials found: CredentialsProviderError: Could not load credentials from any providers');
      expect(error.hint).toMatch(/AWS_PROFILE/);
      expect(h.fake.calls).toHaveLength(0);
    } finally {
      await h.close();
    }
  });
});

describe('clients', () => {
  it('S3 goes path-style whenever an endpoint is overridden, and follows region redirects', async () => {
    const overridden = createAwsClients({ region: 'eu-west-1', credentials: CREDENTIALS, endpointOverridden: true });
    const plain = createAwsClients({ region: 'eu-west-1', credentials: CREDENTIALS });
    try {
      expect(overridden.s3().config.forcePathStyle).toBe(true);
      expect(overridden.s3('ap-south-1').config.followRegionRedirects).toBe(true);
      expect(await overridden.s3('ap-south-1').config.region()).toBe('ap-south-1');
      expect(plain.s3().config.forcePathStyle).toBe(false);
      // One client per service × region.
      expect(plain.s3('us-west-2')).toBe(plain.s3('us-west-2'));
    } finally {
      overridden.destroy();
      plain.destroy();
    }
  });

  it('a per-service endpoint wins over the overall one; a refused connection fails only its parts', async () => {
    const h = await startHarness(smallAccount());
    try {
      // Port 1 refuses connections: everything but STS and IAM goes nowhere.
      const clients = h.newClients({ endpoint: 'http://localhost:1', endpoints: { sts: h.fake.endpoint, iam: h.fake.endpoint } });
      const snapshot = await collectAws({ parts: ['iam.accountSummary', 'ec2.vpcs'], regions: ['us-east-1'], clients });
      expect(value(snapshot.parts['iam.accountSummary'])).toMatchObject({ Users: 2 });
      expect(errorOf(snapshot.parts['ec2.vpcs']?.['us-east-1'])).toMatch(/ECONNREFUSED/);
    } finally {
      await h.close();
    }
  });

  it('resolves credentials once for every client of the factory', async () => {
    const h = await startHarness(smallAccount());
    try {
      let resolved = 0;
      const clients = h.newClients({
        credentials: async () => {
          resolved += 1;
          return { accessKeyId: 'AKIDSCANNER', secretAccessKey: 'fake-secret', expiration: new Date(Date.now() + 3_600_000) };
        },
      });
      await collectAws({ parts: ['iam.accountSummary', 'ec2.vpcs', 'kms.keys', 's3.buckets'], clients });
      expect(resolved).toBe(1);
    } finally {
      await h.close();
    }
  });
});
