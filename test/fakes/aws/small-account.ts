/**
 * A small account with one of everything the collectors read, in two regions — enough to check
 * every part field by field.
 */
import { emptyAccount, emptyRegion, type FakeAccount, type FakeRegion } from './model.js';

export const ACCOUNT_ID = '111122223333';

const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

function usEast1(): FakeRegion {
  return {
    ...emptyRegion(),
    securityGroups: [
      {
        groupId: 'sg-0001',
        groupName: 'web',
        vpcId: 'vpc-1',
        description: 'web & ssh <open>',
        ownerId: ACCOUNT_ID,
        ingress: [
          { ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: ['::/0'], prefixListIds: [], userIdGroupPairs: [] },
          { ipProtocol: 'icmp', fromPort: null, toPort: null, ipv4Ranges: ['10.0.0.0/8'], ipv6Ranges: [], prefixListIds: ['pl-1'], userIdGroupPairs: ['sg-0002'] },
        ],
        egress: [{ ipProtocol: '-1', fromPort: null, toPort: null, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [], userIdGroupPairs: [] }],
        tags: { Name: 'web', env: 'prod' },
      },
      { groupId: 'sg-0002', groupName: 'default', vpcId: 'vpc-1', description: 'default VPC security group', ownerId: ACCOUNT_ID, ingress: [], egress: [], tags: {} },
    ],
    networkInterfaces: [
      { networkInterfaceId: 'eni-1', groupIds: ['sg-0001'], interfaceType: 'interface', requesterId: null, description: 'web', publicIp: '54.0.0.1', attachmentInstanceId: 'i-1' },
      { networkInterfaceId: 'eni-2', groupIds: ['sg-0002'], interfaceType: 'network_load_balancer', requesterId: 'amazon-elb', description: 'ELB net/x', publicIp: null, attachmentInstanceId: null },
    ],
    instances: [
      {
        instanceId: 'i-1',
        state: 'running',
        imageId: 'ami-1',
        publicIp: '54.0.0.1',
        subnetId: 'subnet-1',
        vpcId: 'vpc-1',
        securityGroupIds: ['sg-0001'],
        metadataHttpTokens: 'optional',
        metadataHttpEndpoint: 'enabled',
        iamInstanceProfileArn: `arn:aws:iam::${ACCOUNT_ID}:instance-profile/web`,
        launchTime: '2024-03-01T10:00:00.000Z',
        tags: { Name: 'web-1' },
      },
      {
        instanceId: 'i-2',
        state: 'stopped',
        imageId: 'ami-2',
        publicIp: null,
        subnetId: null,
        vpcId: null,
        securityGroupIds: [],
        metadataHttpTokens: 'required',
        metadataHttpEndpoint: 'disabled',
        iamInstanceProfileArn: null,
        launchTime: null,
        tags: {},
      },
    ],
    volumes: [
      { volumeId: 'vol-1', encrypted: true, kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k-1', state: 'in-use', attachedInstanceIds: ['i-1'], tags: { Name: 'root' } },
      { volumeId: 'vol-2', encrypted: false, kmsKeyId: null, state: 'available', attachedInstanceIds: [], tags: {} },
    ],
    snapshots: [
      { snapshotId: 'snap-public', volumeId: 'vol-1', encrypted: false, startTime: '2024-01-01T00:00:00.000Z', createVolumePermission: { groups: ['all'], userIds: [] }, tags: {} },
      { snapshotId: 'snap-shared', volumeId: null, encrypted: true, startTime: null, createVolumePermission: { groups: [], userIds: ['444455556666'] }, tags: { team: 'data' } },
    ],
    ebsEncryptionByDefault: true,
    vpcs: [{ vpcId: 'vpc-1', isDefault: true, cidrBlock: '172.31.0.0/16', tags: { Name: 'default' } }],
    flowLogs: [{ flowLogId: 'fl-1', resourceId: 'vpc-1', trafficType: 'REJECT', status: 'ACTIVE' }],
    networkAcls: [
      {
        networkAclId: 'acl-1',
        vpcId: 'vpc-1',
        isDefault: true,
        entries: [
          { ruleNumber: 100, egress: false, protocol: '6', ruleAction: 'allow', cidrBlock: '0.0.0.0/0', ipv6CidrBlock: null, fromPort: 22, toPort: 22 },
          { ruleNumber: 32767, egress: false, protocol: '-1', ruleAction: 'deny', cidrBlock: '0.0.0.0/0', ipv6CidrBlock: null, fromPort: null, toPort: null },
          { ruleNumber: 101, egress: true, protocol: '-1', ruleAction: 'allow', cidrBlock: null, ipv6CidrBlock: '::/0', fromPort: null, toPort: null },
        ],
        subnetIds: ['subnet-1', 'subnet-2'],
      },
    ],
    kmsKeys: [
      { keyId: 'k-1', keyManager: 'CUSTOMER', keyState: 'Enabled', keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', rotationEnabled: false, policy: { Version: '2012-10-17', Statement: [{ Sid: 'root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` }, Action: 'kms:*', Resource: '*' }] } },
      { keyId: 'k-aws', keyManager: 'AWS', keyState: 'Enabled', keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', rotationEnabled: true, policy: allowAll },
      { keyId: 'k-rsa', keyManager: 'CUSTOMER', keyState: 'Enabled', keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY', rotationEnabled: false, policy: allowAll },
      { keyId: 'k-gone', keyManager: 'CUSTOMER', keyState: 'PendingDeletion', keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', rotationEnabled: true, policy: allowAll },
    ],
    dbInstances: [
      {
        dbInstanceIdentifier: 'db-1',
        arn: `arn:aws:rds:us-east-1:${ACCOUNT_ID}:db:db-1`,
        engine: 'postgres',
        publiclyAccessible: true,
        storageEncrypted: false,
        autoMinorVersionUpgrade: true,
        multiAz: false,
        backupRetentionPeriod: 7,
        deletionProtection: false,
        iamDatabaseAuthenticationEnabled: true,
        vpcSecurityGroupIds: ['sg-0001', 'sg-0002'],
        tags: { env: 'prod' },
      },
    ],
    dbSnapshots: [
      { dbSnapshotIdentifier: 'db-1-public', encrypted: false, snapshotType: 'manual', restore: ['all'] },
      { dbSnapshotIdentifier: 'db-1-private', encrypted: true, snapshotType: 'manual', restore: [] },
      { dbSnapshotIdentifier: 'rds:db-1-2024-01-01', encrypted: true, snapshotType: 'automated', restore: [] },
    ],
    configRecorders: [{ name: 'default', allSupported: true, includeGlobalResourceTypes: true, recording: true, lastStatus: 'SUCCESS' }],
    configRules: [
      { name: 's3-bucket-server-side-encryption-enabled', arn: `arn:aws:config:us-east-1:${ACCOUNT_ID}:config-rule/config-rule-s3enc`, compliance: 'NON_COMPLIANT', nonCompliantResources: 2, owner: 'AWS', sourceIdentifier: 'S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED', state: 'ACTIVE' },
      { name: 'iam-root-access-key-check', arn: `arn:aws:config:us-east-1:${ACCOUNT_ID}:config-rule/config-rule-root`, compliance: 'COMPLIANT', nonCompliantResources: 0, owner: 'AWS', sourceIdentifier: 'IAM_ROOT_ACCESS_KEY_CHECK', state: 'ACTIVE' },
      { name: 'restricted-ssh', arn: `arn:aws:config:us-east-1:${ACCOUNT_ID}:config-rule/config-rule-ssh`, compliance: 'INSUFFICIENT_DATA', nonCompliantResources: 0, owner: 'AWS', sourceIdentifier: 'INCOMING_SSH_DISABLED', state: 'ACTIVE' },
    ],
    guardDutyDetectors: [{ detectorId: 'det-1', status: 'ENABLED' }],
    securityHubEnabled: true,
    analyzers: [{ name: 'account', arn: `arn:aws:access-analyzer:us-east-1:${ACCOUNT_ID}:analyzer/account`, type: 'ACCOUNT', status: 'ACTIVE' }],
  };
}

export function smallAccount(): FakeAccount {
  const account = emptyAccount(ACCOUNT_ID);
  account.callerArn = `arn:aws:sts::${ACCOUNT_ID}:assumed-role/Auditor/cloudsentinel`;
  account.regions = [
    { name: 'us-east-1', optInStatus: 'opt-in-not-required' },
    { name: 'eu-west-1', optInStatus: 'opt-in-not-required' },
    { name: 'af-south-1', optInStatus: 'not-opted-in' },
  ];
  const readOnly = { name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 'ec2:Describe*'], Resource: '*' }] }, attachmentCount: 1 };
  account.iam = {
    ...account.iam,
    users: [
      {
        name: 'alice',
        createDate: '2021-05-01T12:00:00.000Z',
        inlinePolicies: [{ name: 'admin-ish', document: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'iam:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } } } }],
        attachedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        groups: ['admins'],
        tags: { team: 'platform' },
        passwordEnabled: true,
        passwordLastUsed: '2024-05-01T00:00:00.000Z',
        mfaActive: true,
        accessKey1: { active: true, lastRotated: '2023-01-01T00:00:00.000Z', lastUsed: null },
      },
      {
        name: 'ci+deploy@example',
        createDate: '2022-01-01T00:00:00.000Z',
        inlinePolicies: [],
        attachedPolicyArns: [],
        groups: [],
        tags: {},
        passwordEnabled: false,
        passwordLastUsed: null,
        mfaActive: false,
        accessKey1: { active: true, lastRotated: '2022-01-02T00:00:00.000Z', lastUsed: '2024-06-01T08:00:00.000Z' },
      },
    ],
    groups: [{ name: 'admins', inlinePolicies: [], attachedPolicyArns: [`arn:aws:iam::${ACCOUNT_ID}:policy/everything`] }],
    roles: [
      {
        name: 'deployer',
        path: '/service/',
        createDate: '2023-02-01T00:00:00.000Z',
        assumeRolePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        inlinePolicies: [{ name: 's3-100%', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::a b/*' }] } }],
        attachedPolicyArns: [],
        lastUsed: '2024-06-02T00:00:00.000Z',
        tags: {},
      },
      {
        name: 'unused',
        path: '/',
        createDate: '2023-02-01T00:00:00.000Z',
        assumeRolePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] },
        inlinePolicies: [],
        attachedPolicyArns: [],
        lastUsed: null,
        tags: { owner: 'nobody' },
      },
    ],
    policies: [
      { name: 'everything', document: allowAll, attachmentCount: 1 },
      readOnly,
      { name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess', document: allowAll, attachmentCount: 0 },
    ],
    root: { createDate: '2020-01-01T00:00:00.000Z', mfaActive: true, accessKeyActive: false, passwordLastUsed: '2024-04-01T00:00:00.000Z' },
    credentialReportPolls: 1,
    passwordPolicy: {
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: true,
      ExpirePasswords: true,
      MaxPasswordAge: 90,
      PasswordReusePrevention: 24,
      HardExpiry: false,
    },
    accountSummary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 2, Policies: 1 },
    virtualMfaDevices: [
      { serialNumber: `arn:aws:iam::${ACCOUNT_ID}:mfa/root-account-mfa-device`, userArn: `arn:aws:iam::${ACCOUNT_ID}:root` },
      { serialNumber: `arn:aws:iam::${ACCOUNT_ID}:mfa/spare`, userArn: null },
    ],
    serverCertificates: [{ name: 'old-cert', expiration: '2020-01-01T00:00:00.000Z' }],
  };
  account.s3 = {
    ownerId: 'owner-canonical-id',
    accountPublicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false },
    buckets: [
      {
        name: 'public-site',
        region: 'us-east-1',
        createdAt: '2021-01-01T00:00:00.000Z',
        grants: [
          { type: 'CanonicalUser', id: 'owner-canonical-id', permission: 'FULL_CONTROL' },
          { type: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' },
          { type: 'AmazonCustomerByEmail', email: 'someone@example.com', permission: 'WRITE_ACP' },
        ],
        policy: { Version: '2012-10-17', Statement: [{ Sid: 'public', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::public-site/*' }] },
        policyIsPublic: true,
        versioning: { status: 'Suspended', mfaDelete: false },
      },
      {
        name: 'locked-down',
        region: 'eu-west-1',
        createdAt: '2022-02-02T00:00:00.000Z',
        grants: [{ type: 'CanonicalUser', id: 'owner-canonical-id', permission: 'FULL_CONTROL' }],
        publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
        encryption: { algorithm: 'aws:kms', kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k-eu', bucketKeyEnabled: true },
        versioning: { status: 'Enabled', mfaDelete: true },
        logging: { targetBucket: 'logs', targetPrefix: 'locked-down/' },
        ownership: 'BucketOwnerEnforced',
        tags: { classification: 'secret' },
      },
    ],
  };
  account.trails = [
    {
      name: 'org-wide',
      homeRegion: 'us-east-1',
      isMultiRegion: true,
      isOrganizationTrail: false,
      s3BucketName: 'logs',
      logFileValidationEnabled: true,
      kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k-1',
      cloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:111122223333:log-group:trail:*',
      includeGlobalServiceEvents: true,
      isLogging: true,
      latestDeliveryTime: '2024-06-01T00:00:00.000Z',
      eventSelectors: [
        { ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [] },
        { ReadWriteType: 'ReadOnly', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] },
      ],
    },
    {
      name: 'eu-only',
      homeRegion: 'eu-west-1',
      isMultiRegion: false,
      isOrganizationTrail: false,
      s3BucketName: null,
      logFileValidationEnabled: false,
      kmsKeyId: null,
      cloudWatchLogsLogGroupArn: null,
      includeGlobalServiceEvents: false,
      isLogging: false,
      latestDeliveryTime: null,
      advancedEventSelectors: [
        { Name: 'mgmt', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['false'] }] },
        { Name: 's3', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }] },
      ],
    },
  ];
  account.regional = {
    'us-east-1': usEast1(),
    'eu-west-1': {
      securityGroups: [{ groupId: 'sg-eu', groupName: 'default', vpcId: 'vpc-eu', description: 'default', ownerId: ACCOUNT_ID, ingress: [], egress: [], tags: {} }],
      ebsEncryptionByDefault: false,
      securityHubEnabled: false,
      configRecorders: [{ name: 'default', allSupported: false, includeGlobalResourceTypes: false, recording: false, lastStatus: null }],
      guardDutyDetectors: [{ detectorId: 'det-eu', status: 'DISABLED' }],
    },
  };
  return account;
}
