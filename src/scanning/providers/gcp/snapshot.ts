/**
 * What the GCP collectors gather and the GCP checks read: plain, typed data with no client-library
 * types, so checks are pure functions over fixtures. Every part is collected per project and
 * records whether it could be: a part that failed (permission denied, an API not enabled, throttling
 * that never recovered) carries the reason, and the checks that needed it answer `unknown` for that
 * project with that reason.
 */

export type Collected<T> = { ok: true; value: T } | { ok: false; error: string };
/** Project id → what was collected there. */
export type PerProject<T> = Record<string, Collected<T>>;

// ---------------------------------------------------------------------------------------------- IAM

/** One binding of an IAM policy (version 3: a condition may narrow it). */
export interface IamBinding {
  role: string;
  /** `user:a@b.com`, `serviceAccount:x@p.iam.gserviceaccount.com`, `group:...`, `domain:...`, `allUsers`, `allAuthenticatedUsers`. */
  members: string[];
  /** The binding's condition title, when it has one. */
  condition: string | null;
}

export interface AuditLogConfig {
  /** `ADMIN_READ`, `DATA_READ` or `DATA_WRITE`. */
  logType: string;
  exemptedMembers: string[];
}

export interface AuditConfig {
  /** `allServices` or one service (`storage.googleapis.com`). */
  service: string;
  auditLogConfigs: AuditLogConfig[];
}

export interface ProjectIamPolicy {
  bindings: IamBinding[];
  auditConfigs: AuditConfig[];
}

export interface ServiceAccountKey {
  /** `projects/P/serviceAccounts/EMAIL/keys/ID` */
  name: string;
  /** RFC 3339; when the key became valid (its creation). */
  validAfterTime: string | null;
  validBeforeTime: string | null;
  disabled: boolean;
}

export interface ServiceAccount {
  email: string;
  /** `projects/P/serviceAccounts/EMAIL` */
  name: string;
  displayName: string | null;
  disabled: boolean;
  /** User-managed keys only (Google-managed ones rotate themselves). */
  userManagedKeys: Collected<ServiceAccountKey[]>;
}

// ------------------------------------------------------------------------------------------ Storage

export interface GcsBucket {
  name: string;
  /** `US`, `EU`, `us-central1`, ... (lower-cased). */
  location: string;
  uniformBucketLevelAccess: boolean;
  /** `enforced`, `inherited` or `unspecified`. */
  publicAccessPrevention: string;
  versioning: boolean;
  retentionPolicy: { retentionPeriodSeconds: number; isLocked: boolean } | null;
  logging: boolean;
  labels: Record<string, string>;
  iamPolicy: Collected<IamBinding[]>;
}

// ------------------------------------------------------------------------------------------ Compute

export interface FirewallRule {
  name: string;
  /** The network's short name. */
  network: string;
  direction: 'INGRESS' | 'EGRESS';
  disabled: boolean;
  priority: number;
  sourceRanges: string[];
  /** Allowed protocols and ports (`22`, `1000-2000`); no ports: every port of the protocol. */
  allowed: Array<{ protocol: string; ports: string[] }>;
  denied: Array<{ protocol: string; ports: string[] }>;
  targetTags: string[];
}

export interface VpcNetwork {
  name: string;
  /** Legacy networks have one IPv4 range and no subnets. */
  legacy: boolean;
  autoCreateSubnetworks: boolean;
}

export interface Subnetwork {
  name: string;
  region: string;
  network: string;
  /** `PRIVATE` for ordinary subnets; proxy-only and PSC subnets cannot have flow logs. */
  purpose: string;
  flowLogsEnabled: boolean;
  privateIpGoogleAccess: boolean;
}

export interface InstanceServiceAccount {
  email: string;
  scopes: string[];
}

export interface ComputeInstance {
  name: string;
  /** Short zone name, `us-central1-a`. */
  zone: string;
  status: string;
  /** Security-relevant instance metadata only (`enable-oslogin`, `serial-port-enable`, `block-project-ssh-keys`, ...): never SSH keys or startup scripts. */
  metadata: Record<string, string>;
  serviceAccounts: InstanceServiceAccount[];
  canIpForward: boolean;
  /** External IPv4 addresses of the instance's interfaces (access configs). */
  externalIps: string[];
  shieldedVm: { secureBoot: boolean; vtpm: boolean; integrityMonitoring: boolean } | null;
  labels: Record<string, string>;
  /** GKE nodes are managed by GKE, which CIS exempts from some instance controls. */
  gkeNode: boolean;
}

