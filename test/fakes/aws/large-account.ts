/** An account big enough to need many pages everywhere: sizes are parameters so tests stay quick. */
import { emptyAccount, type FakeAccount, type FakeBucket } from './model.js';

export interface LargeAccountSizes {
  users: number;
  roles: number;
  mfaDevices: number;
  securityGroups: number;
  instances: number;
  snapshots: number;
  buckets: number;
  kmsKeys: number;
  dbInstances: number;
}

const pad = (n: number) => String(n).padStart(5, '0');
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];

export function largeAccount(sizes: LargeAccountSizes): FakeAccount {
  const account = emptyAccount('999988887777');
  account.regions = REGIONS.map((name) => ({ name, optInStatus: 'opt-in-not-required' as const }));
  const doc = (n: number) => ({ Version: '2012-10-17', Statement: [{ Sid: `s${n}`, Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${n}/*` }] });
  account.iam.users = Array.from({ length: sizes.users }, (_, i) => ({
    name: `user-${pad(i)}`,
    createDate: '2022-01-01T00:00:00.000Z',
    inlinePolicies: i % 10 === 0 ? [{ name: `inline-${i}`, document: doc(i) }] : [],
    attachedPolicyArns: [],
    groups: [],
    tags: { index: String(i) },
    passwordEnabled: i % 2 === 0,
    passwordLastUsed: null,
    mfaActive: i % 3 === 0,
    accessKey1: null,
  }));
  account.iam.roles = Array.from({ length: sizes.roles }, (_, i) => ({
    name: `role-${pad(i)}`,
    path: '/',
    createDate: '2022-01-01T00:00:00.000Z',
    assumeRolePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    inlinePolicies: [],
    attachedPolicyArns: [],
    lastUsed: null,
    tags: {},
  }));
  account.iam.virtualMfaDevices = Array.from({ length: sizes.mfaDevices }, (_, i) => ({ serialNumber: `arn:aws:iam::999988887777:mfa/device-${pad(i)}`, userArn: null }));
  account.s3.buckets = Array.from({ length: sizes.buckets }, (_, i): FakeBucket => ({
    name: `bucket-${pad(i)}`,
    region: REGIONS[i % REGIONS.length] ?? 'us-east-1',
    createdAt: '2022-01-01T00:00:00.000Z',
    grants: [{ type: 'CanonicalUser', id: account.s3.ownerId, permission: 'FULL_CONTROL' }],
    ...(i % 4 === 0 ? { policy: doc(i), policyIsPublic: false } : {}),
    ...(i % 5 === 0 ? { tags: { index: String(i) } } : {}),
  }));
  for (const [r, region] of REGIONS.entries()) {
    // The full count in the first region only: other regions need a page or two, not the same thousands again.
    const groupCount = r === 0 ? sizes.securityGroups : Math.min(sizes.securityGroups, 150);
    account.regional[region] = {
      securityGroups: Array.from({ length: groupCount }, (_, i) => ({
        groupId: `sg-${r}-${pad(i)}`,
        groupName: `group-${i}`,
        vpcId: 'vpc-1',
        description: `group ${i}`,
        ownerId: account.accountId,
        ingress: [{ ipProtocol: 'tcp', fromPort: 1000 + (i % 1000), toPort: 1000 + (i % 1000), ipv4Ranges: ['10.0.0.0/8'], ipv6Ranges: [], prefixListIds: [], userIdGroupPairs: [] }],
        egress: [],
        tags: {},
      })),
      instances: Array.from({ length: sizes.instances }, (_, i) => ({
        instanceId: `i-${r}-${pad(i)}`,
        state: 'running',
        imageId: 'ami-1',
        publicIp: null,
        subnetId: 'subnet-1',
        vpcId: 'vpc-1',
        securityGroupIds: [`sg-${r}-${pad(i % Math.max(1, sizes.securityGroups))}`],
        metadataHttpTokens: i % 2 === 0 ? 'required' : 'optional',
        metadataHttpEndpoint: 'enabled',
        iamInstanceProfileArn: null,
        launchTime: '2024-01-01T00:00:00.000Z',
        tags: {},
      })),
      snapshots: Array.from({ length: sizes.snapshots }, (_, i) => ({
        snapshotId: `snap-${r}-${pad(i)}`,
        volumeId: null,
        encrypted: i % 2 === 0,
        startTime: '2024-01-01T00:00:00.000Z',
        createVolumePermission: i % 7 === 0 ? { groups: ['all'], userIds: [] } : { groups: [], userIds: [] },
        tags: {},
      })),
      kmsKeys: Array.from({ length: sizes.kmsKeys }, (_, i) => ({
        keyId: `key-${r}-${pad(i)}`,
        keyManager: i % 3 === 0 ? 'AWS' : 'CUSTOMER',
        keyState: 'Enabled',
        keySpec: 'SYMMETRIC_DEFAULT',
        keyUsage: 'ENCRYPT_DECRYPT',
        rotationEnabled: i % 2 === 0,
        policy: doc(i),
      })),
      dbInstances: Array.from({ length: sizes.dbInstances }, (_, i) => ({
        dbInstanceIdentifier: `db-${pad(i)}`,
        arn: `arn:aws:rds:${region}:999988887777:db:db-${pad(i)}`,
        engine: 'mysql',
        publiclyAccessible: false,
        storageEncrypted: true,
        autoMinorVersionUpgrade: true,
        multiAz: true,
        backupRetentionPeriod: 7,
        deletionProtection: true,
        iamDatabaseAuthenticationEnabled: false,
        vpcSecurityGroupIds: [],
        tags: {},
      })),
    };
  }
  return account;
}
