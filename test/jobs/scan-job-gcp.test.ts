/**
 * A scan of a stored GCP integration through the queue, in process: startScan → `scan` job →
 * scanHandler → the real GCP scanner (the integration's service account key, exchanged at its
 * token_uri; its project) against the HTTPS fake of Google's APIs → findings and alerts in the
 * test database (a database of its own on DATABASE_URL's server when set, as in CI; else the
 * embedded one), the same way as AWS and Azure; a key Google refuses fails at once, without a retry;
 * a rerun of the same scope updates the same findings instead of adding to them.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanHandler } from '../../src/jobs/handlers/scan.js';
import { JobQueue } from '../../src/jobs/job-queue.js';
import { QUEUE_SPECS, type JobPayloads } from '../../src/jobs/queues.js';
import { startScan } from '../../src/jobs/start-scan.js';
import { createGcpScanner } from '../../src/scanning/providers/gcp/scanner.js';
import { listAlerts } from '../../src/store/alerts.js';
import { Keyring } from '../../src/store/crypto.js';
import { listFindings } from '../../src/store/findings.js';
import { createIntegration, type PublicIntegration } from '../../src/store/integrations.js';
import type { Scan } from '../../src/store/scans.js';
import { createTenant, type Tenant } from '../../src/store/tenants.js';
import { makeServiceAccountKey } from '../fakes/gcp.js';
import { startFakeGcpApis, type FakeGcpApis } from '../fakes/gcp-apis.js';
import { GCP_PROJECT, gcpWorld, SCANNER_EMAIL } from '../fakes/gcp-world.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { scanFinished, workScanJobs, type ScanJobWork } from '../helpers/scan-jobs.js';
import { waitFor } from '../helpers/wait.js';

const logger = pino({ level: 'silent' });
const keyring = new Keyring([{ version: 'v1', key: Buffer.alloc(32, 9) }]);

let testDb: TestDatabase;
let queue: JobQueue<JobPayloads>;
let fake: FakeGcpApis;
let tenant: Tenant;
let prod: PublicIntegration;
let rejected: PublicIntegration;
let notified: ScanJobWork['notified'];
let attempts: ScanJobWork['attempts'];

beforeAll(async () => {
  testDb = await createTestDatabase();
  queue = await JobQueue.start<JobPayloads>({ boss: testDb.database.bossOptions, specs: QUEUE_SPECS, logger, schedule: false });
  const made = makeServiceAccountKey(GCP_PROJECT, SCANNER_EMAIL, 'https://placeholder/token');
  fake = await startFakeGcpApis(gcpWorld({ email: SCANNER_EMAIL, publicKey: made.publicKey }));
  const db = testDb.database.db;
  tenant = await createTenant(db, { slug: 'acme-gcp', name: 'Acme GCP' });
  prod = await createIntegration(db, keyring, { tenantId: tenant.id, name: 'prod-gcp', provider: 'gcp', credentials: { project_id: GCP_PROJECT, service_account_key: { ...made.key, token_uri: fake.tokenUri } } });
  // Same account, a key Google never issued: the token endpoint refuses its signature.
  const forged = makeServiceAccountKey(GCP_PROJECT, SCANNER_EMAIL, fake.tokenUri).key;
  rejected = await createIntegration(db, keyring, { tenantId: tenant.id, name: 'revoked-gcp', provider: 'gcp', credentials: { project_id: GCP_PROJECT, service_account_key: forged } });
  const endpoints = { storageEmulatorHost: fake.url, apiEndpoint: fake.url };
  const handler = scanHandler({ db, queue, logger, keyring, scanners: { gcp: createGcpScanner({ endpoints, retry: { baseDelayMs: 1, maxDelayMs: 5 } }) } });
  ({ notified, attempts } = await workScanJobs(queue, handler));
});

afterAll(async () => {
  await queue?.stop(2000);
  await fake?.close();
  await testDb?.drop();
});

const finished = (scanId: string): Promise<Scan> => scanFinished(testDb.database.db, scanId, 60_000);

describe('scan jobs of a stored GCP integration', () => {
  it('scans the integration\'s project through the queue and records findings, alerts and a notify job; a rerun updates them', async () => {
    const db = testDb.database.db;
    const { scan: requested } = await startScan(db, queue, { tenantId: tenant.id, integrationId: prod.id, requestedBy: 'slack:U1', correlationId: 'corr-gcp' });
    const scan = await finished(requested.id);
    expect(scan).toMatchObject({ status: 'complete', error: null });
    const rows = (await listFindings(db, { tenantId: tenant.id, integrationId: prod.id, limit: 1000 })).filter((f) => f.lastScanId === scan.id);
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.every((f) => f.provider === 'gcp' && (f.resourceId.startsWith('gs://') || f.resourceId.includes(`/projects/${GCP_PROJECT}`)))).toBe(true);
    const failing = rows.filter((f) => f.status === 'fail');
    expect(scan.summary).toMatchObject({ fail: failing.length, unknown: 0, new: failing.length });
    expect(rows.find((f) => f.checkId === 'gcp-storage-bucket-public-access' && f.resourceId === 'gs://acme-public-site')?.status).toBe('fail');
    expect(rows.find((f) => f.checkId === 'gcp-bigquery-dataset-public' && f.resourceId === `//bigquery.googleapis.com/projects/${GCP_PROJECT}/datasets/open_data`)?.status).toBe('fail');
    const alerts = await listAlerts(db, { tenantId: tenant.id, limit: 1000 });
    expect(new Set(alerts.map((alert) => alert.findingId))).toEqual(new Set(failing.map((f) => f.id)));
    await waitFor(() => notified.some((n) => n.scanId === scan.id), 10_000);
    expect(notified.find((n) => n.scanId === scan.id)?.correlationId).toBe('corr-gcp');

    const { scan: again } = await startScan(db, queue, { tenantId: tenant.id, integrationId: prod.id, requestedBy: 'slack:U1', correlationId: 'corr-gcp-2' });
    const second = await finished(again.id);
    expect(second).toMatchObject({ status: 'complete', error: null });
    expect(second.summary).toMatchObject({ fail: failing.length, new: 0 });
    const after = await listFindings(db, { tenantId: tenant.id, integrationId: prod.id, limit: 1000 });
    expect(after.length).toBe(rows.length);
    expect((await listAlerts(db, { tenantId: tenant.id, limit: 1000 })).length).toBe(alerts.length);
  });

  it('fails a scan whose key Google refuses at its first attempt, with the reason and without the key', async () => {
    const { scan: requested } = await startScan(testDb.database.db, queue, { tenantId: tenant.id, integrationId: rejected.id, requestedBy: 'cli', correlationId: 'corr-gcp-rejected' });
    const scan = await finished(requested.id);
    expect(scan.status).toBe('failed');
    expect(scan.error).toMatch(/Could not get a Google access token for scanner@.*invalid_grant/);
    expect(scan.error).not.toContain('PRIVATE KEY');
    expect(attempts.filter((a) => a.scanId === scan.id)).toEqual([{ scanId: scan.id, retryCount: 0 }]);
  });
});
