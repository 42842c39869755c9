import type { AwsSnapshot, CredentialReportEntry, EbsVolume, IamUser, S3Bucket, SecurityGroup } from '../../src/scanning/providers/aws/snapshot.js';
import { BENCH_ACCOUNT, BENCH_REGIONS } from './account.js';
/** A snapshot of `total` resources, a quarter each of buckets, security groups, users and volumes. */
export function syntheticSnapshot(total: number): AwsSnapshot {
  const quarter = Math.floor(total / 4);
  const regions = BENCH_REGIONS;
  const ok = <T>(value: T) => ({ ok: true as const, value });
  const buckets: S3Bucket[] = Array.from({ length: quarter }, (_, i) => ({
    name: `b-${i}`,
    arn: `arn:aws:s3:::b-${i}`,
    region: regions[i % regions.length] as string,
    createdAt: '2024-01-01T00:00:00.000Z',
    tags: ok({ environment: 'prod' }),
    ownership: ok(null),
    acl: ok({ ownerId: 'o', grants: i % 30 === 0 ? [{ granteeType: 'Group', grantee: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' as const }] : [] }),
    policy: ok(i % 3 === 0 ? { Version: '2012-10-17', Statement: [{ Effect: 'Allow' as const, Principal: '*' as const, Action: 's3:GetObject', Resource: `arn:aws:s3:::b-${i}/*`, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } }] } : null),
    policyStatus: ok(i % 3 === 0 ? { isPublic: false } : null),
    publicAccessBlock: ok(null),
    encryption: ok(null),
    versioning: ok({ status: i % 2 === 0 ? ('Enabled' as const) : ('Disabled' as const), mfaDelete: false }),
    logging: ok(null),
  }));
  const groupsPerRegion = Math.floor(quarter / regions.length);
  const group = (r: number, i: number): SecurityGroup => ({
    groupId: `sg-${r}-${i}`,
    groupName: `g${i}`,
    vpcId: 'vpc-1',
    description: '',
    ownerId: BENCH_ACCOUNT,
    ingress: [{ ipProtocol: 'tcp', fromPort: i % 20 === 0 ? 22 : 443, toPort: i % 20 === 0 ? 22 : 443, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [], userIdGroupPairs: [] }],
    egress: [],
    tags: {},
  });
  const volume = (r: number, i: number): EbsVolume => ({ volumeId: `vol-${r}-${i}`, encrypted: i % 4 !== 0, kmsKeyId: null, state: 'in-use', attachedInstanceIds: [], tags: {} });
  const users: IamUser[] = Array.from({ length: quarter }, (_, i) => ({
    name: `u${i}`,
    arn: `arn:aws:iam::${BENCH_ACCOUNT}:user/u${i}`,
    createDate: '2024-01-01T00:00:00.000Z',
    inlinePolicies: i % 5 === 0 ? [{ name: 'p', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }] } }] : [],
    attachedPolicies: [],
    groups: [],
    tags: {},
  }));
  const report: CredentialReportEntry[] = users.map((u, i) => ({
    user: u.name,
    arn: u.arn,
    userCreationTime: '2024-01-01T00:00:00.000Z',
    passwordEnabled: i % 3 === 0,
    passwordLastUsed: null,
    passwordLastChanged: null,
    mfaActive: i % 6 === 0,
    accessKey1Active: true,
    accessKey1LastRotated: '2024-01-01T00:00:00.000Z',
    accessKey1LastUsed: null,
    accessKey2Active: false,
    accessKey2LastRotated: null,
    accessKey2LastUsed: null,
  }));
  const regional = <T>(make: (r: number) => T) => Object.fromEntries(regions.map((region, r) => [region, ok(make(r))]));
  return {
    accountId: BENCH_ACCOUNT,
    partition: 'aws',
    regions,
    parts: {
      'iam.credentialReport': ok(report),
      'iam.authorization': ok({ users, groups: [], roles: [], policies: [] }),
      's3.buckets': ok(buckets),
      's3.accountPublicAccessBlock': ok(null),
      'ec2.securityGroups': regional((r) => Array.from({ length: groupsPerRegion }, (_, i) => group(r, i))),
      'ec2.networkInterfaces': regional(() => []),
      'ec2.volumes': regional((r) => Array.from({ length: groupsPerRegion }, (_, i) => volume(r, i))),
    },
  };
}

