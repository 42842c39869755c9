import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { testIntegration } from '../../src/integrations/test-connection.js';
import { maintenanceHandler } from '../../src/jobs/handlers/maintenance.js';
import { JobQueue, type JobContext } from '../../src/jobs/job-queue.js';
import { QUEUE_SPECS, type JobPayloads } from '../../src/jobs/queues.js';
import { listAudit, verifyAuditChain } from '../../src/store/audit.js';
import { Keyring } from '../../src/store/crypto.js';
import { createIntegration, getIntegration, updateIntegration } from '../../src/store/integrations.js';
import { alerts, findings, tenants } from '../../src/store/schema.js';
import { startFakeAws } from '../fakes/aws/server.js';
import { smallAccount } from '../fakes/aws/small-account.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { waitFor } from '../helpers/wait.js';

const logger = pino({ level: 'silent' });
let testDb: TestDatabase;
let queue: JobQueue<JobPayloads>;

beforeAll(async () => {
  testDb = await createTestDatabase();
  queue = await JobQueue.start<JobPayloads>({ boss: testDb.database.bossOptions, specs: QUEUE_SPECS, logger, schedule: false });
});

afterAll(async () => {
  await queue.stop(1000);
  await testDb.drop();
});

function context(): JobContext {
  return { id: 'job-1', queue: 'maintenance', correlationId: 'corr-1', retryCount: 0, logger, signal: new AbortController().signal };
}

async function suppressedAlert(tenantId: string, resourceId: string, until: Date | null): Promise<string> {
  const db = testDb.database.db;
  const [finding] = await db
    .insert(findings)
    .values({
      tenantId,
      checkId: 'aws-s3-bucket-public',
      provider: 'aws',
      service: 's3',
      resourceId,
      resourceType: 'AWS::S3::Bucket',
      region: 'us-east-1',
      fingerprint: `fp-${resourceId}`,
      status: 'fail',
      severity: 'high',
      riskScore: 7.5,
      title: 'Bucket is public',
    })
    .returning();
  const [alert] = await db
    .insert(alerts)
    .values({ tenantId, findingId: finding!.id, severity: 'high', state: 'suppressed', suppressedUntil: until, reason: 'accepted risk', version: 3 })
    .returning();
  return alert!.id;
}

describe('maintenance: reopen expired suppressions', () => {
  it('re-opens only expired suppressions, audits each, enqueues a refresh of every card, and is idempotent', async () => {
    const db = testDb.database.db;
    const [tenant] = await db.insert(tenants).values({ slug: 'acme', name: 'Acme' }).returning();
    const now = new Date('2026-06-01T12:00:00Z');
    const expired = await suppressedAlert(tenant!.id, 'arn:aws:s3:::expired', new Date('2026-06-01T11:59:00Z'));
    const future = await suppressedAlert(tenant!.id, 'arn:aws:s3:::future', new Date('2026-06-02T00:00:00Z'));
    const forever = await suppressedAlert(tenant!.id, 'arn:aws:s3:::forever', null);

    const refreshes: Array<JobPayloads['refresh'] & { correlationId: string }> = [];
    await queue.work('refresh', async (data) => {
      refreshes.push(data);
    });

    const handler = maintenanceHandler({ db, queue, logger, clock: () => now });
    await handler({ task: 'reopen-expired-suppressions', correlationId: 'corr-1' }, context());
    await handler({ task: 'reopen-expired-suppressions', correlationId: 'corr-1' }, context()); // a retry finds nothing left

    const states = await db.select({ id: alerts.id, state: alerts.state, version: alerts.version, changedBy: alerts.changedBy }).from(alerts);
    const byId = new Map(states.map((s) => [s.id, s]));
    expect(byId.get(expired)).toMatchObject({ state: 'open', version: 4, changedBy: 'maintenance' });
    expect(byId.get(future)).toMatchObject({ state: 'suppressed', version: 3 });
    expect(byId.get(forever)).toMatchObject({ state: 'suppressed', version: 3 });
    const [reopened] = await db.select().from(alerts).where(eq(alerts.id, expired));
    expect(reopened?.suppressedUntil).toBeNull();

    const audit = await listAudit(db, { targetType: 'alert', targetId: expired });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'maintenance', action: 'alert.suppression_expired', tenantId: tenant!.id });
    expect((await verifyAuditChain(db)).ok).toBe(true);

    await waitFor(() => refreshes.length === 1);
    expect(refreshes[0]).toMatchObject({ alertId: expired, version: 4, tenantId: tenant!.id, correlationId: 'corr-1' });
  });
});

describe('maintenance: integration health checks', () => {
  it('tests every enabled integration against its provider, records health, and warns once when one turns unhealthy', async () => {
    const good = 'AKIAFAKEGOODKEY12345';
    const fake = await startFakeAws(smallAccount(), { validAccessKeyIds: [good] });
    try {
      const db = testDb.database.db;
      const keyring = new Keyring([{ version: 'v1', key: Buffer.alloc(32, 5) }]);
      const [tenant] = await db.insert(tenants).values({ slug: 'health', name: 'Health' }).returning();
      const tenantId = tenant!.id;
      const secret = 'fake-secret-access-key-0123456789abcdef';
      const healthy = await createIntegration(db, keyring, { tenantId, name: 'good', provider: 'aws', credentials: { access_key_id: good, secret_access_key: secret, region: 'us-east-1' } });
      const revoked = await createIntegration(db, keyring, { tenantId, name: 'revoked', provider: 'aws', credentials: { access_key_id: 'AKIAFAKEREVOKED12345', secret_access_key: secret, region: 'us-east-1' } });
      const disabled = await createIntegration(db, keyring, { tenantId, name: 'off', provider: 'aws', credentials: { access_key_id: good, secret_access_key: secret, region: 'us-east-1' } });
      await updateIntegration(db, disabled.id, { status: 'disabled' });

      const warnings: string[] = [];
      const recording = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });
      const tested: string[] = [];
      const handler = maintenanceHandler({
        db,
        queue,
        logger,
        checkHealth: async (integration) => {
          tested.push(integration.name);
          return testIntegration(db, keyring, { ...loadConfig({}), aws: { defaultRegion: 'us-east-1', endpointOverridden: true } }, integration, 'maintenance', { aws: { endpoint: fake.endpoint, httpAgent: fake.httpAgent } });
        },
      });
      const ctx = { ...context(), logger: recording };
      await handler({ task: 'check-health', correlationId: 'corr-health' }, ctx);
      expect(tested.filter((name) => ['good', 'revoked', 'off'].includes(name)).sort()).toEqual(['good', 'revoked']);
      expect((await getIntegration(db, tenantId, healthy.id)).health?.status).toBe('healthy');
      expect((await getIntegration(db, tenantId, revoked.id)).health?.status).toBe('unhealthy');
      expect((await getIntegration(db, tenantId, disabled.id)).health).toBeNull();
      expect(warnings.filter((w) => w.includes('integration turned unhealthy'))).toHaveLength(1);
      expect(warnings.join('\n')).not.toContain(secret);

      // Still unhealthy on the next run: no second warning.
      await handler({ task: 'check-health', correlationId: 'corr-health' }, ctx);
      expect(warnings.filter((w) => w.includes('integration turned unhealthy'))).toHaveLength(1);
      const audits = await listAudit(db, { tenantId, targetType: 'integration', targetId: revoked.id });
      expect(audits.filter((a) => a.action === 'integration.test' && a.actor === 'maintenance')).toHaveLength(2);
    } finally {
      await fake.close();
    }
  });
});
