/**
 * The notify job against the real database: routing by integration and severity, one card per
 * channel, digests for many alerts, nothing posted twice when the job is retried, one failing
 * channel not holding up the others, and a chat-started scan's status message posted then edited.
 * The platforms are a recording Notifier that can be told to fail.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/bot/core/types.js';
import { DIGEST_AUDIT_ACTION, notifyHandler, type NotifyDeps } from '../../src/jobs/handlers/notify.js';
import { scanHandler } from '../../src/jobs/handlers/scan.js';
import type { ProviderScanner } from '../../src/scanning/scanner.js';
import { JobQueue, type JobContext } from '../../src/jobs/job-queue.js';
import { QUEUE_SPECS, type Envelope, type JobPayloads } from '../../src/jobs/queues.js';
import { listAlertMessages } from '../../src/store/alert-messages.js';
import type { AlertSeverity } from '../../src/store/alerts.js';
import { listAudit, verifyAuditChain } from '../../src/store/audit.js';
import { Keyring } from '../../src/store/crypto.js';
import { rowsOf } from '../../src/store/db.js';
import { createIntegration, type PublicIntegration } from '../../src/store/integrations.js';
import { upsertRoute } from '../../src/store/routes.js';
import { createScan, finishScan, getScan, markScanRunning, updateScanProgress } from '../../src/store/scans.js';
import { alerts, findings, type ScanOrigin } from '../../src/store/schema.js';
import { createTenant, type Tenant } from '../../src/store/tenants.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { waitFor } from '../helpers/wait.js';
import { RecordingNotifier } from '../helpers/recording-notifier.js';

const logger = pino({ level: 'silent' });
const keyring = new Keyring([{ version: 'v1', key: Buffer.alloc(32, 5) }]);
let testDb: TestDatabase;
let queue: JobQueue<JobPayloads>;

beforeAll(async () => {
  testDb = await createTestDatabase();
  queue = await JobQueue.start<JobPayloads>({ boss: testDb.database.bossOptions, specs: QUEUE_SPECS, logger, schedule: false });
});

afterAll(async () => {
  await queue?.stop(1000);
  await testDb?.drop();
});

function context(retryCount = 0): JobContext {
  return { id: 'job-notify-1', queue: 'notify', correlationId: 'corr-notify', retryCount, logger, signal: new AbortController().signal };
}

function job(data: JobPayloads['notify']): Envelope<JobPayloads['notify']> {
  return { ...data, correlationId: 'corr-notify' };
}

interface World {
  tenant: Tenant;
  prod: PublicIntegration;
  staging: PublicIntegration;
}

let worlds = 0;
async function world(): Promise<World> {
  const db = testDb.database.db;
  worlds += 1;
  const tenant = await createTenant(db, { slug: `acme-${worlds}`, name: 'Acme' });
  const integration = (name: string) =>
    createIntegration(db, keyring, { tenantId: tenant.id, name, provider: 'aws', credentials: { access_key_id: 'AKIAEXAMPLEEXAMPLE12', secret_access_key: 'x'.repeat(40) } });
  return { tenant, prod: await integration('prod'), staging: await integration('staging') };
}

let resources = 0;
async function openAlert(
  w: World,
  integration: PublicIntegration | null,
  severity: AlertSeverity,
  options: { riskScore?: number; state?: 'open' | 'acknowledged'; lastScanId?: string } = {},
): Promise<string> {
  const db = testDb.database.db;
  resources += 1;
  const resourceId = `arn:aws:s3:::bucket-${resources}`;
  const [finding] = await db
    .insert(findings)
    .values({
      tenantId: w.tenant.id,
      integrationId: integration?.id ?? null,
      checkId: 'aws-s3-bucket-public',
      provider: 'aws',
      service: 's3',
      resourceId,
      resourceType: 'AWS::S3::Bucket',
      region: 'us-east-1',
      fingerprint: `fp-${resourceId}`,
      status: 'fail',
      severity,
      riskScore: options.riskScore ?? 5,
      title: `Bucket ${resources} is public`,
      lastScanId: options.lastScanId ?? null,
    })
    .returning();
  const [alert] = await db
    .insert(alerts)
    .values({ tenantId: w.tenant.id, findingId: finding!.id, severity, state: options.state ?? 'open' })
    .returning();
  return alert!.id;
}

async function route(w: World, platform: Platform, channelId: string, integration: PublicIntegration | null, minSeverity: AlertSeverity): Promise<void> {
  await upsertRoute(testDb.database.db, {
    tenantId: w.tenant.id,
    platform,
    channelId,
    integrationId: integration?.id ?? null,
    minSeverity,
    target: { note: `delivery data of ${channelId}` },
    createdBy: 'slack:T1:U1',
  });
}

function handler(notifiers: RecordingNotifier[], extra: Partial<NotifyDeps> = {}) {
  return notifyHandler({
    db: testDb.database.db,
    queue,
    logger,
    notifiers: Object.fromEntries(notifiers.map((n) => [n.platform, n])),
    ...extra,
  });
}

describe('notify: routing', () => {
  it('posts each open alert to the channels whose integration and threshold it meets, once per channel, and records every card', async () => {
    const w = await world();
    const critical = await openAlert(w, w.prod, 'critical', { riskScore: 9.5 });
    const high = await openAlert(w, w.prod, 'high', { riskScore: 7 });
    const low = await openAlert(w, w.prod, 'low', { riskScore: 2 });
    const stagingHigh = await openAlert(w, w.staging, 'high', { riskScore: 7.5 });
    const acknowledged = await openAlert(w, w.prod, 'critical', { state: 'acknowledged' });
    await route(w, 'slack', 'C-PROD', w.prod, 'high');
    await route(w, 'slack', 'C-PROD', null, 'critical'); // a second rule for the same channel: still one card
    await route(w, 'slack', 'C-ALL', null, 'low');
    await route(w, 'slack', 'C-STAGING', w.staging, 'critical');
    await route(w, 'teams', 'T-PROD', w.prod, 'critical');
    await route(w, 'discord', 'D-ALL', null, 'info'); // no Discord notifier in this process: skipped, not an error

    const slack = new RecordingNotifier('slack');
    const teams = new RecordingNotifier('teams');
    await handler([slack, teams])(job({ tenantId: w.tenant.id, alertIds: [low, high, critical, stagingHigh, acknowledged] }), context());

    // Most severe first within a channel; the acknowledged alert is not posted anywhere.
    expect(slack.of('postAlert', 'C-PROD').map((c) => c.alertId)).toEqual([critical, high]);
    expect(slack.of('postAlert', 'C-ALL').map((c) => c.alertId)).toEqual([critical, stagingHigh, high, low]);
    expect(slack.of('postAlert', 'C-STAGING')).toEqual([]);
    expect(teams.of('postAlert').map((c) => `${c.channelId}:${c.alertId}`)).toEqual([`T-PROD:${critical}`]);

    const cards = await listAlertMessages(testDb.database.db, critical);
    expect(cards.map((m) => `${m.platform}:${m.channelId}`).sort()).toEqual(['slack:C-ALL', 'slack:C-PROD', 'teams:T-PROD']);
    for (const card of cards) {
      expect(card.renderedVersion).toBe(1);
      // Without a thread id from the platform, the card itself is the thread.
      expect(card.threadId).toBe(card.messageId);
    }
    expect(await listAlertMessages(testDb.database.db, acknowledged)).toEqual([]);
  });

  it('posts nothing twice when the job is retried, and only what is missing after a new route', async () => {
    const w = await world();
    const a = await openAlert(w, w.prod, 'high');
    const b = await openAlert(w, w.prod, 'medium');
    await route(w, 'slack', 'C-RETRY', w.prod, 'medium');
    const slack = new RecordingNotifier('slack');
    const notify = handler([slack]);

    await notify(job({ tenantId: w.tenant.id, alertIds: [a, b] }), context());
    await notify(job({ tenantId: w.tenant.id, alertIds: [a, b] }), context(1));
    expect(slack.of('postAlert').map((c) => c.alertId)).toEqual([a, b]);

    await route(w, 'slack', 'C-RETRY-2', null, 'high');
    await notify(job({ tenantId: w.tenant.id, alertIds: [a, b] }), context(2));
    expect(slack.of('postAlert').map((c) => `${c.channelId}:${c.alertId}`)).toEqual([`C-RETRY:${a}`, `C-RETRY:${b}`, `C-RETRY-2:${a}`]);
    expect(await listAlertMessages(testDb.database.db, a)).toHaveLength(2);
  });

  it('queues a refresh for a card posted while the alert changed, which the change could not have seen', async () => {
    const w = await world();
    const alertId = await openAlert(w, w.prod, 'critical');
    const steady = await openAlert(w, w.prod, 'critical');
    await route(w, 'slack', 'C-RACE', w.prod, 'high');
    const slack = new RecordingNotifier('slack');
    slack.beforePost = async (view) => {
      // Someone acknowledges the alert from another channel while its card here is on its way.
      if (view.id === alertId) await testDb.database.db.update(alerts).set({ state: 'acknowledged', version: 2 }).where(eq(alerts.id, alertId));
    };
    await handler([slack])(job({ tenantId: w.tenant.id, alertIds: [alertId, steady] }), context());

    expect(slack.of('postAlert').map((c) => `${c.alertId}:${c.version}`).sort()).toEqual([`${alertId}:1`, `${steady}:1`].sort());
    const refreshes = rowsOf<{ alert_id: string; version: number }>(
      await testDb.database.db.execute(sql`select data->>'alertId' as alert_id, (data->>'version')::int as version from pgboss.job where name = 'refresh' and data->>'tenantId' = ${w.tenant.id}`),
    );
    expect(refreshes).toEqual([{ alert_id: alertId, version: 2 }]);
  });

  it('ignores alert ids of another tenant', async () => {
    const mine = await world();
    const theirs = await world();
    const foreign = await openAlert(theirs, theirs.prod, 'critical');
    await route(mine, 'slack', 'C-MINE', null, 'info');
    await route(theirs, 'slack', 'C-THEIRS', null, 'info');
    const slack = new RecordingNotifier('slack');
    await handler([slack])(job({ tenantId: mine.tenant.id, alertIds: [foreign] }), context());
    expect(slack.calls).toEqual([]);
  });
});

describe('notify: digests', () => {
  it('posts one digest to a channel that gets more alerts than the threshold, cards to the others, and no second digest on retry', async () => {
    const w = await world();
    const scan = await createScan(testDb.database.db, { tenantId: w.tenant.id, integrationId: w.prod.id, provider: 'aws', requestedBy: 'schedule' });
    const severities: AlertSeverity[] = ['low', 'critical', 'medium', 'high', 'high', 'critical', 'info'];
    const ids: string[] = [];
    for (const [i, severity] of severities.entries()) ids.push(await openAlert(w, w.prod, severity, { riskScore: i }));
    const stagingIds = [await openAlert(w, w.staging, 'high'), await openAlert(w, w.staging, 'critical')];
    await route(w, 'slack', 'C-BUSY', w.prod, 'info');
    await route(w, 'slack', 'C-QUIET', w.staging, 'info');
    const slack = new RecordingNotifier('slack');
    const notify = handler([slack], { digestThreshold: 5 });
    const data = job({ tenantId: w.tenant.id, alertIds: [...ids, ...stagingIds], scanId: scan.id });

    await notify(data, context());
    await notify(data, context(1));

    const digests = slack.of('postDigest');
    expect(digests).toHaveLength(1);
    const digest = digests[0]!.digest;
    expect(digests[0]!.channelId).toBe('C-BUSY');
    expect(digest).toMatchObject({
      integrationName: 'prod',
      scanId: scan.id,
      total: 7,
      bySeverity: { critical: 2, high: 2, medium: 1, low: 1, info: 1 },
      listCommand: '/sentinel alerts open',
    });
    // The top five, most severe first and the riskiest first within a severity.
    expect(digest.top.map((v) => `${v.severity}:${v.riskScore}`)).toEqual(['critical:5', 'critical:1', 'high:4', 'high:3', 'medium:2']);
    expect(slack.of('postAlert', 'C-BUSY')).toEqual([]);
    // Two alerts do not make a digest: the quiet channel gets cards, once.
    expect(slack.of('postAlert', 'C-QUIET').map((c) => c.alertId)).toEqual([stagingIds[1], stagingIds[0]]);

    const marks = await listAudit(testDb.database.db, { tenantId: w.tenant.id, targetType: 'digest' });
    expect(marks).toHaveLength(1);
    expect(marks[0]).toMatchObject({ action: DIGEST_AUDIT_ACTION, actor: 'notify', targetId: `${scan.id}:slack:C-BUSY` });
    expect(marks[0]!.details).toMatchObject({ scanId: scan.id, platform: 'slack', channelId: 'C-BUSY', alerts: 7 });
    expect(await verifyAuditChain(testDb.database.db)).toMatchObject({ ok: true });
  });
});

describe('notify: failures', () => {
  it('finishes the other channels when one fails, throws naming it, and the retry posts only what is missing', async () => {
    const w = await world();
    const a = await openAlert(w, w.prod, 'critical');
    const b = await openAlert(w, w.prod, 'high');
    await route(w, 'slack', 'C-BROKEN', w.prod, 'high');
    await route(w, 'slack', 'C-FINE', w.prod, 'high');
    await route(w, 'teams', 'T-FINE', w.prod, 'high');
    const slack = new RecordingNotifier('slack');
    const teams = new RecordingNotifier('teams');
    const notify = handler([slack, teams]);
    slack.failNext('C-BROKEN');

    await expect(notify(job({ tenantId: w.tenant.id, alertIds: [a, b] }), context())).rejects.toThrow(/alerts to slack:C-BROKEN: slack refused C-BROKEN/);
    expect(slack.of('postAlert', 'C-FINE').map((c) => c.alertId)).toEqual([a, b]);
    expect(teams.of('postAlert', 'T-FINE').map((c) => c.alertId)).toEqual([a, b]);
    expect(slack.of('postAlert', 'C-BROKEN')).toEqual([]);

    await notify(job({ tenantId: w.tenant.id, alertIds: [a, b] }), context(1));
    expect(slack.of('postAlert', 'C-BROKEN').map((c) => c.alertId)).toEqual([a, b]);
    expect(slack.of('postAlert', 'C-FINE')).toHaveLength(2);
    expect(teams.of('postAlert')).toHaveLength(2);
  });

  it('resumes a channel that failed half way from the first card not recorded', async () => {
    const w = await world();
    const ids = [await openAlert(w, w.prod, 'critical'), await openAlert(w, w.prod, 'high'), await openAlert(w, w.prod, 'medium')];
    await route(w, 'slack', 'C-FLAKY', w.prod, 'medium');
    let posts = 0;
    const slack = new RecordingNotifier('slack');
    const original = slack.postAlert.bind(slack);
    slack.postAlert = async (to, view) => {
      posts += 1;
      if (posts === 2) throw new Error('ratelimited: retries exhausted');
      return original(to, view);
    };
    const notify = handler([slack]);
    await expect(notify(job({ tenantId: w.tenant.id, alertIds: ids }), context())).rejects.toThrow(/ratelimited/);
    await notify(job({ tenantId: w.tenant.id, alertIds: ids }), context(1));
    expect(slack.of('postAlert').map((c) => c.alertId)).toEqual(ids);
  });
});

describe('notify: scan status', () => {
  const origin = (channelId: string): ScanOrigin => ({ platform: 'slack', workspaceId: null, channelId, target: { thread: 'none' } });

  it('posts the status of a chat-started scan, stores its message id, then edits that message with the outcome', async () => {
    const w = await world();
    const db = testDb.database.db;
    const scan = await createScan(db, { tenantId: w.tenant.id, integrationId: w.prod.id, provider: 'aws', requestedBy: 'slack:T1:U1', origin: origin('C-ASKED') });
    await markScanRunning(db, scan.id);
    await updateScanProgress(db, scan.id, { done: 3, total: 10 });
    const slack = new RecordingNotifier('slack');
    const notify = handler([slack]);

    await notify(job({ tenantId: w.tenant.id, alertIds: [], scanId: scan.id }), context());
    const [first] = slack.of('postScanStatus', 'C-ASKED');
    expect(first?.previous).toBeNull();
    expect(first?.view).toEqual({
      scanId: scan.id,
      integrationName: 'prod',
      status: 'running',
      progress: { done: 3, total: 10 },
      summary: null,
      error: null,
      requestedBy: 'slack:T1:U1',
    });
    const stored = (await getScan(db, scan.id)).origin;
    expect(stored?.messageId).toMatch(/^slack-/);
    expect(stored).toMatchObject({ platform: 'slack', channelId: 'C-ASKED', target: { thread: 'none' } });

    // The scan opens two alerts (one since acknowledged) and finishes.
    const opened = await openAlert(w, w.prod, 'critical', { lastScanId: scan.id });
    await openAlert(w, w.prod, 'high', { lastScanId: scan.id, state: 'acknowledged' });
    await openAlert(w, w.prod, 'high', { lastScanId: scan.id });
    await finishScan(db, scan.id, { status: 'partial', summary: { resources: 9, pass: 20, fail: 5, unknown: 1, new: 2, resolved: 1, regressed: 1 } });
    await route(w, 'slack', 'C-ASKED', w.prod, 'critical');

    await notify(job({ tenantId: w.tenant.id, alertIds: [opened], scanId: scan.id }), context());
    const statuses = slack.of('postScanStatus', 'C-ASKED');
    expect(statuses).toHaveLength(2);
    expect(statuses[1]?.previous).toEqual({ channelId: 'C-ASKED', messageId: stored?.messageId, threadId: null });
    expect(statuses[1]?.view).toMatchObject({
      status: 'partial',
      summary: { failing: 5, newFailing: 3, resolved: 1, bySeverity: { critical: 1, high: 1 } },
      error: null,
    });
    expect(slack.of('postAlert', 'C-ASKED').map((c) => c.alertId)).toEqual([opened]);
    expect((await getScan(db, scan.id)).origin?.messageId).toBe(stored?.messageId);
  });

  it('posts one status message when several jobs for the scan run at once, and ends on the newest state', async () => {
    const w = await world();
    const db = testDb.database.db;
    const scan = await createScan(db, { tenantId: w.tenant.id, integrationId: w.prod.id, provider: 'aws', requestedBy: 'slack:T1:U1', origin: origin('C-RACE') });
    await markScanRunning(db, scan.id);
    const slack = new RecordingNotifier('slack');
    const notify = handler([slack]);
    // The scan's start, its alerts and its end, all picked up together (the scan was quick).
    const jobs = [1, 2, 3].map((n) => notify(job({ tenantId: w.tenant.id, alertIds: [], scanId: scan.id }), { ...context(), id: `job-status-${n}` }));
    await finishScan(db, scan.id, { status: 'complete', summary: { resources: 1, pass: 1, fail: 0, unknown: 0, new: 0, resolved: 0, regressed: 0 } });
    await Promise.all(jobs);
    const statuses = slack.of('postScanStatus', 'C-RACE');
    expect(statuses.filter((c) => c.previous === null)).toHaveLength(1);
    // Whatever order they ran in, a later run shows the finished scan on the same message.
    await notify(job({ tenantId: w.tenant.id, alertIds: [], scanId: scan.id }), { ...context(), id: 'job-status-end' });
    const last = slack.of('postScanStatus', 'C-RACE').at(-1);
    expect(last?.view.status).toBe('complete');
    expect(last?.previous?.messageId).toBe((await getScan(db, scan.id)).origin?.messageId);
    expect(slack.of('postScanStatus', 'C-RACE').filter((c) => c.previous === null)).toHaveLength(1);
  });

  it('lets a retry of the job that claimed the first post post it; a claim of a live job is respected', async () => {
    const w = await world();
    const db = testDb.database.db;
    const scan = await createScan(db, { tenantId: w.tenant.id, integrationId: w.prod.id, provider: 'aws', requestedBy: 'slack:T1:U1', origin: origin('C-CLAIM') });
    const slack = new RecordingNotifier('slack');
    const notify = handler([slack]);
    slack.failNext('C-CLAIM');
    await expect(notify(job({ tenantId: w.tenant.id, alertIds: [], scanId: scan.id }), { ...context(), id: 'job-claimer' })).rejects.toThrow(/refused C-CLAIM/);
    // Another job meanwhile: the claim is held, so it leaves the post to the claimant.
    await notify(job({ tenantId: w.tenant.id, alertIds: [], scanId: scan.id }), { ...context(), id: 'job-other' });
    expect(slack.of('postScanStatus', 'C-CLAIM')).toHaveLength(0);
    await notify(job({ tenantId: w.tenant.id, alertIds: [], scanId: scan.id }), { ...context(1), id: 'job-claimer' });
    expect(slack.of('postScanStatus', 'C-CLAIM')).toHaveLength(1);
    expect((await getScan(db, scan.id)).origin?.messageId).toMatch(/^slack-/);
  });

  it('posts no status for a scan without a chat origin, of another tenant, or from a platform without a notifier', async () => {
    const w = await world();
    const other = await world();
    const db = testDb.database.db;
    const scheduled = await createScan(db, { tenantId: w.tenant.id, integrationId: w.prod.id, provider: 'aws', requestedBy: 'schedule' });
    const foreign = await createScan(db, { tenantId: other.tenant.id, integrationId: other.prod.id, provider: 'aws', requestedBy: 'slack:T2:U2', origin: origin('C-FOREIGN') });
    const fromTeams = await createScan(db, {
      tenantId: w.tenant.id,
      integrationId: w.staging.id,
      provider: 'aws',
      requestedBy: 'teams:x:y',
      origin: { platform: 'teams', workspaceId: null, channelId: 'T-ASKED', target: {} },
    });
    const slack = new RecordingNotifier('slack');
    const notify = handler([slack]);
    for (const scanId of [scheduled.id, foreign.id, fromTeams.id, randomUUID()]) {
      await notify(job({ tenantId: w.tenant.id, alertIds: [], scanId }), context());
    }
    expect(slack.calls).toEqual([]);
    expect((await getScan(db, foreign.id)).origin?.messageId).toBeUndefined();
  });

  it('fails the job when the status cannot be posted, after the alerts went out', async () => {
    const w = await world();
    const db = testDb.database.db;
    const scan = await createScan(db, { tenantId: w.tenant.id, integrationId: w.prod.id, provider: 'aws', requestedBy: 'slack:T1:U1', origin: origin('C-GONE') });
    const alert = await openAlert(w, w.prod, 'high');
    await route(w, 'slack', 'C-ALERTS', null, 'high');
    const slack = new RecordingNotifier('slack');
    slack.failNext('C-GONE');
    const notify = handler([slack]);
    await expect(notify(job({ tenantId: w.tenant.id, alertIds: [alert], scanId: scan.id }), context())).rejects.toThrow(/scan status to slack:C-GONE/);
    expect(slack.of('postAlert', 'C-ALERTS')).toHaveLength(1);
    await notify(job({ tenantId: w.tenant.id, alertIds: [alert], scanId: scan.id }), context(1));
    expect(slack.of('postScanStatus', 'C-GONE')).toHaveLength(1);
    expect(slack.of('postAlert', 'C-ALERTS')).toHaveLength(1);
  });

  it('is asked for by the scan job when a chat-started scan starts and when it ends', async () => {
    const w = await world();
    const db = testDb.database.db;
    const notified: Array<Envelope<JobPayloads['notify']>> = [];
    await queue.work('notify', async (data) => {
      notified.push(data);
    }, { batchSize: 10, concurrency: 1, pollingIntervalSeconds: 0.5 });
    const scan = await createScan(db, { tenantId: w.tenant.id, integrationId: w.prod.id, provider: 'aws', requestedBy: 'slack:T1:U1', origin: origin('C-SCAN') });
    const scheduled = await createScan(db, { tenantId: w.tenant.id, integrationId: w.staging.id, provider: 'aws', requestedBy: 'schedule' });
    // No AWS scanner in this process: the scan fails at once, for good.
    const scanJob = scanHandler({ db, queue, logger, keyring, scanners: {} });
    const scanContext: JobContext = { ...context(), queue: 'scan' };
    await scanJob({ tenantId: w.tenant.id, integrationId: w.prod.id, scanId: scan.id, correlationId: 'corr-scan' }, scanContext);
    await scanJob({ tenantId: w.tenant.id, integrationId: w.staging.id, scanId: scheduled.id, correlationId: 'corr-scheduled' }, scanContext);

    await waitFor(() => notified.length >= 2, 10_000);
    expect(notified).toEqual([
      { tenantId: w.tenant.id, alertIds: [], scanId: scan.id, correlationId: 'corr-scan' },
      { tenantId: w.tenant.id, alertIds: [], scanId: scan.id, correlationId: 'corr-scan' },
    ]);
    expect(notified.some((n) => n.scanId === scheduled.id)).toBe(false);

    const slack = new RecordingNotifier('slack');
    await handler([slack])(notified[0]!, context());
    expect(slack.of('postScanStatus', 'C-SCAN')[0]?.view).toMatchObject({ status: 'failed', error: expect.stringMatching(/not available/) as unknown });

    // A long scan shows its progress now and then, not on every step.
    notified.length = 0;
    const long = await createScan(db, { tenantId: w.tenant.id, integrationId: w.prod.id, provider: 'aws', requestedBy: 'slack:T1:U1', origin: origin('C-LONG') });
    const slowScanner: ProviderScanner = {
      provider: 'aws',
      checks: [],
      async scan(options) {
        for (let done = 1; done <= 20; done += 1) {
          options.onProgress?.({ phase: 'collect', done, total: 40 });
          await new Promise((resolve) => setTimeout(resolve, 15));
        }
        const now = new Date().toISOString();
        return {
          report: { scan: { id: null, provider: 'aws', accountId: '1', startedAt: now, finishedAt: now, status: 'complete', regions: [], checks: 0, toolVersion: 't', errors: [] }, findings: [], checks: [] },
          incompleteChecks: [],
          resources: 0,
          apiCalls: { calls: 0, retries: 0, throttled: 0 },
        };
      },
    };
    const longJob = scanHandler({ db, queue, logger, keyring, scanners: { aws: slowScanner }, progressEveryMs: 10, statusEveryMs: 100 });
    await longJob({ tenantId: w.tenant.id, integrationId: w.prod.id, scanId: long.id, correlationId: 'corr-long' }, scanContext);
    await waitFor(() => notified.length >= 4, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Start, a few progress updates (20 steps over ~300 ms, at most one per 100 ms), end.
    expect(notified.length).toBeGreaterThanOrEqual(4);
    expect(notified.length).toBeLessThanOrEqual(6);
    expect(notified.every((n) => n.scanId === long.id)).toBe(true);
  });
});
