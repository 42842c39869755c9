import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobQueue } from '../../src/jobs/job-queue.js';
import { QUEUE_SPECS, type Envelope, type JobPayloads } from '../../src/jobs/queues.js';
import { recordScanResults } from '../../src/jobs/record-scan.js';
import { fingerprint } from '../../src/scanning/engine.js';
import type { Finding } from '../../src/scanning/types.js';
import { listAudit, verifyAuditChain } from '../../src/store/audit.js';
import { Keyring } from '../../src/store/crypto.js';
import { createIntegration } from '../../src/store/integrations.js';
import { createScan, getScan } from '../../src/store/scans.js';
import { alerts, findings } from '../../src/store/schema.js';
import { createSuppressionRule } from '../../src/store/suppressions.js';
import { createTenant } from '../../src/store/tenants.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { waitFor } from '../helpers/wait.js';

const logger = pino({ level: 'silent' });
let testDb: TestDatabase;
let queue: JobQueue<JobPayloads>;
const notified: Array<Envelope<JobPayloads['notify']>> = [];
const refreshed: Array<Envelope<JobPayloads['refresh']>> = [];

beforeAll(async () => {
  testDb = await createTestDatabase();
  queue = await JobQueue.start<JobPayloads>({ boss: testDb.database.bossOptions, specs: QUEUE_SPECS, logger, schedule: false });
  await queue.work('notify', async (data) => {
    notified.push(data);
  });
  await queue.work('refresh', async (data) => {
    refreshed.push(data);
  });
});

afterAll(async () => {
  await queue.stop(1000);
  await testDb.drop();
});

function finding(checkId: string, resourceId: string, status: Finding['status']): Finding {
  return {
    checkId,
    provider: 'aws',
    service: 's3',
    resourceId,
    resourceType: 'AWS::S3::Bucket',
    region: 'us-east-1',
    status,
    severity: 'high',
    riskScore: status === 'fail' ? 8 : 0,
    title: 'S3 bucket is public',
    statusDetail: status,
    remediation: 'Block public access.',
    compliance: { 'cis-aws-5.0': ['2.1.4'] },
    fingerprint: fingerprint(checkId, resourceId),
  };
}

