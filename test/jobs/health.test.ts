/**
 * Health notices against the real database and queue: the periodic check finds an integration
 * turning unhealthy (and healthy again) and the `health` job tells every channel subscribed to it,
 * on every platform, once per change; a channel that failed is the only one a retry posts to.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotifierRegistry } from '../../src/bot/core/types.js';
import { healthNoticeHandler } from '../../src/jobs/handlers/health.js';
import { maintenanceHandler } from '../../src/jobs/handlers/maintenance.js';
import { JobQueue, type JobContext } from '../../src/jobs/job-queue.js';
import { QUEUE_SPECS, type JobPayloads } from '../../src/jobs/queues.js';
import { Keyring } from '../../src/store/crypto.js';
import { createIntegration, updateIntegration, type PublicIntegration } from '../../src/store/integrations.js';
import { upsertRoute } from '../../src/store/routes.js';
import { createTenant, type Tenant } from '../../src/store/tenants.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { RecordingNotifier } from '../helpers/recording-notifier.js';
import { waitFor } from '../helpers/wait.js';

const logger = pino({ level: 'silent' });
const keyring = new Keyring([{ version: 'v1', key: Buffer.alloc(32, 9) }]);
let testDb: TestDatabase;
let queue: JobQueue<JobPayloads>;
const slack = new RecordingNotifier('slack');
const discord = new RecordingNotifier('discord');
const notifiers: NotifierRegistry = { slack, discord };

beforeAll(async () => {
  testDb = await createTestDatabase();
  queue = await JobQueue.start<JobPayloads>({ boss: testDb.database.bossOptions, specs: QUEUE_SPECS, logger, schedule: false });
  await queue.work('health', healthNoticeHandler({ db: testDb.database.db, queue, logger, notifiers }), { batchSize: 5, concurrency: 1, pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await queue?.stop(1000);
  await testDb?.drop();
});

function context(): JobContext {
  return { id: 'job-health-1', queue: 'health', correlationId: 'corr-health', retryCount: 0, logger, signal: new AbortController().signal };
}

let tenants = 0;
async function setup(): Promise<{ tenant: Tenant; prod: PublicIntegration; staging: PublicIntegration }> {
  const db = testDb.database.db;
  tenants += 1;
  const tenant = await createTenant(db, { slug: `health-${tenants}`, name: 'Acme' });
  const integration = (name: string) =>
    createIntegration(db, keyring, { tenantId: tenant.id, name, provider: 'aws', credentials: { access_key_id: 'AKIAEXAMPLEEXAMPLE12', secret_access_key: 'x'.repeat(40) } });
  const prod = await integration('prod');
  const staging = await integration('staging');
  const route = (platform: 'slack' | 'discord', channelId: string, integrationId: string | null, minSeverity: 'critical' | 'high' | 'low') =>
    upsertRoute(db, { tenantId: tenant.id, platform, channelId, integrationId, minSeverity, createdBy: 'test' });
  // Subscribed to prod at the highest threshold, to everything, and (the same channel) both ways;
  // one channel hears only about staging.
  await route('slack', `C-PROD-${tenants}`, prod.id, 'critical');
  await route('discord', `D-ALL-${tenants}`, null, 'low');
  await route('discord', `D-ALL-${tenants}`, prod.id, 'high');
  await route('slack', `C-STAGING-${tenants}`, staging.id, 'low');
  return { tenant, prod, staging };
}

describe('health notices', () => {
  it('a periodic check that finds an integration broken, then fixed, tells each subscribed channel once per change', async () => {
    const db = testDb.database.db;
    const { prod } = await setup();
    const script: Array<'unhealthy' | 'healthy'> = ['unhealthy', 'unhealthy', 'healthy'];
    let run = 0;
    const handler = maintenanceHandler({
      db,
      queue,
      logger,
      checkHealth: async (integration) => {
        if (integration.id !== prod.id) return null;
        const status = script[run] ?? 'healthy';
        const checkedAt = new Date(Date.UTC(2026, 11, 5, 12, run)).toISOString();
        const errorMessage = status === 'unhealthy' ? 'The security token included in the request is invalid (authentication)' : null;
        await updateIntegration(db, integration.id, { health: { status, responseTimeMs: 12, errorMessage, checkedAt, metadata: {} } });
        return { status, errorMessage, checkedAt };
      },
    });
    const noticesIn = (notifier: RecordingNotifier, channel: string) => notifier.of('postHealthNotice', channel).filter((c) => c.view.integrationId === prod.id);

    await handler({ task: 'check-health', correlationId: 'corr-check' }, { ...context(), queue: 'maintenance' });
    await waitFor(() => noticesIn(slack, `C-PROD-${tenants}`).length === 1 && noticesIn(discord, `D-ALL-${tenants}`).length === 1);
    const [notice] = noticesIn(slack, `C-PROD-${tenants}`);
    expect(notice?.view).toMatchObject({ integrationName: 'prod', provider: 'aws', turned: 'unhealthy' });
    expect(notice?.view.errorMessage).toContain('token');
    expect(slack.of('postHealthNotice', `C-STAGING-${tenants}`)).toHaveLength(0);

    // Still broken: nothing new. Fixed: one "healthy again" each.
    run = 1;
    await handler({ task: 'check-health', correlationId: 'corr-check' }, { ...context(), queue: 'maintenance' });
    run = 2;
    await handler({ task: 'check-health', correlationId: 'corr-check' }, { ...context(), queue: 'maintenance' });
    await waitFor(() => noticesIn(slack, `C-PROD-${tenants}`).length === 2 && noticesIn(discord, `D-ALL-${tenants}`).length === 2);
    expect(noticesIn(slack, `C-PROD-${tenants}`).map((c) => c.view.turned)).toEqual(['unhealthy', 'healthy']);
    expect(noticesIn(discord, `D-ALL-${tenants}`).map((c) => c.view.turned)).toEqual(['unhealthy', 'healthy']);
  });

  it('a channel that failed is the only one the retry posts to; an integration gone is dropped', async () => {
    const { tenant, prod } = await setup();
    const handler = healthNoticeHandler({ db: testDb.database.db, queue, logger, notifiers });
    const data: JobPayloads['health'] = { tenantId: tenant.id, integrationId: prod.id, turned: 'unhealthy', errorMessage: 'AccessDenied', checkedAt: '2026-12-05T13:00:00.000Z' };
    discord.failNext(`D-ALL-${tenants}`);
    await expect(handler({ ...data, correlationId: 'c' }, context())).rejects.toThrow(`discord:D-ALL-${tenants}`);
    await handler({ ...data, correlationId: 'c' }, { ...context(), retryCount: 1 });
    expect(slack.of('postHealthNotice', `C-PROD-${tenants}`)).toHaveLength(1);
    expect(discord.of('postHealthNotice', `D-ALL-${tenants}`)).toHaveLength(1);

    const before = slack.calls.length + discord.calls.length;
    await handler({ ...data, integrationId: '00000000-0000-4000-8000-000000000000', correlationId: 'c' }, context());
    expect(slack.calls.length + discord.calls.length).toBe(before);
  });
});
