/**
 * What the AWS collectors gather and the AWS checks read: plain, typed data with no SDK types, so
 * checks are pure functions over fixtures. Every part records whether it could be collected; a part
 * that failed (AccessDenied, a disabled region, a throttled call that never recovered) carries the
 * reason, and the checks that needed it report `unknown` with that reason.
 */

export type Collected<T> = { ok: true; value: T } | { ok: false; error: string };
/** Region → what was collected there. */
export type Regional<T> = Record<string, Collected<T>>;

// ---------------------------------------------------------------------------------------------- IAM

/** One row of the IAM credential report; `<root_account>` is the root user. Dates are ISO strings or null ("N/A", "no_information", "not_supported"). */
export interface CredentialReportEntry {
  user: string;
  arn: string;
  userCreationTime: string | null;
  passwordEnabled: boolean;
  passwordLastUsed: string | null;
  passwordLastChanged: string | null;
  mfaActive: boolean;
  accessKey1Active: boolean;
  accessKey1LastRotated: string | null;
  accessKey1LastUsed: string | null;
  accessKey2Active: boolean;
  accessKey2LastRotated: string | null;
  accessKey2LastUsed: string | null;
}

export interface PasswordPolicy {
  minimumPasswordLength: number;
  requireSymbols: boolean;
  requireNumbers: boolean;
  requireUppercaseCharacters: boolean;
  requireLowercaseCharacters: boolean;
  allowUsersToChangePassword: boolean;
  maxPasswordAge: number | null;
  passwordReusePrevention: number | null;
  hardExpiry: boolean;
}

/** An IAM policy document, already URL-decoded and JSON-parsed (IAM returns them URL-encoded). */
export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

export type PrincipalValue = '*' | { [kind: string]: string | string[] };

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: PrincipalValue;
  NotPrincipal?: PrincipalValue;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  /** operator → condition key → value(s) */
  Condition?: Record<string, Record<string, string | string[] | boolean | number>>;
}

export interface InlinePolicy {
  name: string;
  document: PolicyDocument;
}

export interface AttachedPolicyRef {
  name: string;
  arn: string;
}

export interface IamUser {
  name: string;
  arn: string;
  createDate: string;
  inlinePolicies: InlinePolicy[];
  attachedPolicies: AttachedPolicyRef[];
  groups: string[];
  tags: Record<string, string>;
}

export interface IamGroup {
  name: string;
  arn: string;
  inlinePolicies: InlinePolicy[];
  attachedPolicies: AttachedPolicyRef[];
}

export interface IamRole {
  name: string;
  arn: string;
  path: string;
  createDate: string;
  assumeRolePolicy: PolicyDocument | null;
  inlinePolicies: InlinePolicy[];
  attachedPolicies: AttachedPolicyRef[];
  lastUsed: string | null;
  tags: Record<string, string>;
}

export interface ManagedPolicy {
  name: string;
  arn: string;
  /** True for policies AWS manages (arn:aws:iam::aws:policy/...). */
  awsManaged: boolean;
  attachmentCount: number;
  /** The default version's document. */
  document: PolicyDocument | null;
}

export interface IamAuthorization {
  users: IamUser[];
  groups: IamGroup[];
  roles: IamRole[];
  /** Customer-managed policies, and AWS-managed ones that are attached to something. */
  policies: ManagedPolicy[];
}

export interface VirtualMfaDevice {
  serialNumber: string;
  /** The user ARN it is assigned to, or null. Root's virtual device is `arn:aws:iam::<acct>:mfa/root-account-mfa-device`. */
  userArn: string | null;
}

export interface ServerCertificate {
  name: string;
  arn: string;
  expiration: string | null;
}

// ----------------------------------------------------------------------------------------------- S3

