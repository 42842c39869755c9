/**
 * A scan of a stored AWS integration, end to end and in process: startScan → `scan` job on the
 * real queue → scanHandler → the real AWS scanner against the fake AWS → findings, alerts, audit
 * rows and the notify / refresh jobs in the test database. Then the account is fixed and scanned
 * again, and an integration whose keys AWS rejects is scanned.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobQueue } from '../../src/jobs/job-queue.js';
import { scanHandler } from '../../src/jobs/handlers/scan.js';
import { QUEUE_SPECS, type Envelope, type JobPayloads, type WorkerSpec } from '../../src/jobs/queues.js';
import { startScan } from '../../src/jobs/start-scan.js';
import { createAwsScanner } from '../../src/scanning/providers/aws/scanner.js';
import type { ProviderScanner, ScanOutcome } from '../../src/scanning/scanner.js';
import { listAlerts } from '../../src/store/alerts.js';
import { listAudit, verifyAuditChain } from '../../src/store/audit.js';
import { Keyring } from '../../src/store/crypto.js';
import { listFindings } from '../../src/store/findings.js';
import { createIntegration, getIntegration, type PublicIntegration } from '../../src/store/integrations.js';
import { getScan, type Scan } from '../../src/store/scans.js';
import { createTenant, type Tenant } from '../../src/store/tenants.js';
import { startFakeAws, type FakeAws } from '../fakes/aws/server.js';
import { ACCOUNT_ID, smallAccount } from '../fakes/aws/small-account.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { waitFor } from '../helpers/wait.js';

const GOOD_KEY = 'AKIAFAKEGOODKEY12345';
const REJECTED_KEY = 'AKIAFAKEREJECTED1234';
const SECRET = 'fake-secret-access-key-0123456789abcdef';
/** Polled quickly, so the test does not wait on the production polling interval. */
const FAST: WorkerSpec = { batchSize: 1, concurrency: 1, pollingIntervalSeconds: 0.5 };
const SCAN_TIMEOUT = 30_000;

const logger = pino({ level: 'silent' });
const keyring = new Keyring([{ version: 'v1', key: Buffer.alloc(32, 9) }]);

let testDb: TestDatabase;
let queue: JobQueue<JobPayloads>;
let fake: FakeAws;
let tenant: Tenant;
let prod: PublicIntegration;
let rejected: PublicIntegration;

const notified: Array<Envelope<JobPayloads['notify']>> = [];
const refreshed: Array<Envelope<JobPayloads['refresh']>> = [];
/** Every run of the scan handler: which job, which scan, which attempt. */
const scanJobs: Array<{ jobId: string; scanId: string; retryCount: number }> = [];
/** What the scanner reported for each scan, keyed by scan id. */
const outcomes = new Map<string, ScanOutcome>();

beforeAll(async () => {
  testDb = await createTestDatabase();
  queue = await JobQueue.start<JobPayloads>({ boss: testDb.database.bossOptions, specs: QUEUE_SPECS, logger, schedule: false });
  fake = await startFakeAws(smallAccount(), { validAccessKeyIds: [GOOD_KEY] });
  const db = testDb.database.db;
  tenant = await createTenant(db, { slug: 'acme', name: 'Acme' });
  prod = await createIntegration(db, keyring, {
    tenantId: tenant.id,
    name: 'prod-aws',
    provider: 'aws',
    credentials: { access_key_id: GOOD_KEY, secret_access_key: SECRET, region: 'us-east-1' },
  });
  rejected = await createIntegration(db, keyring, {
    tenantId: tenant.id,
    name: 'revoked-aws',
    provider: 'aws',
    credentials: { access_key_id: REJECTED_KEY, secret_access_key: SECRET, region: 'us-east-1' },
  });
  await queue.work(
    'notify',
    async (data) => {
      notified.push(data);
    },
    { ...FAST, batchSize: 10 },
  );
  await queue.work(
    'refresh',
    async (data) => {
      refreshed.push(data);
    },
    { ...FAST, batchSize: 10 },
  );
});

afterAll(async () => {
  await queue?.stop(2000);
  await fake?.close();
  await testDb?.drop();
});

/** The real scanner, with what it reported kept for the assertions. */
function recordingScanner(): ProviderScanner {
  const aws = createAwsScanner({ defaultRegion: 'us-east-1', endpoint: fake.endpoint, endpointOverridden: true, httpAgent: fake.httpAgent });
  return {
    ...aws,
    async scan(options) {
      const outcome = await aws.scan(options);
      if (options.scanId) outcomes.set(options.scanId, outcome);
      return outcome;
    },
  };
}