export interface ComputeProject {
  /** The default compute service account (`<number>-compute@developer.gserviceaccount.com`), when known. */
  defaultServiceAccount: string | null;
  /** Security-relevant project-wide metadata (`commonInstanceMetadata`), filtered like an instance's. */
  metadata: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------- SQL

export interface SqlInstance {
  name: string;
  region: string;
  databaseVersion: string;
  /** Has a public (PRIMARY) IPv4 address. */
  ipv4Enabled: boolean;
  /** `ALLOW_UNENCRYPTED_AND_ENCRYPTED`, `ENCRYPTED_ONLY`, `TRUSTED_CLIENT_CERTIFICATE_REQUIRED`, or null. */
  sslMode: string | null;
  requireSsl: boolean;
  authorizedNetworks: Array<{ name: string | null; value: string }>;
  backupEnabled: boolean;
  /** `CLOUD_SQL_INSTANCE`, `READ_REPLICA_INSTANCE`, ... */
  instanceType: string;
  labels: Record<string, string>;
  /** Database flags set on the instance (`settings.databaseFlags`), name → value; a flag not set has the engine's default. */
  databaseFlags: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------- DNS

export interface DnsManagedZone {
  name: string;
  /** `example.com.` */
  dnsName: string;
  /** `public` or `private`. */
  visibility: string;
  /** DNSSEC: `on`, `off` or `transfer`. */
  dnssecState: string;
  /** The algorithms DNSSEC signs with (`rsasha256`, `rsasha1`, `ecdsap256sha256`, ...), per key type (`keySigning`, `zoneSigning`). */
  keySpecs: Array<{ keyType: string; algorithm: string }>;
  labels: Record<string, string>;
}

export interface DnsPolicy {
  name: string;
  /** Whether queries from the policy's networks are logged. */
  enableLogging: boolean;
  /** The short names of the VPC networks the policy applies to. */
  networks: string[];
}

// ----------------------------------------------------------------------------------------- BigQuery

export interface BigQueryDataset {
  /** The dataset id (without the project). */
  id: string;
  /** `us`, `eu`, `us-central1`, ... (lower-cased). */
  location: string;
  /** Who may read or write it: role (`READER`, `WRITER`, `OWNER` or an IAM role) and one member in IAM form (`allUsers`, `allAuthenticatedUsers`, `user:...`, `group:...`, `domain:...`, `specialGroup:projectReaders`, `view:...`). */
  access: Array<{ role: string; member: string }>;
  /** The default customer-managed key for new tables; null: Google-managed encryption. */
  defaultKmsKeyName: string | null;
  labels: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------- KMS

export interface KmsKey {
  /** `projects/P/locations/L/keyRings/R/cryptoKeys/K` */
  name: string;
  location: string;
  /** `ENCRYPT_DECRYPT`, `ASYMMETRIC_SIGN`, ... (only symmetric keys rotate automatically). */
  purpose: string;
  /** Seconds, or null when automatic rotation is off. */
  rotationPeriodSeconds: number | null;
  nextRotationTime: string | null;
  /** The primary version's state (`ENABLED`, `DISABLED`, `DESTROYED`...), null when there is none. */
  primaryState: string | null;
  iamPolicy: Collected<IamBinding[]>;
}

// ------------------------------------------------------------------------------------------ Logging

export interface LogSink {
  name: string;
  destination: string;
  /** Empty: every log entry. */
  filter: string;
  disabled: boolean;
}

export interface LogMetric {
  name: string;
  filter: string;
  disabled: boolean;
}

// --------------------------------------------------------------------------------------- The parts

export interface GcpParts {
  'resourcemanager.iamPolicy': PerProject<ProjectIamPolicy>;
  'iam.serviceAccounts': PerProject<ServiceAccount[]>;
  'storage.buckets': PerProject<GcsBucket[]>;
  'compute.firewalls': PerProject<FirewallRule[]>;
  'compute.networks': PerProject<VpcNetwork[]>;
  'compute.subnetworks': PerProject<Subnetwork[]>;
  'compute.instances': PerProject<ComputeInstance[]>;
  'compute.project': PerProject<ComputeProject>;
  'sql.instances': PerProject<SqlInstance[]>;
  'kms.keys': PerProject<KmsKey[]>;
  'logging.sinks': PerProject<LogSink[]>;
  'logging.metrics': PerProject<LogMetric[]>;
  'dns.managedZones': PerProject<DnsManagedZone[]>;
  'dns.policies': PerProject<DnsPolicy[]>;
  'bigquery.datasets': PerProject<BigQueryDataset[]>;
}

export type GcpPart = keyof GcpParts;

export const GCP_PARTS: readonly GcpPart[] = [
  'resourcemanager.iamPolicy',
  'iam.serviceAccounts',
  'storage.buckets',
  'compute.firewalls',
  'compute.networks',
  'compute.subnetworks',
  'compute.instances',
  'compute.project',
  'sql.instances',
  'kms.keys',
  'logging.sinks',
  'logging.metrics',
  'dns.managedZones',
  'dns.policies',
  'bigquery.datasets',
];

/** The value inside a part. */
export type GcpPartValue<P extends GcpPart> = GcpParts[P] extends PerProject<infer T> ? T : never;

export interface GcpSnapshot {
  /** Project ids scanned, in scan order. */
  projects: string[];
  parts: Partial<GcpParts>;
}
