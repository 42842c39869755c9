/**
 * The in-memory account the fake AWS serves: plain data in the API's terms. Where the snapshot's
 * own types describe a resource exactly as the API returns it (security groups, instances, ...)
 * the model reuses them, so a test can compare what was collected with what the account holds.
 */
import type {
  AccessAnalyzer,
  ConfigRecorder,
  ConfigRuleCompliance,
  DbInstance,
  EbsSnapshot,
  EbsVolume,
  Ec2Instance,
  FlowLog,
  GuardDutyDetector,
  NetworkAcl,
  NetworkInterface,
  PublicAccessBlock,
  SecurityGroup,
  Trail,
  Vpc,
} from '../../../src/scanning/providers/aws/snapshot.js';

export type Json = Record<string, unknown>;

export interface FakeInlinePolicy {
  name: string;
  document: Json;
}

export interface FakeUser {
  name: string;
  createDate: string;
  inlinePolicies: FakeInlinePolicy[];
  attachedPolicyArns: string[];
  groups: string[];
  tags: Record<string, string>;
  passwordEnabled: boolean;
  passwordLastUsed: string | null;
  mfaActive: boolean;
  accessKey1: { active: boolean; lastRotated: string; lastUsed: string | null } | null;
}

export interface FakeGroup {
  name: string;
  inlinePolicies: FakeInlinePolicy[];
  attachedPolicyArns: string[];
}

export interface FakeRole {
  name: string;
  path: string;
  createDate: string;
  assumeRolePolicy: Json;
  inlinePolicies: FakeInlinePolicy[];
  attachedPolicyArns: string[];
  lastUsed: string | null;
  tags: Record<string, string>;
}

export interface FakeManagedPolicy {
  name: string;
  /** Default: a customer-managed ARN in the account. */
  arn?: string;
  document: Json;
  attachmentCount: number;
}

