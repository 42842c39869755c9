/**
 * A small GCP estate for the fake APIs, in Google's own JSON shapes: project `acme-prod-123` with
 * something that passes and something that fails for each service, every list longer than one
 * page, and organization 123456789 holding it (directly) and `acme-dev-456` (in a folder), plus a
 * deleted project that must not be scanned.
 */
import type { KeyObject } from 'node:crypto';
import type { FakeGcpProject, FakeGcpWorld } from './gcp-apis.js';

export const GCP_PROJECT = 'acme-prod-123';
export const GCP_DEV_PROJECT = 'acme-dev-456';
export const GCP_ORGANIZATION = '123456789';
export const SCANNER_EMAIL = `scanner@${GCP_PROJECT}.iam.gserviceaccount.com`;

const zone = (z: string) => `https://www.googleapis.com/compute/v1/projects/${GCP_PROJECT}/zones/${z}`;
const net = (n: string) => `https://www.googleapis.com/compute/v1/projects/${GCP_PROJECT}/global/networks/${n}`;

export function prodProject(): FakeGcpProject {
  return {
    iamPolicy: {
      bindings: [
        { role: 'roles/owner', members: ['group:admins@acme.example', 'user:bob@gmail.com'] },
        { role: 'roles/editor', members: [`serviceAccount:ci@${GCP_PROJECT}.iam.gserviceaccount.com`] },
        { role: 'roles/iam.serviceAccountUser', members: ['user:carol@acme.example'] },
        { role: 'roles/viewer', members: [`serviceAccount:${SCANNER_EMAIL}`] },
      ],
      auditConfigs: [{ service: 'allServices', auditLogConfigs: [{ logType: 'ADMIN_READ' }, { logType: 'DATA_READ' }, { logType: 'DATA_WRITE' }] }],
    },
    buckets: [
      { name: 'acme-public-site', location: 'US', iamConfiguration: { uniformBucketLevelAccess: { enabled: true }, publicAccessPrevention: 'inherited' }, versioning: { enabled: false }, iam: { bindings: [{ role: 'roles/storage.objectViewer', members: ['allUsers'] }] } },
      { name: 'acme-data', location: 'EU', iamConfiguration: { uniformBucketLevelAccess: { enabled: true }, publicAccessPrevention: 'enforced' }, versioning: { enabled: true }, iam: { bindings: [{ role: 'roles/storage.objectAdmin', members: ['group:data@acme.example'] }] } },
      { name: 'acme-audit-logs', location: 'US-EAST1', iamConfiguration: { uniformBucketLevelAccess: { enabled: false }, publicAccessPrevention: 'enforced' }, versioning: { enabled: true }, retentionPolicy: { retentionPeriod: '34560000', isLocked: true }, iam: { bindings: [] } },
    ],
    serviceAccounts: [
      { email: `ci@${GCP_PROJECT}.iam.gserviceaccount.com`, displayName: 'CI', keys: [{ name: `projects/${GCP_PROJECT}/serviceAccounts/ci@${GCP_PROJECT}.iam.gserviceaccount.com/keys/0123abcd`, keyType: 'USER_MANAGED', validAfterTime: '2025-01-01T00:00:00Z', validBeforeTime: '9999-12-31T23:59:59Z' }, { name: 'system-key', keyType: 'SYSTEM_MANAGED' }] },
      { email: `app@${GCP_PROJECT}.iam.gserviceaccount.com`, displayName: 'App', keys: [] },
      { email: SCANNER_EMAIL, displayName: 'CloudSentinel', keys: [] },
    ],
    firewalls: [
      { name: 'default-allow-ssh', network: net('default'), direction: 'INGRESS', priority: 65534, sourceRanges: ['0.0.0.0/0'], allowed: [{ IPProtocol: '6', ports: ['22'] }] }, // protocols may come as IANA numbers
      { name: 'default-allow-rdp', network: net('default'), direction: 'INGRESS', priority: 65534, sourceRanges: ['0.0.0.0/0'], allowed: [{ IPProtocol: 'tcp', ports: ['3389'] }], disabled: true },
      { name: 'allow-https', network: net('prod'), direction: 'INGRESS', priority: 1000, sourceRanges: ['0.0.0.0/0'], allowed: [{ IPProtocol: 'tcp', ports: ['443'] }] },
    ],
    networks: [
      { name: 'default', autoCreateSubnetworks: true },
      { name: 'prod', autoCreateSubnetworks: false },
    ],
    subnetworks: {
      'us-central1': [{ name: 'prod-us', region: 'https://www.googleapis.com/compute/v1/projects/acme-prod-123/regions/us-central1', network: net('prod'), purpose: 'PRIVATE', logConfig: { enable: true } }],
      'europe-west1': [{ name: 'default', region: 'https://www.googleapis.com/compute/v1/projects/acme-prod-123/regions/europe-west1', network: net('default'), purpose: 'PRIVATE' }],
      'asia-east1': [],
    },
    instances: {
      'us-central1-a': [
        {
          name: 'web-1',
          zone: zone('us-central1-a'),
          status: 'RUNNING',
          metadata: { items: [{ key: 'block-project-ssh-keys', value: 'TRUE' }, { key: 'startup-script', value: 'export DB_PASSWORD=hunter2-startup-secret' }] },
          serviceAccounts: [{ email: `app@${GCP_PROJECT}.iam.gserviceaccount.com`, scopes: ['https://www.googleapis.com/auth/cloud-platform'] }],
          networkInterfaces: [{ network: net('prod'), networkIP: '10.0.0.2' }],
          shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
        },
      ],
      'europe-west1-b': [
        {
          name: 'legacy-vm',
          zone: zone('europe-west1-b'),
          status: 'RUNNING',
          canIpForward: true,
          metadata: { items: [{ key: 'serial-port-enable', value: 'true' }] },
          serviceAccounts: [{ email: '123456789012-compute@developer.gserviceaccount.com', scopes: ['https://www.googleapis.com/auth/cloud-platform'] }],
          networkInterfaces: [{ network: net('default'), accessConfigs: [{ name: 'external-nat', natIP: '34.77.1.2' }] }],
        },
      ],
      'asia-east1-a': [],
    },
    computeProject: { defaultServiceAccount: '123456789012-compute@developer.gserviceaccount.com', commonInstanceMetadata: { items: [{ key: 'enable-oslogin', value: 'TRUE' }, { key: 'ssh-keys', value: 'alice:ssh-rsa AAAAB3NzaFAKEKEY alice@example' }] } },
    sqlInstances: [
      {
        name: 'orders-db',
        region: 'us-central1',
        databaseVersion: 'POSTGRES_15',
        instanceType: 'CLOUD_SQL_INSTANCE',
        settings: {
          ipConfiguration: { ipv4Enabled: true, sslMode: 'ALLOW_UNENCRYPTED_AND_ENCRYPTED', authorizedNetworks: [{ name: 'anywhere', value: '0.0.0.0/0' }] },
          backupConfiguration: { enabled: false },
          databaseFlags: [{ name: 'log_connections', value: 'on' }, { name: 'log_min_duration_statement', value: '250' }],
        },
      },
      {
        name: 'billing-db',
        region: 'europe-west1',
        databaseVersion: 'MYSQL_8_0',
        instanceType: 'CLOUD_SQL_INSTANCE',
        settings: { ipConfiguration: { ipv4Enabled: false, sslMode: 'ENCRYPTED_ONLY' }, backupConfiguration: { enabled: true }, databaseFlags: [{ name: 'skip_show_database', value: 'on' }, { name: 'local_infile', value: 'off' }] },
      },
      {
        name: 'reports-mssql',
        region: 'us-central1',
        databaseVersion: 'SQLSERVER_2022_STANDARD',
        instanceType: 'CLOUD_SQL_INSTANCE',
        settings: { ipConfiguration: { ipv4Enabled: false, sslMode: 'ENCRYPTED_ONLY' }, backupConfiguration: { enabled: true }, databaseFlags: [{ name: 'external scripts enabled', value: 'on' }, { name: 'remote access', value: 'off' }] },
      },
      { name: 'billing-db-replica', region: 'europe-west1', databaseVersion: 'MYSQL_8_0', instanceType: 'READ_REPLICA_INSTANCE', settings: { ipConfiguration: { ipv4Enabled: false, requireSsl: true }, backupConfiguration: { enabled: false } } },
    ],
    kms: {
      global: [],
      'us-east1': [
        {
          name: `projects/${GCP_PROJECT}/locations/us-east1/keyRings/main`,
          keys: [
            { name: `projects/${GCP_PROJECT}/locations/us-east1/keyRings/main/cryptoKeys/data`, purpose: 'ENCRYPT_DECRYPT', rotationPeriod: '7776000s', nextRotationTime: '2027-01-01T00:00:00Z', primary: { state: 'ENABLED' } },
            { name: `projects/${GCP_PROJECT}/locations/us-east1/keyRings/main/cryptoKeys/legacy`, purpose: 'ENCRYPT_DECRYPT', primary: { state: 'ENABLED' }, iam: { bindings: [{ role: 'roles/cloudkms.cryptoKeyDecrypter', members: ['allAuthenticatedUsers'] }] } },
            { name: `projects/${GCP_PROJECT}/locations/us-east1/keyRings/main/cryptoKeys/signer`, purpose: 'ASYMMETRIC_SIGN', primary: { state: 'ENABLED' } },
          ],
        },
      ],
      'europe-west1': [],
    },
    dnsZones: [
      { name: 'acme-com', dnsName: 'acme.example.com.', visibility: 'public', dnssecConfig: { state: 'on', defaultKeySpecs: [{ keyType: 'keySigning', algorithm: 'rsasha256', keyLength: 2048 }, { keyType: 'zoneSigning', algorithm: 'rsasha256', keyLength: 1024 }] } },
      { name: 'old-com', dnsName: 'old.example.com.', visibility: 'public', dnssecConfig: { state: 'on', defaultKeySpecs: [{ keyType: 'keySigning', algorithm: 'rsasha1', keyLength: 2048 }, { keyType: 'zoneSigning', algorithm: 'rsasha256', keyLength: 1024 }] } },
      { name: 'shop-com', dnsName: 'shop.example.com.' },
      { name: 'internal', dnsName: 'internal.', visibility: 'private' },
    ],
    dnsPolicies: [{ name: 'dns-logging', enableLogging: true, networks: [{ networkUrl: net('prod') }] }],
    datasets: [
      {
        datasetReference: { datasetId: 'analytics' },
        location: 'EU',
        access: [{ role: 'OWNER', specialGroup: 'projectOwners' }, { role: 'READER', groupByEmail: 'analysts@acme.example' }],
        defaultEncryptionConfiguration: { kmsKeyName: `projects/${GCP_PROJECT}/locations/eu/keyRings/bq/cryptoKeys/datasets` },
      },
      { datasetReference: { datasetId: 'open_data' }, location: 'US', access: [{ role: 'READER', iamMember: 'allUsers' }, { role: 'OWNER', userByEmail: 'etl@acme-prod-123.iam.gserviceaccount.com' }] },
      { datasetReference: { datasetId: 'partner_share' }, location: 'us-central1', access: [{ role: 'READER', specialGroup: 'allAuthenticatedUsers' }] },
    ],
    sinks: [{ name: `projects/${GCP_PROJECT}/sinks/all-logs`, destination: 'storage.googleapis.com/acme-audit-logs', filter: '' }],
    metrics: [
      { name: 'firewall-changes', filter: 'resource.type="gce_firewall_rule" AND (protoPayload.methodName:"compute.firewalls.patch" OR protoPayload.methodName:"compute.firewalls.insert" OR protoPayload.methodName:"compute.firewalls.delete")' },
      { name: 'errors', filter: 'severity>=ERROR' },
      { name: 'warnings', filter: 'severity=WARNING' },
    ],
  };
}

export function gcpWorld(scanner: { email: string; publicKey: KeyObject }): FakeGcpWorld {
  return {
    accounts: [{ ...scanner, projects: [GCP_PROJECT, GCP_DEV_PROJECT] }],
    projects: { [GCP_PROJECT]: prodProject(), [GCP_DEV_PROJECT]: { networks: [{ name: 'dev', autoCreateSubnetworks: false }] } },
    parents: {
      [`organizations/${GCP_ORGANIZATION}`]: {
        projects: [
          { name: 'projects/111', projectId: GCP_PROJECT, state: 'ACTIVE', parent: `organizations/${GCP_ORGANIZATION}` },
          { name: 'projects/222', projectId: 'acme-old-789', state: 'DELETE_REQUESTED', parent: `organizations/${GCP_ORGANIZATION}` },
        ],
        folders: [{ name: 'folders/42', displayName: 'dev', state: 'ACTIVE' }],
      },
      'folders/42': { projects: [{ name: 'projects/333', projectId: GCP_DEV_PROJECT, state: 'ACTIVE', parent: 'folders/42' }] },
    },
  };
}
