/**
 * Every GCP check over fixture snapshots, one outcome at a time: a project where it passes, one
 * where it fails (with the failing resources named), and one where its data could not be
 * collected (unknown, with the reason) — plus the edge cases each check's logic turns on.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type CheckResult } from '../../../src/scanning/types.js';
import { gcpChecks } from '../../../src/scanning/registry.js';
import { GCP_PARTS } from '../../../src/scanning/providers/gcp/snapshot.js';
import { evaluateChecks } from '../../../src/scanning/engine.js';
import { badParts, deniedSnapshot, DENIED, goodParts, NOW, PROJECT, snapshotOf } from './fixtures.js';

const byId = new Map(gcpChecks.map((check) => [check.meta.id, check]));
function run(id: string, parts = goodParts, settings = DEFAULT_SETTINGS): CheckResult[] {
  const check = byId.get(id);
  if (!check) throw new Error(`no check ${id}`);
  return check.evaluate(snapshotOf(parts), settings, NOW);
}
/** The good project has no user-managed key (CIS 1.4); key age needs one, a fresh one. */
const GOOD_OVERRIDES: Record<string, typeof goodParts> = {
  'gcp-iam-service-account-key-not-rotated': {
    ...goodParts,
    'iam.serviceAccounts': {
      [PROJECT]: {
        ok: true,
        value: [{ email: 'ci@p.iam.gserviceaccount.com', name: 'projects/p/serviceAccounts/ci@p.iam.gserviceaccount.com', displayName: null, disabled: false, userManagedKeys: { ok: true, value: [{ name: 'projects/p/serviceAccounts/ci@p.iam.gserviceaccount.com/keys/new', validAfterTime: '2026-11-01T00:00:00Z', validBeforeTime: null, disabled: false }] } }],
      },
    },
  },
};
const failing = (results: CheckResult[]) => results.filter((r) => r.status === 'fail').map((r) => r.resourceId).sort();