export interface FakePasswordPolicy {
  MinimumPasswordLength: number;
  RequireSymbols: boolean;
  RequireNumbers: boolean;
  RequireUppercaseCharacters: boolean;
  RequireLowercaseCharacters: boolean;
  AllowUsersToChangePassword: boolean;
  ExpirePasswords: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

export interface FakeIam {
  users: FakeUser[];
  groups: FakeGroup[];
  roles: FakeRole[];
  policies: FakeManagedPolicy[];
  root: { createDate: string; mfaActive: boolean; accessKeyActive: boolean; passwordLastUsed: string | null };
  /** GenerateCredentialReport calls answered STARTED / INPROGRESS before one answers COMPLETE. */
  credentialReportPolls: number;
  passwordPolicy: FakePasswordPolicy | null;
  accountSummary: Record<string, number>;
  virtualMfaDevices: { serialNumber: string; userArn: string | null }[];
  serverCertificates: { name: string; expiration: string }[];
}

export interface FakeGrant {
  type: 'CanonicalUser' | 'Group' | 'AmazonCustomerByEmail';
  id?: string;
  uri?: string;
  email?: string;
  permission: 'FULL_CONTROL' | 'READ' | 'WRITE' | 'READ_ACP' | 'WRITE_ACP';
}

export interface FakeBucket {
  name: string;
  region: string;
  createdAt: string;
  /** What GetBucketLocation answers; default: the region, '' for us-east-1. */
  locationConstraint?: string;
  grants: FakeGrant[];
  policy?: Json;
  policyIsPublic?: boolean;
  publicAccessBlock?: PublicAccessBlock;
  encryption?: { algorithm: string; kmsKeyId?: string; bucketKeyEnabled?: boolean };
  versioning?: { status: 'Enabled' | 'Suspended'; mfaDelete?: boolean };
  logging?: { targetBucket: string; targetPrefix: string };
  ownership?: string;
  tags?: Record<string, string>;
}

export interface FakeS3 {
  ownerId: string;
  accountPublicAccessBlock: PublicAccessBlock | null;
  buckets: FakeBucket[];
  /** Like S3 before 2024 (or a ListBuckets without parameters): no BucketRegion, so GetBucketLocation is needed. */
  listBucketsOmitsRegion?: boolean;
}

export type FakeSnapshot = Omit<EbsSnapshot, 'createVolumePermission'> & { createVolumePermission: { groups: string[]; userIds: string[] } };

export interface FakeKey {
  keyId: string;
  keyManager: 'CUSTOMER' | 'AWS';
  keyState: string;
  keySpec: string;
  keyUsage: string;
  origin?: string;
  rotationEnabled: boolean;
  policy: Json;
}

export interface FakeDbSnapshot {
  dbSnapshotIdentifier: string;
  encrypted: boolean;
  snapshotType: 'manual' | 'automated';
  restore: string[];
}

export type FakeTrail = Omit<Trail, 'status' | 'selectors' | 'arn'> & {
  isLogging: boolean;
  latestDeliveryTime: string | null;
  eventSelectors?: Json[];
  advancedEventSelectors?: Json[];
};

export interface FakeRegion {
  securityGroups: SecurityGroup[];
  networkInterfaces: NetworkInterface[];
  instances: Ec2Instance[];
  volumes: EbsVolume[];
  snapshots: FakeSnapshot[];
  ebsEncryptionByDefault: boolean;
  vpcs: Vpc[];
  flowLogs: FlowLog[];
  networkAcls: NetworkAcl[];
  kmsKeys: FakeKey[];
  dbInstances: DbInstance[];
  dbSnapshots: FakeDbSnapshot[];
  configRecorders: ConfigRecorder[];
  configRules: ConfigRuleCompliance[];
  guardDutyDetectors: GuardDutyDetector[];
  securityHubEnabled: boolean;
  analyzers: AccessAnalyzer[];
}

export interface FakeAccount {
  accountId: string;
  partition: string;
  /** Who GetCallerIdentity says we are. */
  callerArn: string;
  regions: { name: string; optInStatus: 'opt-in-not-required' | 'opted-in' | 'not-opted-in' }[];
  iam: FakeIam;
  s3: FakeS3;
  /** Trails live in their home region; multi-region ones also show (as shadow trails) everywhere else. */
  trails: FakeTrail[];
  /** Regions not listed here are empty. */
  regional: Record<string, Partial<FakeRegion>>;
}

export function emptyRegion(): FakeRegion {
  return {
    securityGroups: [],
    networkInterfaces: [],
    instances: [],
    volumes: [],
    snapshots: [],
    ebsEncryptionByDefault: false,
    vpcs: [],
    flowLogs: [],
    networkAcls: [],
    kmsKeys: [],
    dbInstances: [],
    dbSnapshots: [],
    configRecorders: [],
    configRules: [],
    guardDutyDetectors: [],
    securityHubEnabled: false,
    analyzers: [],
  };
}

export function regionOf(account: FakeAccount, region: string): FakeRegion {
  return { ...emptyRegion(), ...account.regional[region] };
}

/** An account with nothing in it: tests add what they need. */
export function emptyAccount(accountId = '123456789012'): FakeAccount {
  return {
    accountId,
    partition: 'aws',
    callerArn: `arn:aws:iam::${accountId}:user/scanner`,
    regions: [
      { name: 'us-east-1', optInStatus: 'opt-in-not-required' },
      { name: 'eu-west-1', optInStatus: 'opt-in-not-required' },
    ],
    iam: {
      users: [],
      groups: [],
      roles: [],
      policies: [],
      root: { createDate: '2020-01-01T00:00:00.000Z', mfaActive: true, accessKeyActive: false, passwordLastUsed: null },
      credentialReportPolls: 0,
      passwordPolicy: null,
      accountSummary: {},
      virtualMfaDevices: [],
      serverCertificates: [],
    },
    s3: { ownerId: 'c0ffee', accountPublicAccessBlock: null, buckets: [] },
    trails: [],
    regional: {},
  };
}

export function userArn(account: FakeAccount, name: string): string {
  return `arn:${account.partition}:iam::${account.accountId}:user/${name}`;
}

export function policyArn(account: FakeAccount, policy: FakeManagedPolicy): string {
  return policy.arn ?? `arn:${account.partition}:iam::${account.accountId}:policy/${policy.name}`;
}

export function trailArn(account: FakeAccount, trail: Pick<FakeTrail, 'name' | 'homeRegion'>): string {
  return `arn:${account.partition}:cloudtrail:${trail.homeRegion}:${account.accountId}:trail/${trail.name}`;
}

export function keyArn(account: FakeAccount, region: string, keyId: string): string {
  return `arn:${account.partition}:kms:${region}:${account.accountId}:key/${keyId}`;
}