export interface PublicAccessBlock {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

export interface S3Grant {
  /** `CanonicalUser`, `Group`, or `AmazonCustomerByEmail` */
  granteeType: string;
  /** Canonical id, group URI or e-mail */
  grantee: string;
  permission: 'FULL_CONTROL' | 'READ' | 'WRITE' | 'READ_ACP' | 'WRITE_ACP';
}

export interface S3Bucket {
  name: string;
  arn: string;
  region: string;
  createdAt: string | null;
  tags: Collected<Record<string, string>>;
  /** `BucketOwnerEnforced` disables ACLs altogether. */
  ownership: Collected<string | null>;
  acl: Collected<{ ownerId: string; grants: S3Grant[] }>;
  /** Parsed bucket policy, or null when the bucket has none. */
  policy: Collected<PolicyDocument | null>;
  /** S3's own verdict (GetBucketPolicyStatus), or null when there is no policy. */
  policyStatus: Collected<{ isPublic: boolean } | null>;
  /** Bucket-level Block Public Access, or null when none is configured. */
  publicAccessBlock: Collected<PublicAccessBlock | null>;
  /** Default encryption rules, or null when none (S3 has encrypted new objects with SSE-S3 by default since 2023). */
  encryption: Collected<{ algorithm: string; kmsKeyId: string | null; bucketKeyEnabled: boolean } | null>;
  versioning: Collected<{ status: 'Enabled' | 'Suspended' | 'Disabled'; mfaDelete: boolean }>;
  logging: Collected<{ targetBucket: string; targetPrefix: string } | null>;
}

// ---------------------------------------------------------------------------------------------- EC2

export interface IpPermission {
  /** `-1` means all protocols. */
  ipProtocol: string;
  /** Null when the rule covers all ports (protocol -1, or ICMP). */
  fromPort: number | null;
  toPort: number | null;
  ipv4Ranges: string[];
  ipv6Ranges: string[];
  prefixListIds: string[];
  /** Other security groups allowed in. */
  userIdGroupPairs: string[];
}

export interface SecurityGroup {
  groupId: string;
  groupName: string;
  vpcId: string | null;
  description: string;
  ownerId: string;
  ingress: IpPermission[];
  egress: IpPermission[];
  tags: Record<string, string>;
}

export interface NetworkInterface {
  networkInterfaceId: string;
  groupIds: string[];
  /** `interface`, `network_load_balancer`, ...; and who created it, e.g. `amazon-elb` */
  interfaceType: string;
  requesterId: string | null;
  description: string;
  publicIp: string | null;
  attachmentInstanceId: string | null;
}

export interface Ec2Instance {
  instanceId: string;
  state: string;
  imageId: string;
  publicIp: string | null;
  subnetId: string | null;
  vpcId: string | null;
  securityGroupIds: string[];
  /** `required` means IMDSv2 only. */
  metadataHttpTokens: 'required' | 'optional';
  metadataHttpEndpoint: 'enabled' | 'disabled';
  iamInstanceProfileArn: string | null;
  launchTime: string | null;
  tags: Record<string, string>;
}

export interface EbsVolume {
  volumeId: string;
  encrypted: boolean;
  kmsKeyId: string | null;
  state: string;
  attachedInstanceIds: string[];
  tags: Record<string, string>;
}

export interface EbsSnapshot {
  snapshotId: string;
  volumeId: string | null;
  encrypted: boolean;
  startTime: string | null;
  /** createVolumePermission: `all` in groups makes it public. */
  createVolumePermission: Collected<{ groups: string[]; userIds: string[] }>;
  tags: Record<string, string>;
}

export interface Vpc {
  vpcId: string;
  isDefault: boolean;
  cidrBlock: string;
  tags: Record<string, string>;
}

export interface FlowLog {
  flowLogId: string;
  resourceId: string;
  trafficType: string;
  status: string;
}

export interface NetworkAclEntry {
  ruleNumber: number;
  egress: boolean;
  protocol: string;
  ruleAction: 'allow' | 'deny';
  cidrBlock: string | null;
  ipv6CidrBlock: string | null;
  fromPort: number | null;
  toPort: number | null;
}

export interface NetworkAcl {
  networkAclId: string;
  vpcId: string;
  isDefault: boolean;
  entries: NetworkAclEntry[];
  subnetIds: string[];
}

// --------------------------------------------------------------------------------------- CloudTrail

export interface EventSelectorSummary {
  /** Management events recorded: `All`, `ReadOnly`, `WriteOnly`, or `None`. */
  readWriteType: 'All' | 'ReadOnly' | 'WriteOnly' | 'None';
  includeManagementEvents: boolean;
  /** S3 object-level data events: `All`, `ReadOnly`, `WriteOnly`, or `None` (from classic or advanced selectors). */
  s3DataEvents: 'All' | 'ReadOnly' | 'WriteOnly' | 'None';
}

export interface Trail {
  name: string;
  arn: string;
  homeRegion: string;
  isMultiRegion: boolean;
  isOrganizationTrail: boolean;
  s3BucketName: string | null;
  logFileValidationEnabled: boolean;
  kmsKeyId: string | null;
  cloudWatchLogsLogGroupArn: string | null;
  includeGlobalServiceEvents: boolean;
  status: Collected<{ isLogging: boolean; latestDeliveryTime: string | null }>;
  selectors: Collected<EventSelectorSummary>;
}

// ---------------------------------------------------------------------------------------------- KMS

export interface KmsKey {
  keyId: string;
  arn: string;
  /** `CUSTOMER` or `AWS` */
  keyManager: string;
  keyState: string;
  keySpec: string;
  keyUsage: string;
  /** Where the key material lives: `AWS_KMS`, `EXTERNAL` (imported), `AWS_CLOUDHSM`, `EXTERNAL_KEY_STORE`. Only AWS_KMS keys can rotate automatically. */
  origin: string;
  /** Rotation status; only meaningful for symmetric customer-managed keys. */
  rotationEnabled: Collected<boolean>;
  policy: Collected<PolicyDocument | null>;
}

// ---------------------------------------------------------------------------------------------- RDS

export interface DbInstance {
  dbInstanceIdentifier: string;
  arn: string;
  engine: string;
  publiclyAccessible: boolean;
  storageEncrypted: boolean;
  autoMinorVersionUpgrade: boolean;
  multiAz: boolean;
  backupRetentionPeriod: number;
  deletionProtection: boolean;
  iamDatabaseAuthenticationEnabled: boolean;
  vpcSecurityGroupIds: string[];
  tags: Record<string, string>;
}

export interface DbSnapshot {
  dbSnapshotIdentifier: string;
  arn: string;
  encrypted: boolean;
  /** Manual snapshots can be shared; the `restore` attribute listing `all` makes one public. */
  snapshotType: string;
  restoreAttribute: Collected<string[]>;
}

// -------------------------------------------------------------------- Config, GuardDuty, Security Hub, Access Analyzer

export interface ConfigRecorder {
  name: string;
  allSupported: boolean;
  includeGlobalResourceTypes: boolean;
  recording: boolean;
  lastStatus: string | null;
}

/** An AWS Config rule and how compliant the resources it evaluates are. */
export interface ConfigRuleCompliance {
  name: string;
  arn: string;
  /** `COMPLIANT`, `NON_COMPLIANT`, `NOT_APPLICABLE` or `INSUFFICIENT_DATA` */
  compliance: string;
  /** Resources found non-compliant, as far as Config counts them (it caps the count at 100). */
  nonCompliantResources: number;
  /** `AWS` for managed rules, `CUSTOM_LAMBDA`, `CUSTOM_POLICY` */
  owner: string;
  /** The managed rule's identifier (`S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED`) or the custom rule's function. */
  sourceIdentifier: string;
  state: string;
}

export interface GuardDutyDetector {
  detectorId: string;
  status: 'ENABLED' | 'DISABLED';
}

export interface AccessAnalyzer {
  name: string;
  arn: string;
  /** `ACCOUNT` or `ORGANIZATION` (and their `_UNUSED_ACCESS` variants) */
  type: string;
  status: string;
}

// -------------------------------------------------------------------------------------------- parts

/** Every part a check can need, and its shape. Global parts are Collected<T>; regional ones Regional<T>. */
export interface AwsParts {
  'iam.credentialReport': Collected<CredentialReportEntry[]>;
  'iam.accountSummary': Collected<Record<string, number>>;
  'iam.passwordPolicy': Collected<PasswordPolicy | null>;
  'iam.authorization': Collected<IamAuthorization>;
  'iam.virtualMfaDevices': Collected<VirtualMfaDevice[]>;
  'iam.serverCertificates': Collected<ServerCertificate[]>;
  's3.buckets': Collected<S3Bucket[]>;
  's3.accountPublicAccessBlock': Collected<PublicAccessBlock | null>;
  'ec2.securityGroups': Regional<SecurityGroup[]>;
  'ec2.networkInterfaces': Regional<NetworkInterface[]>;
  'ec2.instances': Regional<Ec2Instance[]>;
  'ec2.volumes': Regional<EbsVolume[]>;
  'ec2.snapshots': Regional<EbsSnapshot[]>;
  'ec2.ebsEncryptionByDefault': Regional<boolean>;
  'ec2.vpcs': Regional<Vpc[]>;
  'ec2.flowLogs': Regional<FlowLog[]>;
  'ec2.networkAcls': Regional<NetworkAcl[]>;
  'cloudtrail.trails': Regional<Trail[]>;
  'kms.keys': Regional<KmsKey[]>;
  'rds.instances': Regional<DbInstance[]>;
  'rds.snapshots': Regional<DbSnapshot[]>;
  'config.recorders': Regional<ConfigRecorder[]>;
  'config.rules': Regional<ConfigRuleCompliance[]>;
  'guardduty.detectors': Regional<GuardDutyDetector[]>;
  'securityhub.hub': Regional<{ enabled: boolean }>;
  'accessanalyzer.analyzers': Regional<AccessAnalyzer[]>;
}

export type AwsPart = keyof AwsParts;

export const AWS_PARTS: readonly AwsPart[] = [
  'iam.credentialReport',
  'iam.accountSummary',
  'iam.passwordPolicy',
  'iam.authorization',
  'iam.virtualMfaDevices',
  'iam.serverCertificates',
  's3.buckets',
  's3.accountPublicAccessBlock',
  'ec2.securityGroups',
  'ec2.networkInterfaces',
  'ec2.instances',
  'ec2.volumes',
  'ec2.snapshots',
  'ec2.ebsEncryptionByDefault',
  'ec2.vpcs',
  'ec2.flowLogs',
  'ec2.networkAcls',
  'cloudtrail.trails',
  'kms.keys',
  'rds.instances',
  'rds.snapshots',
  'config.recorders',
  'config.rules',
  'guardduty.detectors',
  'securityhub.hub',
  'accessanalyzer.analyzers',
];

export interface AwsSnapshot {
  accountId: string;
  /** `aws`, `aws-us-gov`, `aws-cn` */
  partition: string;
  /** The regions scanned. */
  regions: string[];
  parts: Partial<AwsParts>;
}