/** What each check must fail on in the bad project. */
const FAILS: Record<string, string[]> = {
  'gcp-iam-service-account-admin-privileges': [`//iam.googleapis.com/projects/${PROJECT}/serviceAccounts/ci@${PROJECT}.iam.gserviceaccount.com`],
  'gcp-iam-service-account-user-managed-keys': [`//iam.googleapis.com/projects/${PROJECT}/serviceAccounts/ci@${PROJECT}.iam.gserviceaccount.com`],
  'gcp-iam-service-account-key-not-rotated': [`//iam.googleapis.com/projects/${PROJECT}/serviceAccounts/ci@${PROJECT}.iam.gserviceaccount.com/keys/k-old`],
  'gcp-iam-service-account-user-project-level': [`//cloudresourcemanager.googleapis.com/projects/${PROJECT}`],
  'gcp-iam-primitive-role-user': [`//cloudresourcemanager.googleapis.com/projects/${PROJECT}`],
  'gcp-iam-separation-of-duties-service-accounts': [`//cloudresourcemanager.googleapis.com/projects/${PROJECT}`],
  'gcp-iam-separation-of-duties-kms': [`//cloudresourcemanager.googleapis.com/projects/${PROJECT}`],
  'gcp-iam-personal-gmail-accounts': [`//cloudresourcemanager.googleapis.com/projects/${PROJECT}`],
  'gcp-kms-key-public': [`//cloudkms.googleapis.com/projects/${PROJECT}/locations/us-east1/keyRings/main/cryptoKeys/stale`],
  'gcp-kms-key-rotation': [`//cloudkms.googleapis.com/projects/${PROJECT}/locations/us-east1/keyRings/main/cryptoKeys/stale`],
  'gcp-logging-audit-config-incomplete': [`//cloudresourcemanager.googleapis.com/projects/${PROJECT}`],
  'gcp-logging-sink-all-entries-missing': [`//cloudresourcemanager.googleapis.com/projects/${PROJECT}`],
  'gcp-logging-metric-project-ownership-changes': [`//cloudresourcemanager.googleapis.com/projects/${PROJECT}`],
  'gcp-logging-metric-audit-config-changes': [`//cloudresourcemanager.googleapis.com/projects/${PROJECT}`],
  'gcp-logging-metric-custom-role-changes': [`//cloudresourcemanager.googleapis.com/projects/${PROJECT}`],
  'gcp-logging-metric-firewall-changes': [`//cloudresourcemanager.googleapis.com/projects/${PROJECT}`],
  'gcp-logging-metric-route-changes': [`//cloudresourcemanager.googleapis.com/projects/${PROJECT}`],
  'gcp-logging-metric-network-changes': [`//cloudresourcemanager.googleapis.com/projects/${PROJECT}`],
  'gcp-logging-metric-storage-iam-changes': [`//cloudresourcemanager.googleapis.com/projects/${PROJECT}`],
  'gcp-logging-metric-sql-config-changes': [`//cloudresourcemanager.googleapis.com/projects/${PROJECT}`],
  'gcp-storage-bucket-public-access': ['gs://acme-logs', 'gs://acme-public'],
  'gcp-storage-bucket-uniform-access-disabled': ['gs://acme-logs', 'gs://acme-public'],
  'gcp-storage-bucket-versioning-disabled': ['gs://acme-logs', 'gs://acme-public'],
  'gcp-storage-bucket-public-access-prevention-off': ['gs://acme-logs', 'gs://acme-public'],
  'gcp-storage-log-bucket-retention-locked': ['gs://acme-logs'],
  'gcp-network-firewall-ssh-open': [`//compute.googleapis.com/projects/${PROJECT}/global/firewalls/allow-everything`, `//compute.googleapis.com/projects/${PROJECT}/global/firewalls/default-allow-ssh`],
  'gcp-network-firewall-rdp-open': [`//compute.googleapis.com/projects/${PROJECT}/global/firewalls/allow-everything`],
  'gcp-network-firewall-all-ports-open': [`//compute.googleapis.com/projects/${PROJECT}/global/firewalls/allow-everything`],
  'gcp-network-default-network': [`//compute.googleapis.com/projects/${PROJECT}/global/networks/default`],
  'gcp-network-legacy-network': [`//compute.googleapis.com/projects/${PROJECT}/global/networks/old`],
  'gcp-network-subnet-flow-logs-disabled': [`//compute.googleapis.com/projects/${PROJECT}/regions/europe-west1/subnetworks/default`],
  'gcp-compute-instance-default-service-account': [`//compute.googleapis.com/projects/${PROJECT}/zones/us-central1-a/instances/legacy-vm`],
  'gcp-compute-instance-default-sa-full-access': [`//compute.googleapis.com/projects/${PROJECT}/zones/us-central1-a/instances/legacy-vm`],
  'gcp-compute-instance-project-ssh-keys-allowed': [`//compute.googleapis.com/projects/${PROJECT}/zones/us-central1-a/instances/legacy-vm`],
  'gcp-compute-oslogin-disabled': [`//cloudresourcemanager.googleapis.com/projects/${PROJECT}`, `//compute.googleapis.com/projects/${PROJECT}/zones/us-central1-a/instances/legacy-vm`],
  'gcp-compute-instance-serial-port-enabled': [`//compute.googleapis.com/projects/${PROJECT}/zones/us-central1-a/instances/legacy-vm`],
  'gcp-compute-instance-ip-forwarding': [`//compute.googleapis.com/projects/${PROJECT}/zones/us-central1-a/instances/legacy-vm`],
  'gcp-compute-instance-shielded-vm-disabled': [`//compute.googleapis.com/projects/${PROJECT}/zones/us-central1-a/instances/legacy-vm`],
  'gcp-compute-instance-public-ip': [`//compute.googleapis.com/projects/${PROJECT}/zones/us-central1-a/instances/legacy-vm`],
  'gcp-sql-instance-public-ip': [`//cloudsql.googleapis.com/projects/${PROJECT}/instances/legacy-db`],
  'gcp-sql-instance-open-authorized-network': [`//cloudsql.googleapis.com/projects/${PROJECT}/instances/legacy-db`],
  'gcp-sql-instance-ssl-not-required': [`//cloudsql.googleapis.com/projects/${PROJECT}/instances/legacy-db`],
  'gcp-sql-instance-backups-disabled': [`//cloudsql.googleapis.com/projects/${PROJECT}/instances/legacy-db`],
  'gcp-sql-mysql-skip-show-database-off': [`//cloudsql.googleapis.com/projects/${PROJECT}/instances/legacy-mysql`],
  'gcp-sql-mysql-local-infile-on': [`//cloudsql.googleapis.com/projects/${PROJECT}/instances/legacy-mysql`],
  'gcp-sql-postgres-log-error-verbosity': [`//cloudsql.googleapis.com/projects/${PROJECT}/instances/legacy-db`],
  'gcp-sql-postgres-log-connections-off': [`//cloudsql.googleapis.com/projects/${PROJECT}/instances/legacy-db`],
  'gcp-sql-postgres-log-disconnections-off': [`//cloudsql.googleapis.com/projects/${PROJECT}/instances/legacy-db`],
  'gcp-sql-postgres-log-min-duration-statement-enabled': [`//cloudsql.googleapis.com/projects/${PROJECT}/instances/legacy-db`],
  'gcp-sql-postgres-pgaudit-disabled': [`//cloudsql.googleapis.com/projects/${PROJECT}/instances/legacy-db`],
  'gcp-sql-sqlserver-external-scripts-enabled': [`//cloudsql.googleapis.com/projects/${PROJECT}/instances/legacy-mssql`],
  'gcp-sql-sqlserver-cross-db-ownership-chaining': [`//cloudsql.googleapis.com/projects/${PROJECT}/instances/legacy-mssql`],
  'gcp-sql-sqlserver-remote-access-on': [`//cloudsql.googleapis.com/projects/${PROJECT}/instances/legacy-mssql`],
  'gcp-sql-sqlserver-contained-database-authentication': [`//cloudsql.googleapis.com/projects/${PROJECT}/instances/legacy-mssql`],
  'gcp-dns-dnssec-disabled': [`//dns.googleapis.com/projects/${PROJECT}/managedZones/acme-public`],
  'gcp-dns-dnssec-ksk-rsasha1': [`//dns.googleapis.com/projects/${PROJECT}/managedZones/acme-legacy-signed`],
  'gcp-dns-dnssec-zsk-rsasha1': [`//dns.googleapis.com/projects/${PROJECT}/managedZones/acme-legacy-signed`],
  'gcp-dns-vpc-logging-disabled': [`//compute.googleapis.com/projects/${PROJECT}/global/networks/default`, `//compute.googleapis.com/projects/${PROJECT}/global/networks/old`],
  'gcp-bigquery-dataset-public': [`//bigquery.googleapis.com/projects/${PROJECT}/datasets/public_data`],
  'gcp-bigquery-dataset-cmek-default-missing': [`//bigquery.googleapis.com/projects/${PROJECT}/datasets/internal`, `//bigquery.googleapis.com/projects/${PROJECT}/datasets/public_data`],
};

