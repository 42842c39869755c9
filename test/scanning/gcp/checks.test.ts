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
      expect(meta.remediation.cli, meta.id).toMatch(/^gcloud /);
      expect(meta.remediation.url, meta.id).toMatch(/^https:\/\/cloud\.google\.com\//);
      expect(meta.risk.length, meta.id).toBeGreaterThan(20);
      for (const part of meta.needs) expect(GCP_PARTS).toContain(part);
      expect(Object.keys(meta.compliance).length, meta.id).toBeGreaterThanOrEqual(5);
      for (const controls of Object.values(meta.compliance)) for (const control of controls ?? []) expect(typeof control).toBe('string');
    }
    const cis = new Set(gcpChecks.flatMap((c) => c.meta.compliance['cis-gcp-3.0'] ?? []));
    for (const control of ['1.1', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9', '1.10', '1.11', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.8', '2.9', '2.10', '2.11', '3.1', '3.2', '3.6', '3.7', '3.8', '4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.8', '4.9', '5.1', '5.2', '6.4', '6.5', '6.6', '6.7']) {
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
    const instances = (over: Record<string, unknown>) => ({ [PROJECT]: { ok: true as const, value: [{ name: 'db', region: 'us-central1', databaseVersion: 'MYSQL_8_0', ipv4Enabled: false, sslMode: null, requireSsl: true, authorizedNetworks: [{ name: null, value: '0.0.0.0/0' }], backupEnabled: true, instanceType: 'CLOUD_SQL_INSTANCE', labels: {}, ...over }] } });
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