let workerStarted = false;
async function startScanWorker(): Promise<void> {
  if (workerStarted) return;
  workerStarted = true;
  const handler = scanHandler({ db: testDb.database.db, queue, logger, keyring, scanners: { aws: recordingScanner() } });
  await queue.work(
    'scan',
    async (data, context) => {
      scanJobs.push({ jobId: context.id, scanId: data.scanId, retryCount: context.retryCount });
      await handler(data, context);
    },
    FAST,
  );
}

async function finished(scanId: string): Promise<Scan> {
  await waitFor(async () => (await getScan(testDb.database.db, scanId)).finishedAt !== null, SCAN_TIMEOUT, 100);
  return getScan(testDb.database.db, scanId);
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

describe('scan jobs of a stored AWS integration', () => {
  let firstScan: Scan;

  it('coalesces two concurrent requests into one scan, runs it through the queue and records findings, alerts, audit rows and a notify job', async () => {
    const db = testDb.database.db;
    const [a, b] = await Promise.all([
      startScan(db, queue, { tenantId: tenant.id, integrationId: prod.id, requestedBy: 'slack:T1:U1', correlationId: 'corr-first-a' }),
      startScan(db, queue, { tenantId: tenant.id, integrationId: prod.id, requestedBy: 'slack:T1:U2', correlationId: 'corr-first-b' }),
    ]);
    expect([a.coalesced, b.coalesced].sort()).toEqual([false, true]);
    expect(a.scan.id).toBe(b.scan.id);
    const requester = a.coalesced ? b : a;
    expect(requester.scan.status).toBe('queued');
    const correlationId = a.coalesced ? 'corr-first-b' : 'corr-first-a';

    await startScanWorker();
    const scan = await finished(a.scan.id);
    firstScan = scan;
    const outcome = outcomes.get(scan.id);
    expect(outcome, 'the scanner ran for this scan').toBeDefined();
    // smallAccount's trail logs to a bucket of another account: those checks are `unknown`, so the
    // scanner reports `partial`, and the scan row says what the report said.
    expect(outcome?.report.scan.status).toBe('partial');
    expect(scan.status).toBe('partial');
    expect(scan.error).toBeNull();
    expect(scan.startedAt).not.toBeNull();
    expect(outcome?.report.scan.accountId).toBe(ACCOUNT_ID);
    // Exactly one job ran for the coalesced pair, at its first attempt.
    expect(scanJobs.filter((j) => j.scanId === scan.id)).toEqual([expect.objectContaining({ retryCount: 0 })]);

    // The summary agrees with the findings table and with the report.
    const rows = (await listFindings(db, { tenantId: tenant.id, integrationId: prod.id, limit: 1000 })).filter((f) => f.lastScanId === scan.id);
    const reported = outcome?.report.findings ?? [];
    expect(rows).toHaveLength(reported.length);
    const byStatus = countBy(rows, (f) => f.status);
    const summary = scan.summary;
    expect(summary).not.toBeNull();
    expect(summary).toEqual({
      resources: new Set(rows.map((f) => f.resourceId)).size,
      pass: byStatus.pass ?? 0,
      fail: byStatus.fail ?? 0,
      unknown: byStatus.unknown ?? 0,
      new: byStatus.fail ?? 0,
      resolved: 0,
      regressed: 0,
    });
    expect(summary?.fail).toBeGreaterThan(10);
    expect(summary?.unknown).toBeGreaterThan(0);
    expect(new Set(rows.map((f) => f.fingerprint))).toEqual(new Set(reported.map((f) => f.fingerprint)));

    // One open alert per failing finding.
    const alerts = await listAlerts(db, { tenantId: tenant.id, limit: 1000 });
    const failing = rows.filter((f) => f.status === 'fail');
    expect(alerts).toHaveLength(failing.length);
    expect(alerts.every((alert) => alert.state === 'open' && alert.integrationId === prod.id)).toBe(true);
    expect(new Set(alerts.map((alert) => alert.findingId))).toEqual(new Set(failing.map((f) => f.id)));
    expect(alerts.find((alert) => alert.checkId === 'aws-s3-bucket-versioning' && alert.resourceId === 'arn:aws:s3:::public-site')).toBeDefined();

    // The notify job carries every new alert and the requester's correlation id.
    await waitFor(() => notified.some((n) => n.scanId === scan.id), 10_000);
    const notify = notified.filter((n) => n.scanId === scan.id);
    expect(notify).toHaveLength(1);
    expect(new Set(notify[0]?.alertIds)).toEqual(new Set(alerts.map((alert) => alert.id)));
    expect(notify[0]?.tenantId).toBe(tenant.id);
    expect(notify[0]?.correlationId).toBe(correlationId);

    // Audit: requested once (the coalesced request adds nothing), recorded once; the chain holds.
    const scanAudit = await listAudit(db, { tenantId: tenant.id, targetType: 'scan', targetId: scan.id });
    expect(countBy(scanAudit, (row) => row.action)).toEqual({ 'scan.requested': 1, 'scan.recorded': 1 });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    expect((await getIntegration(db, tenant.id, prod.id)).lastScanAt).not.toBeNull();
  });

  it('resolves the alert of a problem fixed in the account on the next scan, and enqueues a refresh job', async () => {
    expect(firstScan, 'the first scan ran').toBeDefined();
    const db = testDb.database.db;
    const target = (await listAlerts(db, { tenantId: tenant.id, limit: 1000 })).find((alert) => alert.checkId === 'aws-s3-bucket-versioning' && alert.resourceId === 'arn:aws:s3:::public-site');
    expect(target?.state).toBe('open');
    const openBefore = (await listAlerts(db, { tenantId: tenant.id, states: ['open'], limit: 1000 })).length;

    // Fix it in the account: versioning on for the public bucket.
    const bucket = fake.account.s3.buckets.find((b) => b.name === 'public-site');
    if (!bucket) throw new Error('smallAccount has no bucket public-site');
    bucket.versioning = { status: 'Enabled', mfaDelete: false };

    const { scan: requested, coalesced } = await startScan(db, queue, { tenantId: tenant.id, integrationId: prod.id, requestedBy: 'schedule', correlationId: 'corr-second' });
    expect(coalesced).toBe(false);
    expect(requested.id).not.toBe(firstScan.id);
    const scan = await finished(requested.id);
    expect(scan.status).toBe('partial');
    expect(scan.summary).toMatchObject({ new: 0, resolved: 1, regressed: 0, fail: (firstScan.summary?.fail ?? 0) - 1, pass: (firstScan.summary?.pass ?? 0) + 1 });

    const after = (await listAlerts(db, { tenantId: tenant.id, limit: 1000 })).find((alert) => alert.id === target?.id);
    expect(after?.state).toBe('resolved');
    expect(after?.version).toBe((target?.version ?? 0) + 1);
    expect((await listAlerts(db, { tenantId: tenant.id, states: ['open'], limit: 1000 })).length).toBe(openBefore - 1);

    await waitFor(() => refreshed.some((r) => r.alertId === target?.id), 10_000);
    expect(refreshed.filter((r) => r.alertId === target?.id)).toEqual([expect.objectContaining({ tenantId: tenant.id, version: after?.version, correlationId: 'corr-second' })]);
    // Nothing new failed, so nobody is notified again.
    expect(notified.filter((n) => n.scanId === scan.id)).toEqual([]);
    const resolvedAudit = await listAudit(db, { tenantId: tenant.id, targetType: 'alert', targetId: target?.id });
    expect(resolvedAudit.map((row) => row.action)).toContain('alert.resolved');
  });

  it('finishes a scan whose keys AWS rejects as failed with the reason, audits it, and completes the job without retrying', async () => {
    const db = testDb.database.db;
    const alertStates = async () => (await listAlerts(db, { tenantId: tenant.id, limit: 1000 })).map((alert) => `${alert.id}:${alert.state}:${alert.version}`).sort();
    const alertsBefore = await alertStates();
    const callsBefore = fake.calls.length;
    const { scan: requested } = await startScan(db, queue, { tenantId: tenant.id, integrationId: rejected.id, requestedBy: 'cli', correlationId: 'corr-rejected' });
    const scan = await finished(requested.id);
    expect(scan.status).toBe('failed');
    expect(scan.summary).toBeNull();
    expect(scan.error).toMatch(/credentials are invalid/i);
    expect(scan.error).toContain('InvalidClientTokenId');
    expect(scan.error).not.toContain(SECRET);

    const failedAudit = await listAudit(db, { tenantId: tenant.id, targetType: 'scan', targetId: scan.id });
    const failed = failedAudit.find((row) => row.action === 'scan.failed');
    expect(failed).toBeDefined();
    expect(failed?.outcome).toBe('failure');
    expect(JSON.stringify(failed?.details)).toContain('InvalidClientTokenId');

    const jobs = scanJobs.filter((j) => j.scanId === scan.id);
    expect(jobs).toHaveLength(1);
    const jobId = jobs[0]?.jobId ?? '';
    await waitFor(async () => (await queue.jobState('scan', jobId)) === 'completed', 10_000);
    // Only GetCallerIdentity was tried with the rejected key; nothing of the account was read.
    expect(fake.calls.slice(callsBefore).map((c) => `${c.service}:${c.operation}:${c.status}`)).toEqual(['sts:GetCallerIdentity:403']);
    expect(scanJobs.filter((j) => j.scanId === scan.id)).toHaveLength(1);
    expect(await alertStates()).toEqual(alertsBefore);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});
