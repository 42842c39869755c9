/**
 * The GCP scanner end to end through the real client libraries (@google-cloud/storage and the
 * generated @googleapis/* REST clients) against the HTTPS fake of Google's APIs: every list paged
 * to the end, throttling (429 / rateLimitExceeded) retried after Retry-After, one API denied making
 * only its checks unknown, an organization's projects found through folders, ambient key files and
 * an unauthenticated emulator.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GcpConfig } from '../../../src/config.js';
import { gcpChecks } from '../../../src/scanning/registry.js';
import { createGcpEvidenceCollector } from '../../../src/scanning/providers/gcp/evidence.js';
import { createGcpScanner } from '../../../src/scanning/providers/gcp/scanner.js';
import type { ScanOutcome } from '../../../src/scanning/scanner.js';
import { makeServiceAccountKey } from '../../fakes/gcp.js';
import { startFakeGcpApis, type FakeGcpApis } from '../../fakes/gcp-apis.js';
import { GCP_DEV_PROJECT, GCP_ORGANIZATION, GCP_PROJECT, gcpWorld, SCANNER_EMAIL } from '../../fakes/gcp-world.js';

let fake: FakeGcpApis;
let key: Record<string, string>;
let endpoints: GcpConfig;
let dir: string;
const NOW = () => new Date('2026-12-01T00:00:00Z');
const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 5 };

beforeAll(async () => {
  const made = makeServiceAccountKey(GCP_PROJECT, SCANNER_EMAIL, 'https://placeholder/token');
  fake = await startFakeGcpApis(gcpWorld({ email: SCANNER_EMAIL, publicKey: made.publicKey }));
  key = { ...made.key, token_uri: fake.tokenUri };
  endpoints = { storageEmulatorHost: fake.url, apiEndpoint: fake.url };
  dir = mkdtempSync(join(tmpdir(), 'cloudsentinel-gcp-'));
});

afterAll(async () => {
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const stored = () => ({ project_id: GCP_PROJECT, service_account_key: key });
const scanner = (config: Partial<GcpConfig> = {}) => createGcpScanner({ endpoints: { ...endpoints, ...config }, retry: FAST_RETRY });
const result = (outcome: ScanOutcome, checkId: string, resourceId: string) => outcome.report.findings.find((f) => f.checkId === checkId && f.resourceId === resourceId);
const callsSince = (before: number, route: string) => fake.calls.slice(before).filter((c) => c.route === route).length;

describe('GCP scanner against the fake Google APIs', () => {
  let full: ScanOutcome;
  let before: number;

  beforeAll(async () => {
    before = fake.calls.length;
    full = await scanner().scan({ credentials: stored(), now: NOW });
  });

  it('scans the stored project with every check and reports it complete', () => {
    expect(full.report.scan).toMatchObject({ provider: 'gcp', accountId: GCP_PROJECT, status: 'complete', checks: gcpChecks.length, errors: [] });
    expect(full.incompleteChecks).toEqual([]);
    expect(full.report.findings.every((f) => f.status !== 'unknown')).toBe(true);
    expect(full.apiCalls.calls).toBeGreaterThan(20);
  });

  it('keeps SSH keys and startup scripts out of the snapshot and the report', () => {
    const text = JSON.stringify(full.report);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('AAAAB3Nza');
    expect(text).not.toContain('PRIVATE KEY');
  });

  it('pages every list to the end', () => {
    const buckets = full.report.findings.filter((f) => f.checkId === 'gcp-storage-bucket-uniform-access-disabled').map((f) => f.resourceId).sort();
    expect(buckets).toEqual(['gs://acme-audit-logs', 'gs://acme-data', 'gs://acme-public-site']);
    expect(callsSince(before, 'storage.buckets')).toBe(2);
    expect(full.report.findings.filter((f) => f.checkId === 'gcp-network-firewall-ssh-open')).toHaveLength(3);
    expect(callsSince(before, 'compute.firewalls')).toBe(2);
    // Aggregated lists page over zones: three zones, two per page.
    expect(callsSince(before, 'compute.instances')).toBe(2);
    expect(full.report.findings.filter((f) => f.checkId === 'gcp-compute-instance-shielded-vm-disabled')).toHaveLength(2);
    expect(full.report.findings.filter((f) => f.checkId === 'gcp-sql-instance-ssl-not-required')).toHaveLength(4);
    expect(full.report.findings.filter((f) => f.checkId === 'gcp-kms-key-public')).toHaveLength(3);
    expect(callsSince(before, 'kms.locations')).toBe(2);
    expect(callsSince(before, 'iam.serviceAccounts')).toBe(2);
    // Four zones and three datasets, two a page; each dataset is read once more for its access list.
    expect(callsSince(before, 'dns.managedZones')).toBe(2);
    expect(callsSince(before, 'bigquery.datasets')).toBe(2);
    expect(callsSince(before, 'bigquery.dataset')).toBe(3);
  });

  it('finds what is wrong, with resource names and regions', () => {
    expect(result(full, 'gcp-storage-bucket-public-access', 'gs://acme-public-site')).toMatchObject({ status: 'fail', region: 'us', severity: 'critical' });
    expect(result(full, 'gcp-storage-bucket-public-access', 'gs://acme-data')).toMatchObject({ status: 'pass', region: 'eu' });
    expect(result(full, 'gcp-storage-log-bucket-retention-locked', 'gs://acme-audit-logs')).toMatchObject({ status: 'pass', region: 'us-east1' });
    expect(result(full, 'gcp-network-firewall-ssh-open', `//compute.googleapis.com/projects/${GCP_PROJECT}/global/firewalls/default-allow-ssh`)).toMatchObject({ status: 'fail', region: 'global' });
    expect(result(full, 'gcp-network-firewall-rdp-open', `//compute.googleapis.com/projects/${GCP_PROJECT}/global/firewalls/default-allow-rdp`)).toMatchObject({ status: 'pass' });
    expect(result(full, 'gcp-network-default-network', `//compute.googleapis.com/projects/${GCP_PROJECT}/global/networks/default`)?.status).toBe('fail');
    expect(result(full, 'gcp-network-subnet-flow-logs-disabled', `//compute.googleapis.com/projects/${GCP_PROJECT}/regions/europe-west1/subnetworks/default`)).toMatchObject({ status: 'fail', region: 'europe-west1' });
    const legacyVm = `//compute.googleapis.com/projects/${GCP_PROJECT}/zones/europe-west1-b/instances/legacy-vm`;
    for (const id of ['gcp-compute-instance-public-ip', 'gcp-compute-instance-serial-port-enabled', 'gcp-compute-instance-default-sa-full-access', 'gcp-compute-instance-ip-forwarding', 'gcp-compute-instance-shielded-vm-disabled']) {
      expect(result(full, id, legacyVm), id).toMatchObject({ status: 'fail', region: 'europe-west1' });
    }
    expect(result(full, 'gcp-compute-instance-public-ip', `//compute.googleapis.com/projects/${GCP_PROJECT}/zones/us-central1-a/instances/web-1`)?.status).toBe('pass');
    const ordersDb = `//cloudsql.googleapis.com/projects/${GCP_PROJECT}/instances/orders-db`;
    for (const id of ['gcp-sql-instance-public-ip', 'gcp-sql-instance-open-authorized-network', 'gcp-sql-instance-ssl-not-required', 'gcp-sql-instance-backups-disabled']) {
      expect(result(full, id, ordersDb), id).toMatchObject({ status: 'fail', region: 'us-central1' });
    }
    const legacyKey = `//cloudkms.googleapis.com/projects/${GCP_PROJECT}/locations/us-east1/keyRings/main/cryptoKeys/legacy`;
    expect(result(full, 'gcp-kms-key-public', legacyKey)).toMatchObject({ status: 'fail', region: 'us-east1' });
    expect(result(full, 'gcp-kms-key-rotation', legacyKey)?.status).toBe('fail');
    expect(result(full, 'gcp-kms-key-rotation', legacyKey.replace('legacy', 'data'))?.status).toBe('pass');
    const ci = `//iam.googleapis.com/projects/${GCP_PROJECT}/serviceAccounts/ci@${GCP_PROJECT}.iam.gserviceaccount.com`;
    expect(result(full, 'gcp-iam-service-account-admin-privileges', ci)?.status).toBe('fail');
    expect(result(full, 'gcp-iam-service-account-user-managed-keys', ci)?.statusDetail).toBe('1 enabled user-managed key(s): 0123abcd');
    expect(result(full, 'gcp-iam-service-account-key-not-rotated', `${ci}/keys/0123abcd`)).toMatchObject({ status: 'fail', statusDetail: 'Created 699 days ago (more than 90)' });
    const flags = (id: string) => [result(full, id, ordersDb)?.status, result(full, id, ordersDb.replace('orders-db', 'billing-db'))?.status];
    expect(flags('gcp-sql-postgres-log-connections-off')).toEqual(['pass', undefined]);
    expect(flags('gcp-sql-postgres-log-min-duration-statement-enabled')).toEqual(['fail', undefined]);
    expect(flags('gcp-sql-postgres-pgaudit-disabled')).toEqual(['fail', undefined]);
    expect(flags('gcp-sql-mysql-local-infile-on')).toEqual([undefined, 'pass']);
    const mssql = ordersDb.replace('orders-db', 'reports-mssql');
    expect(result(full, 'gcp-sql-sqlserver-external-scripts-enabled', mssql)).toMatchObject({ status: 'fail', statusDetail: "'external scripts enabled' is 'on'; CIS 6.3.1 wants 'off'" });
    expect(result(full, 'gcp-sql-sqlserver-remote-access-on', mssql)?.status).toBe('pass');
    expect(result(full, 'gcp-sql-sqlserver-cross-db-ownership-chaining', mssql)).toMatchObject({ status: 'pass', statusDetail: "'cross db ownership chaining' is not set (the engine default applies)" });
    expect(result(full, 'gcp-sql-mysql-skip-show-database-off', ordersDb.replace('orders-db', 'billing-db-replica'))).toMatchObject({ status: 'fail', statusDetail: "'skip_show_database' is not set (the engine default applies); CIS 6.1.2 wants 'on'" });
    const zone = (name: string) => `//dns.googleapis.com/projects/${GCP_PROJECT}/managedZones/${name}`;
    expect(full.report.findings.filter((f) => f.checkId === 'gcp-dns-dnssec-disabled').map((f) => [f.resourceId, f.status])).toEqual([
      [zone('acme-com'), 'pass'],
      [zone('old-com'), 'pass'],
      [zone('shop-com'), 'fail'],
    ]);
    expect(full.report.findings.filter((f) => f.checkId === 'gcp-dns-dnssec-ksk-rsasha1' && f.status === 'fail').map((f) => f.resourceId)).toEqual([zone('old-com')]);
    expect(full.report.findings.filter((f) => f.checkId === 'gcp-dns-dnssec-zsk-rsasha1').map((f) => f.status)).toEqual(['pass', 'pass']);
    const network = (name: string) => `//compute.googleapis.com/projects/${GCP_PROJECT}/global/networks/${name}`;
    expect(result(full, 'gcp-dns-vpc-logging-disabled', network('prod'))).toMatchObject({ status: 'pass', statusDetail: 'DNS server policy dns-logging logs queries' });
    expect(result(full, 'gcp-dns-vpc-logging-disabled', network('default'))?.status).toBe('fail');
    const dataset = (id: string) => `//bigquery.googleapis.com/projects/${GCP_PROJECT}/datasets/${id}`;
    expect(full.report.findings.filter((f) => f.checkId === 'gcp-bigquery-dataset-public').map((f) => [f.resourceId, f.status, f.region])).toEqual([
      [dataset('analytics'), 'pass', 'eu'],
      [dataset('open_data'), 'fail', 'us'],
      [dataset('partner_share'), 'fail', 'us-central1'],
    ]);
    expect(result(full, 'gcp-bigquery-dataset-public', dataset('partner_share'))?.statusDetail).toBe('Grants READER to allAuthenticatedUsers');
    expect(result(full, 'gcp-bigquery-dataset-cmek-default-missing', dataset('analytics'))?.status).toBe('pass');
    expect(result(full, 'gcp-bigquery-dataset-cmek-default-missing', dataset('open_data'))?.status).toBe('fail');
    const project = `//cloudresourcemanager.googleapis.com/projects/${GCP_PROJECT}`;
    expect(result(full, 'gcp-iam-service-account-user-project-level', project)?.status).toBe('fail');
    expect(result(full, 'gcp-iam-personal-gmail-accounts', project)?.status).toBe('fail');
    expect(result(full, 'gcp-logging-audit-config-incomplete', project)?.status).toBe('pass');
    expect(result(full, 'gcp-logging-sink-all-entries-missing', project)?.status).toBe('pass');
    expect(result(full, 'gcp-logging-metric-firewall-changes', project)?.status).toBe('pass');
    expect(result(full, 'gcp-logging-metric-custom-role-changes', project)?.status).toBe('fail');
    expect(result(full, 'gcp-compute-oslogin-disabled', project)?.status).toBe('pass');
  });

  it('retries 429 and rateLimitExceeded after Retry-After, on the REST clients and the storage SDK, and counts them', async () => {
    const rateLimited = { error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED', errors: [{ reason: 'rateLimitExceeded' }] } };
    fake.inject({ route: 'compute.firewalls', times: 2, status: 429, body: rateLimited, headers: { 'retry-after': '0' } });
    fake.inject({ route: 'storage.buckets', times: 1, status: 429, body: rateLimited, headers: { 'retry-after': '1' } });
    fake.inject({ route: 'kms.locations', times: 1, status: 403, body: { error: { code: 403, message: 'Rate limit exceeded', errors: [{ reason: 'userRateLimitExceeded' }] } } });
    const started = Date.now();
    const outcome = await scanner().scan({ credentials: stored(), now: NOW, checks: ['gcp-network-firewall-ssh-open', 'gcp-storage-bucket-public-access', 'gcp-kms-key-public'] });
    expect(outcome.report.scan.status).toBe('complete');
    expect(outcome.apiCalls.throttled).toBe(4);
    expect(outcome.apiCalls.retries).toBe(4);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(outcome.report.findings.filter((f) => f.checkId === 'gcp-network-firewall-ssh-open')).toHaveLength(3);
    expect(outcome.report.findings.filter((f) => f.checkId === 'gcp-storage-bucket-public-access')).toHaveLength(3);
  });

  it('gives up on throttling after the attempts it is allowed, as unknown results', async () => {
    fake.inject({ route: 'logging.sinks', times: 3, status: 429, body: { error: { code: 429, message: 'slow down', errors: [{ reason: 'rateLimitExceeded' }] } } });
    const outcome = await createGcpScanner({ endpoints, retry: { ...FAST_RETRY, maxAttempts: 3 } }).scan({ credentials: stored(), now: NOW, checks: ['gcp-logging-sink-all-entries-missing'] });
    expect(outcome.report.scan.status).toBe('partial');
    expect(outcome.report.findings.map((f) => f.status)).toEqual(['unknown']);
    expect(outcome.report.findings[0]?.statusDetail).toMatch(/^Could not check: HTTP 429 rateLimitExceeded: slow down/);
    expect(outcome.apiCalls).toMatchObject({ throttled: 3, retries: 2 });
  });

  it('answers a 403 on one API with unknown for only its checks, and a partial scan that says why', async () => {
    fake.inject({ route: 'sql.instances', times: 1, status: 403, body: { error: { code: 403, message: 'Cloud SQL Admin API has not been used in project acme-prod-123 before or it is disabled.', status: 'PERMISSION_DENIED', errors: [{ reason: 'accessNotConfigured' }] } } });
    const outcome = await scanner().scan({ credentials: stored(), now: NOW });
    const sqlChecks = gcpChecks.filter((c) => c.meta.service === 'sql').map((c) => c.meta.id).sort();
    expect(outcome.report.scan.status).toBe('partial');
    expect(outcome.incompleteChecks).toEqual(sqlChecks);
    expect(outcome.report.scan.errors).toEqual([expect.stringMatching(/^sql\.instances in acme-prod-123: HTTP 403 accessNotConfigured: Cloud SQL Admin API has not been used/)]);
    for (const finding of outcome.report.findings.filter((f) => f.service === 'sql')) {
      expect(finding).toMatchObject({ status: 'unknown', resourceId: `//cloudresourcemanager.googleapis.com/projects/${GCP_PROJECT}` });
      expect(finding.statusDetail).toMatch(/roles\/viewer/);
    }
    expect(outcome.report.findings.filter((f) => f.service !== 'sql' && f.status === 'unknown')).toEqual([]);
  });

  it('collects only what the selected checks need', async () => {
    const start = fake.calls.length;
    const outcome = await scanner().scan({ credentials: stored(), now: NOW, checks: ['gcp-sql-instance-public-ip'] });
    expect(outcome.report.findings.map((f) => f.checkId)).toEqual(Array.from({ length: 4 }, () => 'gcp-sql-instance-public-ip'));
    expect(new Set(fake.calls.slice(start).map((c) => c.route))).toEqual(new Set(['token', 'sql.instances']));
  });

  it('scans every ACTIVE project of an organization, folders included', async () => {
    const outcome = await scanner().scan({ credentials: stored(), now: NOW, scope: { organization: GCP_ORGANIZATION }, checks: ['gcp-network-default-network'] });
    expect(outcome.report.scan.accountId).toBe(`${GCP_DEV_PROJECT},${GCP_PROJECT}`);
    expect(outcome.report.findings.map((f) => [f.resourceId, f.status])).toEqual([
      [`//cloudresourcemanager.googleapis.com/projects/${GCP_DEV_PROJECT}`, 'pass'],
      [`//compute.googleapis.com/projects/${GCP_PROJECT}/global/networks/default`, 'fail'],
    ]);
  });

  it('scans the named projects instead of the stored one; a project the account cannot see is unknown, not a crash', async () => {
    const outcome = await scanner().scan({ credentials: stored(), now: NOW, scope: { projects: [GCP_DEV_PROJECT, 'someone-elses'] }, checks: ['gcp-network-legacy-network'] });
    expect(outcome.report.scan).toMatchObject({ accountId: `${GCP_DEV_PROJECT},someone-elses`, status: 'partial' });
    expect(outcome.report.findings.map((f) => [f.resourceId, f.status])).toEqual([
      [`//compute.googleapis.com/projects/${GCP_DEV_PROJECT}/global/networks/dev`, 'pass'],
      ['//cloudresourcemanager.googleapis.com/projects/someone-elses', 'unknown'],
    ]);
    expect(outcome.report.findings[1]?.statusDetail).toMatch(/HTTP 403/);
  });

  it('uses GOOGLE_APPLICATION_CREDENTIALS\' key file and its project when there is no stored integration', async () => {
    const file = join(dir, 'key.json');
    writeFileSync(file, JSON.stringify(key));
    const outcome = await scanner({ ambient: { keyFile: file, project: null } }).scan({ credentials: null, now: NOW, checks: ['gcp-storage-bucket-public-access'] });
    expect(outcome.report.scan).toMatchObject({ accountId: GCP_PROJECT, status: 'complete' });
    expect(outcome.report.findings).toHaveLength(3);
  });

  it('goes unauthenticated to an emulator without credentials, never waiting on a metadata server', async () => {
    fake.world.anonymous = true;
    try {
      const started = Date.now();
      const outcome = await scanner({ ambient: { keyFile: null, project: GCP_PROJECT } }).scan({ credentials: null, now: NOW, checks: ['gcp-storage-bucket-public-access', 'gcp-network-default-network'] });
      expect(outcome.report.scan.status).toBe('complete');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      fake.world.anonymous = false;
    }
  });

  it('stops with AUTHENTICATION_ERROR, before any API call, when Google refuses the key', async () => {
    const forged = makeServiceAccountKey(GCP_PROJECT, SCANNER_EMAIL, fake.tokenUri).key;
    const start = fake.calls.length;
    const error: unknown = await scanner().scan({ credentials: { project_id: GCP_PROJECT, service_account_key: forged } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AUTHENTICATION_ERROR' });
    expect(String(error)).toMatch(/invalid_grant/);
    expect(String(error)).not.toContain('PRIVATE KEY');
    expect(fake.calls.slice(start).map((c) => c.route)).toEqual(['token']);
  });

  it('stops with a clear error when there is no project to scan', async () => {
    await expect(scanner({ ambient: { keyFile: null, project: null } }).scan({ credentials: null })).rejects.toThrow(/No GCP project to scan/);
  });
});

describe('GCP evidence against the fake Google APIs', () => {
  const collector = () => createGcpEvidenceCollector({ endpoints, retry: FAST_RETRY });

  it('collects policies and configurations of the stored project, without secrets', async () => {
    const collection = await collector().collect({ credentials: stored(), types: ['policies', 'configurations'] });
    expect(collection.account).toBe(GCP_PROJECT);
    expect(collection.errors).toEqual({});
    const titles = (type: string) => collection.items.filter((item) => item.collectionType === type).map((item) => item.title).sort();
    expect(titles('policies')).toEqual([
      'GCP bucket gs://acme-audit-logs IAM policy',
      'GCP bucket gs://acme-data IAM policy',
      'GCP bucket gs://acme-public-site IAM policy',
      `GCP project ${GCP_PROJECT} IAM policy`,
      `GCP service account app@${GCP_PROJECT}.iam.gserviceaccount.com`,
      `GCP service account ci@${GCP_PROJECT}.iam.gserviceaccount.com`,
      `GCP service account ${SCANNER_EMAIL}`,
    ]);
    expect(titles('configurations')).toHaveLength(1 + 1 + 3 + 3 + 4 + 1);
    const policy = collection.items.find((item) => item.title === `GCP project ${GCP_PROJECT} IAM policy`);
    expect(policy?.metadata).toEqual({ resource_id: `//cloudresourcemanager.googleapis.com/projects/${GCP_PROJECT}`, region: null, source: 'cloudresourcemanager.projects.getIamPolicy' });
    expect(policy?.data.bindings).toContainEqual({ role: 'roles/owner', members: ['group:admins@acme.example', 'user:bob@gmail.com'], condition: null });
    const text = JSON.stringify(collection);
    for (const secret of ['hunter2', 'AAAAB3Nza', 'PRIVATE KEY']) expect(text).not.toContain(secret);
  });

  it('records a denied API as an error of its type and keeps the rest', async () => {
    fake.inject({ route: 'sql.instances', times: 1, status: 403, body: { error: { code: 403, message: 'denied', errors: [{ reason: 'forbidden' }] } } });
    const collection = await collector().collect({ credentials: stored(), types: ['configurations'] });
    expect(collection.errors).toEqual({ configurations: [`Cloud SQL instances in ${GCP_PROJECT}: HTTP 403 forbidden: denied — grant roles/viewer and roles/iam.securityReviewer, and check the API is enabled`] });
    expect(collection.items.filter((item) => item.title.startsWith('GCP firewall rule'))).toHaveLength(3);
  });
});
