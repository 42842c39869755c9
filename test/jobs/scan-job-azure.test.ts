/**
 * A scan of a stored Azure integration through the queue, in process: startScan → `scan` job →
 * scanHandler → the real Azure scanner (ClientSecretCredential, the integration's subscription)
 * against the fake Entra ID + Resource Manager → findings and alerts in the test database, the same
 * way as AWS; and an integration whose secret Entra ID rejects fails at once, without a retry.
 * The database is a fresh one on the PostgreSQL server named by DATABASE_URL when it is set (as CI
 * does), an in-memory PGlite otherwise (test/helpers/db.ts).
 */
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanHandler } from '../../src/jobs/handlers/scan.js';
import { JobQueue } from '../../src/jobs/job-queue.js';
import { QUEUE_SPECS, type JobPayloads } from '../../src/jobs/queues.js';
import { startScan } from '../../src/jobs/start-scan.js';
import { createAzureScanner } from '../../src/scanning/providers/azure/scanner.js';
import { listAlerts } from '../../src/store/alerts.js';
import { Keyring } from '../../src/store/crypto.js';
import { listFindings } from '../../src/store/findings.js';
import { createIntegration, type PublicIntegration } from '../../src/store/integrations.js';
import type { Scan } from '../../src/store/scans.js';
import { createTenant, type Tenant } from '../../src/store/tenants.js';
import { startFakeArm, type FakeArm } from '../fakes/azure-arm.js';
import { CLIENT, SUB_A, TENANT, smallEstate } from '../fakes/azure-arm-world.js';
import { createTestDatabase, serverUrl, type TestDatabase } from '../helpers/db.js';
import { scanFinished, workScanJobs, type ScanJobWork } from '../helpers/scan-jobs.js';
import { waitFor } from '../helpers/wait.js';

const SECRET = `azure-job-secret-${randomBytes(12).toString('hex')}`;
const logger = pino({ level: 'silent' });
const keyring = new Keyring([{ version: 'v1', key: Buffer.alloc(32, 7) }]);

let testDb: TestDatabase;
let queue: JobQueue<JobPayloads>;
let fake: FakeArm;
let tenant: Tenant;
let prod: PublicIntegration;
let rejected: PublicIntegration;
let notified: ScanJobWork['notified'];
let attempts: ScanJobWork['attempts'];

beforeAll(async () => {
  testDb = await createTestDatabase();
  queue = await JobQueue.start<JobPayloads>({ boss: testDb.database.bossOptions, specs: QUEUE_SPECS, logger, schedule: false });
  fake = await startFakeArm(smallEstate(SECRET));
  const db = testDb.database.db;
  tenant = await createTenant(db, { slug: 'contoso', name: 'Contoso' });
  const credentials = { tenant_id: TENANT, client_id: CLIENT, client_secret: SECRET, subscription_id: SUB_A };
  prod = await createIntegration(db, keyring, { tenantId: tenant.id, name: 'prod-azure', provider: 'azure', credentials });
  rejected = await createIntegration(db, keyring, { tenantId: tenant.id, name: 'revoked-azure', provider: 'azure', credentials: { ...credentials, client_secret: 'not-the-secret' } });
  const endpoints = { resourceManagerEndpoint: fake.url, authorityHost: fake.url, disableInstanceDiscovery: true };
  const handler = scanHandler({ db, queue, logger, keyring, scanners: { azure: createAzureScanner({ endpoints, retry: { maxRetries: 2, retryDelayInMs: 5 } }) } });
  ({ notified, attempts } = await workScanJobs(queue, handler));
});

afterAll(async () => {
  await queue?.stop(2000);
  await fake?.close();
  await testDb?.drop();
});

const finished = (scanId: string): Promise<Scan> => scanFinished(testDb.database.db, scanId, 30_000);

describe('scan jobs of a stored Azure integration', () => {
  it('runs on a database of its own on the PostgreSQL server when DATABASE_URL names one', () => {
    if (serverUrl) expect(testDb.url).toMatch(/\/cs_test_[0-9a-f]+$/);
    else expect(testDb.url).toBeNull();
  });

  it('scans the integration\'s subscription through the queue and records findings, alerts and a notify job', async () => {
    const db = testDb.database.db;
    const { scan: requested } = await startScan(db, queue, { tenantId: tenant.id, integrationId: prod.id, requestedBy: 'teams:U1', correlationId: 'corr-azure' });
    const scan = await finished(requested.id);
    expect(scan).toMatchObject({ status: 'complete', error: null });
    const rows = (await listFindings(db, { tenantId: tenant.id, integrationId: prod.id, limit: 1000 })).filter((f) => f.lastScanId === scan.id);
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.every((f) => f.resourceId.startsWith(`/subscriptions/${SUB_A}`))).toBe(true);
    const failing = rows.filter((f) => f.status === 'fail');
    // The portal-shaped alert (operations in an anyOf) is read through the queue path as well.
    expect(rows.find((f) => f.checkId === 'azure-monitor-alert-create-policy-assignment-missing')?.status).toBe('pass');
    expect(scan.summary).toMatchObject({ fail: failing.length, unknown: 0, new: failing.length });
    const alerts = await listAlerts(db, { tenantId: tenant.id, limit: 1000 });
    expect(new Set(alerts.map((alert) => alert.findingId))).toEqual(new Set(failing.map((f) => f.id)));
    expect(alerts.find((alert) => alert.checkId === 'azure-sql-firewall-allows-all-ips')).toBeDefined();
    await waitFor(() => notified.some((n) => n.scanId === scan.id), 10_000);
    expect(notified.find((n) => n.scanId === scan.id)?.correlationId).toBe('corr-azure');
  });

  it('fails a scan whose secret Entra ID rejects at its first attempt, with the reason and without the secret', async () => {
    const { scan: requested } = await startScan(testDb.database.db, queue, { tenantId: tenant.id, integrationId: rejected.id, requestedBy: 'cli', correlationId: 'corr-rejected' });
    const scan = await finished(requested.id);
    expect(scan.status).toBe('failed');
    expect(scan.error).toMatch(/Could not get an Azure Resource Manager token/);
    expect(scan.error).not.toContain('not-the-secret');
    expect(attempts.filter((a) => a.scanId === scan.id)).toEqual([{ scanId: scan.id, retryCount: 0 }]);
  });
});
