/**
 * A generated AWS account for the scan benchmark: `size` resources split between IAM users (with
 * access keys and policies), S3 buckets, security groups and EBS volumes across four regions, with a
 * realistic share of them misconfigured.
 */
import { emptyAccount, emptyRegion, type FakeAccount, type FakeBucket } from '../../test/fakes/aws/model.js';

export const BENCH_REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-west-2'];
export const BENCH_ACCOUNT = '444455556666';

export interface GeneratedCounts {
  users: number;
  buckets: number;
  securityGroups: number;
  volumes: number;
}

const pad = (n: number) => String(n).padStart(6, '0');

export function splitResources(size: number): GeneratedCounts {
  const users = Math.round(size * 0.3);
  const buckets = Math.round(size * 0.15);
  const volumes = Math.round(size * 0.15);
  return { users, buckets, volumes, securityGroups: size - users - buckets - volumes };
}

export function generateAccount(counts: GeneratedCounts): FakeAccount {
  const account = emptyAccount(BENCH_ACCOUNT);
  account.regions = BENCH_REGIONS.map((name) => ({ name, optInStatus: 'opt-in-not-required' as const }));
  const readOnly = (n: number) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: `arn:aws:s3:::data-${n}/*` }] });
  account.iam.users = Array.from({ length: counts.users }, (_, i) => ({
    name: `user-${pad(i)}`,
    createDate: '2023-01-01T00:00:00.000Z',
    inlinePolicies: i % 5 === 0 ? [{ name: `inline-${i}`, document: i % 50 === 0 ? { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } : readOnly(i) }] : [],
    attachedPolicyArns: [],
    groups: [],
    tags: {},
    passwordEnabled: i % 3 === 0,
    passwordLastUsed: i % 3 === 0 ? '2026-10-01T00:00:00.000Z' : null,
    mfaActive: i % 6 === 0,
    accessKey1: { active: true, lastRotated: i % 4 === 0 ? '2024-01-01T00:00:00.000Z' : '2026-10-01T00:00:00.000Z', lastUsed: i % 7 === 0 ? null : '2026-11-01T00:00:00.000Z' },
  }));
  account.s3.buckets = Array.from({ length: counts.buckets }, (_, i): FakeBucket => ({
    name: `bucket-${pad(i)}`,
    region: BENCH_REGIONS[i % BENCH_REGIONS.length] as string,
    createdAt: '2023-01-01T00:00:00.000Z',
    grants: [
      { type: 'CanonicalUser', id: account.s3.ownerId, permission: 'FULL_CONTROL' },
      ...(i % 40 === 0 ? [{ type: 'Group' as const, uri: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' as const }] : []),
    ],
    ...(i % 3 === 0 ? { policy: readOnly(i), policyIsPublic: false } : {}),
    ...(i % 2 === 0 ? { versioning: { status: 'Enabled' as const } } : {}),
    ...(i % 5 === 0 ? { publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true } } : {}),
    tags: { environment: i % 2 === 0 ? 'prod' : 'dev' },
  }));
  for (const [r, region] of BENCH_REGIONS.entries()) {
    const groups = Math.floor(counts.securityGroups / BENCH_REGIONS.length) + (r < counts.securityGroups % BENCH_REGIONS.length ? 1 : 0);
    const volumes = Math.floor(counts.volumes / BENCH_REGIONS.length) + (r < counts.volumes % BENCH_REGIONS.length ? 1 : 0);
    account.regional[region] = {
      ...emptyRegion(),
      securityGroups: Array.from({ length: groups }, (_, i) => ({
        groupId: `sg-${r}${pad(i)}`,
        groupName: i === 0 ? 'default' : `group-${i}`,
        vpcId: 'vpc-1',
        description: `group ${i}`,
        ownerId: BENCH_ACCOUNT,
        ingress: [
          {
            ipProtocol: 'tcp',
            fromPort: i % 25 === 0 ? 22 : 443,
            toPort: i % 25 === 0 ? 22 : 443,
            ipv4Ranges: [i % 2 === 0 ? '0.0.0.0/0' : '10.0.0.0/8'],
            ipv6Ranges: [],
            prefixListIds: [],
            userIdGroupPairs: [],
          },
        ],
        egress: [{ ipProtocol: '-1', fromPort: null, toPort: null, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [], userIdGroupPairs: [] }],
        tags: { team: `t${i % 10}` },
      })),
      volumes: Array.from({ length: volumes }, (_, i) => ({
        volumeId: `vol-${r}${pad(i)}`,
        encrypted: i % 4 !== 0,
        kmsKeyId: null,
        state: 'in-use',
        attachedInstanceIds: [],
        tags: {},
      })),
      vpcs: [{ vpcId: 'vpc-1', isDefault: false, cidrBlock: '10.0.0.0/16', tags: {} }],
      ebsEncryptionByDefault: r % 2 === 0,
    };
  }
  return account;
}