describe('recording scans', () => {
  it('tracks new → still failing → resolved → regressed across scans, with alerts, audit rows and jobs', async () => {
    const db = testDb.database.db;
    const tenant = await createTenant(db, { slug: 'acme', name: 'Acme' });
    const integration = await createIntegration(db, new Keyring([{ version: 'v1', key: Buffer.alloc(32, 7) }]), {
      tenantId: tenant.id,
      name: 'prod',
      provider: 'aws',
      credentials: { access_key_id: 'AKIAEXAMPLEEXAMPLE12', secret_access_key: 'x'.repeat(40) },
    });
    const record = async (results: Finding[], options: { status?: 'complete' | 'partial'; incomplete?: string[] } = {}) => {
      const scan = await createScan(db, { tenantId: tenant.id, integrationId: integration.id, provider: 'aws', requestedBy: 'test' });
      const checks = [...new Set(results.map((r) => r.checkId))];
      const summary = await recordScanResults(db, queue, {
        tenantId: tenant.id,
        integrationId: integration.id,
        scanId: scan.id,
        provider: 'aws',
        status: options.status ?? 'complete',
        findings: results,
        completeChecks: checks.filter((c) => !(options.incomplete ?? []).includes(c)),
        resources: new Set(results.map((r) => r.resourceId)).size,
        now: new Date(),
        correlationId: `corr-${scan.id}`,
      });
      return { scan, summary };
    };
    const alertOf = async (resourceId: string) => {
      const [row] = await db.select({ state: alerts.state, version: alerts.version, id: alerts.id }).from(alerts).innerJoin(findings, eq(alerts.findingId, findings.id)).where(eq(findings.resourceId, resourceId));
      return row;
    };
    const A = 'arn:aws:s3:::bucket-a';
    const B = 'arn:aws:s3:::bucket-b';
    const C = 'arn:aws:s3:::bucket-c';

    // Scan 1: A and B fail (new), C passes.
    const first = await record([finding('aws-s3-bucket-public-acl', A, 'fail'), finding('aws-s3-bucket-public-acl', B, 'fail'), finding('aws-s3-bucket-public-acl', C, 'pass')]);
    expect(first.summary).toMatchObject({ resources: 3, pass: 1, fail: 2, unknown: 0, new: 2, resolved: 0, regressed: 0 });
    expect((await getScan(db, first.scan.id)).status).toBe('complete');
    expect(await alertOf(A)).toMatchObject({ state: 'open', version: 1 });
    await waitFor(() => notified.length === 1);
    expect(notified[0]?.alertIds).toHaveLength(2);
    expect(notified[0]?.correlationId).toBe(`corr-${first.scan.id}`);

    // Scan 2: the same again — still failing, nothing new, no notification.
    const second = await record([finding('aws-s3-bucket-public-acl', A, 'fail'), finding('aws-s3-bucket-public-acl', B, 'fail'), finding('aws-s3-bucket-public-acl', C, 'pass')]);
    expect(second.summary).toMatchObject({ new: 0, resolved: 0, regressed: 0 });

    // Scan 3: A is fixed (passes), B is gone (not seen, check complete) → both resolved, cards refreshed.
    const third = await record([finding('aws-s3-bucket-public-acl', A, 'pass'), finding('aws-s3-bucket-public-acl', C, 'pass')]);
    expect(third.summary).toMatchObject({ new: 0, resolved: 2, regressed: 0 });
    expect(await alertOf(A)).toMatchObject({ state: 'resolved', version: 2 });
    expect(await alertOf(B)).toMatchObject({ state: 'resolved' });
    await waitFor(() => refreshed.length === 2);

    // Scan 4: A fails again → regressed, the alert re-opens and notifies.
    const fourth = await record([finding('aws-s3-bucket-public-acl', A, 'fail'), finding('aws-s3-bucket-public-acl', C, 'pass')]);
    expect(fourth.summary).toMatchObject({ new: 0, regressed: 1 });
    expect(await alertOf(A)).toMatchObject({ state: 'open', version: 3 });
    await waitFor(() => notified.length === 2);
    // Its old cards (which say "resolved") are refreshed too; notify posts only where it has no card.
    await waitFor(() => refreshed.length === 3);
    expect(refreshed[2]).toMatchObject({ alertId: (await alertOf(A))?.id, version: 3, note: 'Reopened by a scan: the problem is back.' });
    expect(refreshed.slice(0, 2).map((r) => r.note)).toEqual(['Resolved by a scan: the problem is gone.', 'Resolved by a scan: the problem is gone.']);

    // Scan 5 is partial for the check: C fails, A is not seen — A must not be resolved by absence.
    const fifth = await record([finding('aws-s3-bucket-public-acl', C, 'fail'), finding('aws-s3-bucket-public-acl', 'arn:aws:s3:::*', 'unknown')], {
      status: 'partial',
      incomplete: ['aws-s3-bucket-public-acl'],
    });
    expect(fifth.summary).toMatchObject({ new: 0, regressed: 1, resolved: 0, unknown: 1 });
    expect(await alertOf(A)).toMatchObject({ state: 'open' });
    expect((await getScan(db, fifth.scan.id)).status).toBe('partial');

    const actions = (await listAudit(db, { tenantId: tenant.id, limit: 100 })).map((row) => row.action);
    // A and B in scan 1, C (first failure) in scan 5; A re-opened in scan 4.
    expect(actions.filter((a) => a === 'alert.opened')).toHaveLength(3);
    expect(actions.filter((a) => a === 'alert.resolved')).toHaveLength(2);
    expect(actions.filter((a) => a === 'alert.reopened')).toHaveLength(1);
    expect(actions.filter((a) => a === 'scan.recorded')).toHaveLength(5);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('opens no alert for a finding covered by an active suppression rule', async () => {
    const db = testDb.database.db;
    const tenant = await createTenant(db, { slug: 'quiet', name: 'Quiet' });
    await createSuppressionRule(db, { tenantId: tenant.id, checkId: 'aws-s3-bucket-public-acl', resourcePattern: 'arn:aws:s3:::public-website-*', reason: 'static website', createdBy: 'test' });
    const scan = await createScan(db, { tenantId: tenant.id, integrationId: null, provider: 'aws', requestedBy: 'test' });
    const summary = await recordScanResults(db, queue, {
      tenantId: tenant.id,
      integrationId: null,
      scanId: scan.id,
      provider: 'aws',
      status: 'complete',
      findings: [finding('aws-s3-bucket-public-acl', 'arn:aws:s3:::public-website-www', 'fail'), finding('aws-s3-bucket-public-acl', 'arn:aws:s3:::secret-data', 'fail')],
      completeChecks: ['aws-s3-bucket-public-acl'],
      resources: 2,
      now: new Date(),
      correlationId: 'corr-quiet',
    });
    expect(summary.new).toBe(2);
    const opened = await db.select({ resourceId: findings.resourceId }).from(alerts).innerJoin(findings, eq(alerts.findingId, findings.id)).where(eq(alerts.tenantId, tenant.id));
    expect(opened.map((o) => o.resourceId)).toEqual(['arn:aws:s3:::secret-data']);
  });
});