describe('GCP checks', () => {
  it('has a fail fixture for every registered check, and at least 30 checks', () => {
    expect(gcpChecks.length).toBeGreaterThanOrEqual(30);
    expect(Object.keys(FAILS).sort()).toEqual(gcpChecks.map((c) => c.meta.id).sort());
  });

  it.each(gcpChecks.map((c) => c.meta.id))('%s: passes on the good project', (id) => {
    const results = run(id, GOOD_OVERRIDES[id] ?? goodParts);
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
  });

  it.each(gcpChecks.map((c) => c.meta.id))('%s: fails exactly the bad resources', (id) => {
    const results = run(id, badParts);
    expect(failing(results)).toEqual(FAILS[id]);
    for (const result of results.filter((r) => r.status === 'fail')) expect(result.statusDetail.length).toBeGreaterThan(5);
  });

  it.each(gcpChecks.map((c) => c.meta.id))('%s: is unknown with the reason when its data could not be collected', (id) => {
    const check = byId.get(id);
    const results = check?.evaluate(deniedSnapshot(), DEFAULT_SETTINGS, NOW) ?? [];
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) {
      expect(result.status).toBe('unknown');
      expect(result.statusDetail).toContain(DENIED);
    }
  });

  it('gives every check metadata: gcloud remediation, docs, known parts, CIS GCP 3.0 or other mappings with string ids', () => {
    for (const { meta } of gcpChecks) {
      expect(meta.id).toMatch(/^gcp-[a-z0-9]+(-[a-z0-9]+)+$/);
      expect(meta.provider).toBe('gcp');
      // bq is the Cloud SDK's BigQuery command (gcloud has no stable dataset ACL or default-key commands).
      expect(meta.remediation.cli, meta.id).toMatch(meta.service === 'bigquery' ? /^bq / : /^gcloud /);
      expect(meta.remediation.url, meta.id).toMatch(/^https:\/\/cloud\.google\.com\//);
      expect(meta.risk.length, meta.id).toBeGreaterThan(20);
      for (const part of meta.needs) expect(GCP_PARTS).toContain(part);
      expect(Object.keys(meta.compliance).length, meta.id).toBeGreaterThanOrEqual(5);
      for (const controls of Object.values(meta.compliance)) for (const control of controls ?? []) expect(typeof control).toBe('string');
    }
    const cis = new Set(gcpChecks.flatMap((c) => c.meta.compliance['cis-gcp-3.0'] ?? []));
    for (const control of ['1.1', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9', '1.10', '1.11', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.8', '2.9', '2.10', '2.11', '3.1', '3.2', '3.6', '3.7', '3.8', '4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.8', '4.9', '5.1', '5.2', '6.4', '6.5', '6.6', '6.7', '2.12', '3.3', '3.4', '3.5', '6.1.2', '6.1.3', '6.2.1', '6.2.2', '6.2.3', '6.2.7', '6.2.8', '6.3.1', '6.3.2', '6.3.5', '6.3.7', '7.1', '7.3']) {
      expect(cis.has(control), control).toBe(true);
    }
  });

  it('turns failing results into findings with risk scores, remediation and exposure', () => {
    const { findings } = evaluateChecks(gcpChecks, snapshotOf(badParts), DEFAULT_SETTINGS, NOW, { scopeId: PROJECT });
    const bucket = findings.find((f) => f.checkId === 'gcp-storage-bucket-public-access' && f.resourceId === 'gs://acme-public');
    expect(bucket).toMatchObject({ status: 'fail', severity: 'critical', provider: 'gcp', service: 'storage', region: 'us', compliance: { 'cis-gcp-3.0': ['5.1'] } });
    expect(bucket?.riskScore).toBeGreaterThanOrEqual(9);
    expect(bucket?.remediation).toMatch(/CLI: gcloud storage buckets/);
  });
});

