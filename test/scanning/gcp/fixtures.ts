/**
 * Snapshots for the GCP check tests: one project where every check passes (`goodParts`), one where
 * every check fails (`badParts`), and a snapshot where every part failed (`deniedSnapshot`).
 */
import type { BigQueryDataset, DnsManagedZone, GcpParts, GcpSnapshot, GcsBucket, ProjectIamPolicy } from '../../../src/scanning/providers/gcp/snapshot.js';

export const PROJECT = 'acme-prod-123';
export const NOW = new Date('2026-12-01T00:00:00Z');
const ok = <T>(value: T) => ({ ok: true as const, value });
const per = <T>(value: T) => ({ [PROJECT]: ok(value) });

const CIS_METRICS = [
  { name: 'owner-changes', disabled: false, filter: '(protoPayload.serviceName="cloudresourcemanager.googleapis.com") AND (ProjectOwnership OR projectOwnerInvitee) OR (protoPayload.serviceData.policyDelta.bindingDeltas.action="REMOVE" AND protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner")' },
  { name: 'audit-config', disabled: false, filter: 'protoPayload.methodName="SetIamPolicy" AND protoPayload.serviceData.policyDelta.auditConfigDeltas:*' },
  { name: 'custom-roles', disabled: false, filter: 'resource.type="iam_role" AND (protoPayload.methodName = "google.iam.admin.v1.CreateRole" OR protoPayload.methodName="google.iam.admin.v1.DeleteRole" OR protoPayload.methodName="google.iam.admin.v1.UpdateRole")' },
  { name: 'firewall', disabled: false, filter: 'resource.type="gce_firewall_rule" AND (protoPayload.methodName:"compute.firewalls.patch" OR protoPayload.methodName:"compute.firewalls.insert" OR protoPayload.methodName:"compute.firewalls.delete")' },
  { name: 'routes', disabled: false, filter: 'resource.type="gce_route" AND (protoPayload.methodName:"compute.routes.delete" OR protoPayload.methodName:"compute.routes.insert")' },
  { name: 'networks', disabled: false, filter: 'resource.type="gce_network" AND (protoPayload.methodName:"compute.networks.insert" OR protoPayload.methodName:"compute.networks.patch" OR protoPayload.methodName:"compute.networks.delete" OR protoPayload.methodName:"compute.networks.removePeering" OR protoPayload.methodName:"compute.networks.addPeering")' },
  { name: 'bucket-iam', disabled: false, filter: 'resource.type="gcs_bucket" AND protoPayload.methodName="storage.setIamPermissions"' },
  { name: 'sql-changes', disabled: false, filter: 'protoPayload.methodName="cloudsql.instances.update"' },
];