describe('GCP check edge cases', () => {
  it('key age follows settings.maxAccessKeyAgeDays', () => {
    const strict = { ...DEFAULT_SETTINGS, maxAccessKeyAgeDays: 400 };
    expect(run('gcp-iam-service-account-key-not-rotated', badParts, strict).map((r) => r.status)).toEqual(['pass']);
    expect(run('gcp-iam-service-account-key-not-rotated', badParts)[0]?.statusDetail).toBe('Created 334 days ago (more than 90)');
  });

  it('a key list that failed makes only that service account unknown', () => {
    const accounts = { [PROJECT]: { ok: true as const, value: [{ email: 'x@p.iam.gserviceaccount.com', name: 'projects/p/serviceAccounts/x', displayName: null, disabled: false, userManagedKeys: { ok: false as const, error: 'HTTP 403 forbidden' } }] } };
    const results = run('gcp-iam-service-account-user-managed-keys', { ...goodParts, 'iam.serviceAccounts': accounts });
    expect(results).toEqual([expect.objectContaining({ status: 'unknown', statusDetail: 'Could not check: HTTP 403 forbidden' })]);
  });

  it('firewall port ranges and all-protocol rules count; disabled and egress rules do not', () => {
    const rule = (over: Record<string, unknown>) => ({ name: 'r', network: 'n', direction: 'INGRESS' as const, disabled: false, priority: 1000, sourceRanges: ['0.0.0.0/0'], allowed: [{ protocol: 'tcp', ports: ['3000-4000'] }], denied: [], targetTags: [], ...over });
    const withRule = (over: Record<string, unknown>) => ({ ...goodParts, 'compute.firewalls': { [PROJECT]: { ok: true as const, value: [rule(over)] } } });
    expect(run('gcp-network-firewall-rdp-open', withRule({}))[0]?.status).toBe('fail');
    expect(run('gcp-network-firewall-ssh-open', withRule({}))[0]?.status).toBe('pass');
    expect(run('gcp-network-firewall-rdp-open', withRule({ disabled: true }))[0]?.status).toBe('pass');
    expect(run('gcp-network-firewall-rdp-open', withRule({ direction: 'EGRESS' }))).toEqual([]);
    expect(run('gcp-network-firewall-ssh-open', withRule({ allowed: [{ protocol: 'tcp', ports: [] }] }))[0]?.status).toBe('fail');
    expect(run('gcp-network-firewall-all-ports-open', withRule({ allowed: [{ protocol: 'tcp', ports: [] }] }))[0]?.status).toBe('fail');
    expect(run('gcp-network-firewall-all-ports-open', withRule({ allowed: [{ protocol: 'udp', ports: ['53'] }] }))[0]?.status).toBe('pass');
  });

  it('the log bucket check needs the sinks: sinks denied makes the buckets unknown', () => {
    const parts = { ...badParts, 'logging.sinks': { [PROJECT]: { ok: false as const, error: 'HTTP 403 forbidden' } } };
    expect(run('gcp-storage-log-bucket-retention-locked', parts).map((r) => r.status)).toEqual(['unknown', 'unknown']);
  });

  it('OS Login: instances that inherit the project setting give no result; an instance list that failed is unknown', () => {
    expect(run('gcp-compute-oslogin-disabled').map((r) => r.resourceId)).toEqual([`//cloudresourcemanager.googleapis.com/projects/${PROJECT}`]);
    const parts = { ...goodParts, 'compute.instances': { [PROJECT]: { ok: false as const, error: 'HTTP 403 forbidden' } } };
    expect(run('gcp-compute-oslogin-disabled', parts).map((r) => r.status)).toEqual(['pass', 'unknown']);
  });

  it('serial port access inherited from project metadata fails, an instance override wins', () => {
    const project = { [PROJECT]: { ok: true as const, value: { defaultServiceAccount: null, metadata: { 'serial-port-enable': 'TRUE' } } } };
    expect(run('gcp-compute-instance-serial-port-enabled', { ...goodParts, 'compute.project': project }).map((r) => r.status)).toEqual(['fail', 'fail']);
    const overridden = { [PROJECT]: { ok: true as const, value: goodParts['compute.instances'][PROJECT]?.ok ? goodParts['compute.instances'][PROJECT].value.map((i) => ({ ...i, metadata: { ...i.metadata, 'serial-port-enable': 'false' } })) : [] } };
    expect(run('gcp-compute-instance-serial-port-enabled', { ...goodParts, 'compute.project': project, 'compute.instances': overridden }).map((r) => r.status)).toEqual(['pass', 'pass']);
  });

  it('a metric filter matches whatever its spacing and quoting', () => {
    const metrics = { [PROJECT]: { ok: true as const, value: [{ name: 'm', disabled: false, filter: 'resource.type = gce_firewall_rule AND (protoPayload.methodName : compute.firewalls.patch OR protoPayload.methodName:compute.firewalls.insert OR protoPayload.methodName:compute.firewalls.delete)' }] } };
    const [result] = run('gcp-logging-metric-firewall-changes', { ...goodParts, 'logging.metrics': metrics });
    expect(result?.status).toBe('pass');
    expect(result?.statusDetail).toMatch(/alerting policy .* not verified/);
  });

  it('Cloud SQL: requireSsl counts when sslMode is not set; no public IP means the authorized networks do not matter', () => {
    const instances = (over: Record<string, unknown>) => ({ [PROJECT]: { ok: true as const, value: [{ name: 'db', region: 'us-central1', databaseVersion: 'MYSQL_8_0', ipv4Enabled: false, sslMode: null, requireSsl: true, authorizedNetworks: [{ name: null, value: '0.0.0.0/0' }], backupEnabled: true, instanceType: 'CLOUD_SQL_INSTANCE', labels: {}, databaseFlags: {}, ...over }] } });
    expect(run('gcp-sql-instance-ssl-not-required', { ...goodParts, 'sql.instances': instances({}) })[0]?.status).toBe('pass');
    expect(run('gcp-sql-instance-ssl-not-required', { ...goodParts, 'sql.instances': instances({ requireSsl: false }) })[0]?.status).toBe('fail');
    expect(run('gcp-sql-instance-open-authorized-network', { ...goodParts, 'sql.instances': instances({}) })[0]?.status).toBe('pass');
  });

  it('reports a project-level pass when no user-managed service account has a project role', () => {
    const policy = { [PROJECT]: { ok: true as const, value: { bindings: [{ role: 'roles/editor', members: ['serviceAccount:service-1@gcp-sa-pubsub.iam.gserviceaccount.com'], condition: null }], auditConfigs: [] } } };
    // Google's service agents (service-N@gcp-sa-*.iam...) are Google-managed; CIS 1.5 looks at the project's own accounts.
    expect(run('gcp-iam-service-account-admin-privileges', { ...goodParts, 'resourcemanager.iamPolicy': policy })).toEqual([expect.objectContaining({ status: 'pass', resourceId: `//cloudresourcemanager.googleapis.com/projects/${PROJECT}` })]);
  });
});