const goodPolicy: ProjectIamPolicy = {
  bindings: [
    { role: 'roles/owner', members: ['group:admins@acme.example'], condition: null },
    { role: 'roles/storage.objectViewer', members: [`serviceAccount:app@${PROJECT}.iam.gserviceaccount.com`], condition: null },
    { role: 'roles/cloudkms.admin', members: ['group:key-admins@acme.example'], condition: null },
    { role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', members: [`serviceAccount:app@${PROJECT}.iam.gserviceaccount.com`], condition: null },
  ],
  auditConfigs: [{ service: 'allServices', auditLogConfigs: [{ logType: 'ADMIN_READ', exemptedMembers: [] }, { logType: 'DATA_READ', exemptedMembers: [] }, { logType: 'DATA_WRITE', exemptedMembers: [] }] }],
};

const badPolicy: ProjectIamPolicy = {
  bindings: [
    { role: 'roles/editor', members: ['user:alice@acme.example', `serviceAccount:ci@${PROJECT}.iam.gserviceaccount.com`], condition: null },
    { role: 'roles/owner', members: ['user:bob@gmail.com'], condition: null },
    { role: 'roles/iam.serviceAccountUser', members: ['user:carol@acme.example'], condition: null },
    { role: 'roles/iam.serviceAccountAdmin', members: ['user:carol@acme.example'], condition: null },
    { role: 'roles/cloudkms.admin', members: ['user:dave@acme.example'], condition: null },
    { role: 'roles/cloudkms.cryptoKeyDecrypter', members: ['user:dave@acme.example'], condition: null },
  ],
  auditConfigs: [{ service: 'allServices', auditLogConfigs: [{ logType: 'ADMIN_READ', exemptedMembers: ['user:carol@acme.example'] }] }],
};

const sa = (email: string, keys: Array<{ id: string; created: string }>) => ({
  email,
  name: `projects/${PROJECT}/serviceAccounts/${email}`,
  displayName: null,
  disabled: false,
  userManagedKeys: ok(keys.map((key) => ({ name: `projects/${PROJECT}/serviceAccounts/${email}/keys/${key.id}`, validAfterTime: key.created, validBeforeTime: null, disabled: false }))),
});

const bucket = (name: string, over: Partial<GcsBucket> = {}): GcsBucket => ({
  name,
  location: 'us',
  uniformBucketLevelAccess: true,
  publicAccessPrevention: 'enforced',
  versioning: true,
  retentionPolicy: null,
  logging: true,
  labels: {},
  iamPolicy: ok([{ role: 'roles/storage.objectViewer', members: [`serviceAccount:app@${PROJECT}.iam.gserviceaccount.com`], condition: null }]),
  ...over,
});

const instance = (name: string, over: Record<string, unknown> = {}) => ({
  name,
  zone: 'us-central1-a',
  status: 'RUNNING',
  metadata: { 'block-project-ssh-keys': 'TRUE' },
  serviceAccounts: [{ email: `app@${PROJECT}.iam.gserviceaccount.com`, scopes: ['https://www.googleapis.com/auth/cloud-platform'] }],
  canIpForward: false,
  externalIps: [],
  shieldedVm: { secureBoot: true, vtpm: true, integrityMonitoring: true },
  labels: { env: 'prod' },
  gkeNode: false,
  ...over,
});

const kmsKey = (id: string, over: Record<string, unknown> = {}) => ({
  name: `projects/${PROJECT}/locations/us-east1/keyRings/main/cryptoKeys/${id}`,
  location: 'us-east1',
  purpose: 'ENCRYPT_DECRYPT',
  rotationPeriodSeconds: 7_776_000,
  nextRotationTime: '2027-01-01T00:00:00Z',
  primaryState: 'ENABLED',
  iamPolicy: ok([{ role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', members: [`serviceAccount:app@${PROJECT}.iam.gserviceaccount.com`], condition: null }]),
  ...over,
});

const sql = (name: string, over: Record<string, unknown> = {}) => ({
  name,
  region: 'us-central1',
  databaseVersion: 'POSTGRES_15',
  ipv4Enabled: false,
  sslMode: 'ENCRYPTED_ONLY',
  requireSsl: true,
  authorizedNetworks: [],
  backupEnabled: true,
  instanceType: 'CLOUD_SQL_INSTANCE',
  labels: {},
  databaseFlags: {},
  ...over,
});

/** What CIS 6.2 wants of PostgreSQL flags (log_error_verbosity and log_min_duration_statement left at their defaults). */
const GOOD_POSTGRES_FLAGS = { log_connections: 'on', log_disconnections: 'on', 'cloudsql.enable_pgaudit': 'on' };

const zone = (name: string, over: Partial<DnsManagedZone> = {}): DnsManagedZone => ({
  name,
  dnsName: `${name}.example.com.`,
  visibility: 'public',
  dnssecState: 'on',
  keySpecs: [
    { keyType: 'keySigning', algorithm: 'rsasha256' },
    { keyType: 'zoneSigning', algorithm: 'rsasha256' },
  ],
  labels: {},
  ...over,
});

const dataset = (id: string, over: Partial<BigQueryDataset> = {}): BigQueryDataset => ({
  id,
  location: 'eu',
  access: [
    { role: 'OWNER', member: 'specialGroup:projectOwners' },
    { role: 'READER', member: 'group:analysts@acme.example' },
  ],
  defaultKmsKeyName: `projects/${PROJECT}/locations/eu/keyRings/bq/cryptoKeys/datasets`,
  labels: {},
  ...over,
});

export const goodParts: GcpParts = {
  'resourcemanager.iamPolicy': per(goodPolicy),
  'iam.serviceAccounts': per([sa(`app@${PROJECT}.iam.gserviceaccount.com`, [])]),
  'storage.buckets': per([bucket('acme-data'), bucket('acme-audit-logs', { retentionPolicy: { retentionPeriodSeconds: 400 * 86_400, isLocked: true } })]),
  'compute.firewalls': per([
    { name: 'allow-https', network: 'prod', direction: 'INGRESS' as const, disabled: false, priority: 1000, sourceRanges: ['0.0.0.0/0'], allowed: [{ protocol: 'tcp', ports: ['443'] }], denied: [], targetTags: ['web'] },
    { name: 'allow-ssh-iap', network: 'prod', direction: 'INGRESS' as const, disabled: false, priority: 1000, sourceRanges: ['35.235.240.0/20'], allowed: [{ protocol: 'tcp', ports: ['22', '3389'] }], denied: [], targetTags: [] },
  ]),
  'compute.networks': per([{ name: 'prod', legacy: false, autoCreateSubnetworks: false }]),
  'compute.subnetworks': per([
    { name: 'prod-us', region: 'us-central1', network: 'prod', purpose: 'PRIVATE', flowLogsEnabled: true, privateIpGoogleAccess: true },
    { name: 'proxy-only', region: 'us-central1', network: 'prod', purpose: 'REGIONAL_MANAGED_PROXY', flowLogsEnabled: false, privateIpGoogleAccess: false },
  ]),
  'compute.instances': per([instance('web-1'), instance('gke-pool-1-abc', { gkeNode: true, canIpForward: true, externalIps: ['34.1.2.3'], metadata: {} })]),
  'compute.project': per({ defaultServiceAccount: `123456789012-compute@developer.gserviceaccount.com`, metadata: { 'enable-oslogin': 'TRUE' } }),
  'sql.instances': per([
    sql('orders-db', { databaseFlags: GOOD_POSTGRES_FLAGS }),
    sql('orders-db-replica', { instanceType: 'READ_REPLICA_INSTANCE', backupEnabled: false, databaseFlags: GOOD_POSTGRES_FLAGS }),
    sql('billing-mysql', { databaseVersion: 'MYSQL_8_0', databaseFlags: { skip_show_database: 'on', local_infile: 'off' } }),
    sql('reports-mssql', { databaseVersion: 'SQLSERVER_2022_STANDARD', databaseFlags: { 'remote access': 'off', 'external scripts enabled': 'off' } }),
  ]),
  'kms.keys': per([kmsKey('data'), kmsKey('signing', { purpose: 'ASYMMETRIC_SIGN', rotationPeriodSeconds: null })]),
  'logging.sinks': per([{ name: 'all-to-audit', destination: 'storage.googleapis.com/acme-audit-logs', filter: '', disabled: false }]),
  'logging.metrics': per(CIS_METRICS),
  'dns.managedZones': per([zone('acme'), zone('internal', { visibility: 'private', dnssecState: 'off', keySpecs: [] })]),
  'dns.policies': per([{ name: 'log-queries', enableLogging: true, networks: ['prod'] }]),
  'bigquery.datasets': per([dataset('analytics')]),
};

export const badParts: GcpParts = {
  'resourcemanager.iamPolicy': per(badPolicy),
  'iam.serviceAccounts': per([sa(`ci@${PROJECT}.iam.gserviceaccount.com`, [{ id: 'k-old', created: '2026-01-01T00:00:00Z' }])]),
  'storage.buckets': per([
    bucket('acme-public', {
      uniformBucketLevelAccess: false,
      publicAccessPrevention: 'inherited',
      versioning: false,
      iamPolicy: ok([{ role: 'roles/storage.objectViewer', members: ['allUsers'], condition: null }]),
    }),
    bucket('acme-logs', { retentionPolicy: { retentionPeriodSeconds: 30 * 86_400, isLocked: false }, uniformBucketLevelAccess: false, versioning: false, publicAccessPrevention: 'unspecified', iamPolicy: ok([{ role: 'roles/storage.admin', members: ['allAuthenticatedUsers'], condition: null }]) }),
  ]),
  'compute.firewalls': per([
    { name: 'default-allow-ssh', network: 'default', direction: 'INGRESS' as const, disabled: false, priority: 65534, sourceRanges: ['0.0.0.0/0'], allowed: [{ protocol: 'tcp', ports: ['20-30'] }], denied: [], targetTags: [] },
    { name: 'allow-everything', network: 'default', direction: 'INGRESS' as const, disabled: false, priority: 1000, sourceRanges: ['::/0'], allowed: [{ protocol: 'all', ports: [] }], denied: [], targetTags: [] },
  ]),
  'compute.networks': per([
    { name: 'default', legacy: false, autoCreateSubnetworks: true },
    { name: 'old', legacy: true, autoCreateSubnetworks: false },
  ]),
  'compute.subnetworks': per([{ name: 'default', region: 'europe-west1', network: 'default', purpose: 'PRIVATE', flowLogsEnabled: false, privateIpGoogleAccess: false }]),
  'compute.instances': per([
    instance('legacy-vm', {
      metadata: { 'enable-oslogin': 'false' },
      serviceAccounts: [{ email: '123456789012-compute@developer.gserviceaccount.com', scopes: ['https://www.googleapis.com/auth/cloud-platform'] }],
      canIpForward: true,
      externalIps: ['34.9.9.9'],
      shieldedVm: { secureBoot: false, vtpm: false, integrityMonitoring: true },
    }),
  ]),
  'compute.project': per({ defaultServiceAccount: null, metadata: { 'serial-port-enable': 'true' } }),
  'sql.instances': per([
    sql('legacy-db', {
      ipv4Enabled: true,
      sslMode: 'ALLOW_UNENCRYPTED_AND_ENCRYPTED',
      requireSsl: false,
      authorizedNetworks: [{ name: 'anywhere', value: '0.0.0.0/0' }],
      backupEnabled: false,
      databaseFlags: { log_disconnections: 'off', log_error_verbosity: 'VERBOSE', log_min_duration_statement: '0' },
    }),
    sql('legacy-mysql', { databaseVersion: 'MYSQL_5_7', databaseFlags: { local_infile: 'on' } }),
    sql('legacy-mssql', { databaseVersion: 'SQLSERVER_2019_WEB', databaseFlags: { 'external scripts enabled': 'on', 'cross db ownership chaining': 'ON', 'contained database authentication': 'on' } }),
  ]),
  'kms.keys': per([kmsKey('stale', { rotationPeriodSeconds: 365 * 86_400, iamPolicy: ok([{ role: 'roles/cloudkms.cryptoKeyDecrypter', members: ['allUsers'], condition: null }]) })]),
  'logging.sinks': per([{ name: 'errors-only', destination: 'storage.googleapis.com/acme-logs', filter: 'severity>=ERROR', disabled: false }]),
  'logging.metrics': per([{ name: 'unrelated', filter: 'severity>=ERROR', disabled: false }]),
  'dns.managedZones': per([
    zone('acme-public', { dnssecState: 'off', keySpecs: [] }),
    zone('acme-legacy-signed', { keySpecs: [{ keyType: 'keySigning', algorithm: 'rsasha1' }, { keyType: 'zoneSigning', algorithm: 'rsasha1' }] }),
  ]),
  'dns.policies': per([{ name: 'no-logging', enableLogging: false, networks: ['default'] }]),
  'bigquery.datasets': per([dataset('public_data', { access: [{ role: 'READER', member: 'allUsers' }], defaultKmsKeyName: null }), dataset('internal', { defaultKmsKeyName: null })]),
};

export function snapshotOf(parts: Partial<GcpParts>): GcpSnapshot {
  return { projects: [PROJECT], parts };
}

export const DENIED = 'HTTP 403 forbidden: The caller does not have permission';

export function deniedSnapshot(): GcpSnapshot {
  const failed = { [PROJECT]: { ok: false as const, error: DENIED } };
  const parts = Object.fromEntries(Object.keys(goodParts).map((part) => [part, failed])) as unknown as GcpParts;
  return snapshotOf(parts);
}