describe('GCP CIS 3.0 database flag, DNS and BigQuery checks', () => {
  const instance = (name: string, databaseVersion: string, databaseFlags: Record<string, string>) => ({ name, region: 'us-central1', databaseVersion, ipv4Enabled: false, sslMode: 'ENCRYPTED_ONLY', requireSsl: true, authorizedNetworks: [], backupEnabled: true, instanceType: 'CLOUD_SQL_INSTANCE', labels: {}, databaseFlags });
  const withInstances = (...instances: Array<ReturnType<typeof instance>>) => ({ ...goodParts, 'sql.instances': { [PROJECT]: { ok: true as const, value: instances } } });
  const statuses = (results: CheckResult[]) => results.map((r) => `${r.resourceId.split('/').pop() ?? ''}:${r.status}`);

  it('judges only instances of its engine, reads values case-insensitively, and treats a flag not set as the default where CIS allows', () => {
    const parts = withInstances(instance('pg', 'POSTGRES_16', { log_connections: 'ON', log_error_verbosity: 'terse' }), instance('my', 'MYSQL_8_0', {}), instance('ms', 'SQLSERVER_2019_ENTERPRISE', {}));
    expect(statuses(run('gcp-sql-postgres-log-connections-off', parts))).toEqual(['pg:pass']);
    expect(statuses(run('gcp-sql-postgres-log-error-verbosity', parts))).toEqual(['pg:pass']);
    expect(statuses(run('gcp-sql-postgres-log-min-duration-statement-enabled', parts))).toEqual(['pg:pass']);
    expect(statuses(run('gcp-sql-mysql-skip-show-database-off', parts))).toEqual(['my:fail']);
    expect(statuses(run('gcp-sql-sqlserver-external-scripts-enabled', parts))).toEqual(['ms:pass']);
    // SQL Server's own default for `remote access` is on: not set is a failure.
    expect(run('gcp-sql-sqlserver-remote-access-on', parts)).toEqual([expect.objectContaining({ status: 'fail', statusDetail: "'remote access' is not set (the engine default applies); CIS 6.3.5 wants 'off'" })]);
  });

  it('a project without instances of the engine gives no result; a SQL list that failed is unknown', () => {
    expect(run('gcp-sql-sqlserver-cross-db-ownership-chaining', withInstances(instance('pg', 'POSTGRES_16', {})))).toEqual([]);
    const denied = { ...goodParts, 'sql.instances': { [PROJECT]: { ok: false as const, error: 'HTTP 403 accessNotConfigured' } } };
    expect(run('gcp-sql-postgres-pgaudit-disabled', denied)).toEqual([expect.objectContaining({ status: 'unknown', statusDetail: 'Could not check: HTTP 403 accessNotConfigured' })]);
  });

  it('DNSSEC: private zones are not judged; a zone in transfer fails 3.3 and is judged on its algorithms', () => {
    const zones = [
      { name: 'priv', dnsName: 'corp.', visibility: 'private', dnssecState: 'off', keySpecs: [], labels: {} },
      { name: 'moving', dnsName: 'moving.example.com.', visibility: 'public', dnssecState: 'transfer', keySpecs: [{ keyType: 'zoneSigning', algorithm: 'rsasha1' }], labels: {} },
    ];
    const parts = { ...goodParts, 'dns.managedZones': { [PROJECT]: { ok: true as const, value: zones } } };
    expect(statuses(run('gcp-dns-dnssec-disabled', parts))).toEqual(['moving:fail']);
    expect(statuses(run('gcp-dns-dnssec-zsk-rsasha1', parts))).toEqual(['moving:fail']);
    expect(statuses(run('gcp-dns-dnssec-ksk-rsasha1', parts))).toEqual(['moving:pass']);
  });

  it('DNS logging: networks are listed but policies denied makes each network unknown; a policy without logging is named', () => {
    const denied = { ...badParts, 'dns.policies': { [PROJECT]: { ok: false as const, error: 'HTTP 403 forbidden' } } };
    expect(run('gcp-dns-vpc-logging-disabled', denied).map((r) => [r.resourceId.split('/').pop(), r.status, r.statusDetail])).toEqual([
      ['default', 'unknown', 'Could not check: HTTP 403 forbidden'],
      ['old', 'unknown', 'Could not check: HTTP 403 forbidden'],
    ]);
    expect(run('gcp-dns-vpc-logging-disabled', badParts).map((r) => r.statusDetail)).toEqual(['DNS server policy no-logging does not log queries', 'No DNS server policy applies to the network']);
  });

  it('BigQuery: authorized views and project groups are not public; allAuthenticatedUsers is, and the finding is marked exposed', () => {
    const datasets = [
      { id: 'views_only', location: 'us', access: [{ role: 'READER', member: 'view:p.d.t' }, { role: 'READER', member: 'specialGroup:projectReaders' }], defaultKmsKeyName: null, labels: {} },
      { id: 'any_google_account', location: 'us', access: [{ role: 'READER', member: 'allAuthenticatedUsers' }], defaultKmsKeyName: null, labels: {} },
    ];
    const results = run('gcp-bigquery-dataset-public', { ...goodParts, 'bigquery.datasets': { [PROJECT]: { ok: true as const, value: datasets } } });
    expect(statuses(results)).toEqual(['views_only:pass', 'any_google_account:fail']);
    expect(results[1]).toMatchObject({ exposed: true, statusDetail: 'Grants READER to allAuthenticatedUsers' });
  });
});
