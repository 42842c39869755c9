/**
 * The refresh job against the real database: every stale copy of an alert updated once and marked,
 * the note added once per copy (through the note job it queues, run here by a real worker), retries
 * touching only what is left, and platforms independent — one failing neither stops nor delays the
 * other. The platforms are a recording Notifier.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { triage } from '../../src/bot/core/triage.js';
import type { NotifierRegistry, Platform } from '../../src/bot/core/types.js';
import { noteHandler } from '../../src/jobs/handlers/note.js';
import { refreshHandler } from '../../src/jobs/handlers/refresh.js';
import { JobQueue, type JobContext } from '../../src/jobs/job-queue.js';
import { QUEUE_SPECS, type Envelope, type JobPayloads } from '../../src/jobs/queues.js';
import { listAlertMessages, recordAlertMessage, type AlertMessage } from '../../src/store/alert-messages.js';
import { rowsOf } from '../../src/store/db.js';
import { alerts, findings } from '../../src/store/schema.js';
import { createTenant, type Tenant } from '../../src/store/tenants.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { waitFor } from '../helpers/wait.js';
import { RecordingNotifier } from '../helpers/recording-notifier.js';

const logger = pino({ level: 'silent' });
let testDb: TestDatabase;
let queue: JobQueue<JobPayloads>;
/** The platforms the note worker posts to: the current test's. */
const noteNotifiers: NotifierRegistry = {};

beforeAll(async () => {
  testDb = await createTestDatabase();
  queue = await JobQueue.start<JobPayloads>({ boss: testDb.database.bossOptions, specs: QUEUE_SPECS, logger, schedule: false });
  await queue.work('note', noteHandler({ db: testDb.database.db, queue, logger, notifiers: noteNotifiers }), { batchSize: 10, concurrency: 1, pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await queue?.stop(1000);
  await testDb?.drop();
});

function context(retryCount = 0): JobContext {
  return { id: 'job-refresh-1', queue: 'refresh', correlationId: 'corr-refresh', retryCount, logger, signal: new AbortController().signal };
}

function job(data: JobPayloads['refresh']): Envelope<JobPayloads['refresh']> {
  return { ...data, correlationId: 'corr-refresh' };
}

let tenants = 0;
async function tenant(): Promise<Tenant> {
  tenants += 1;
  return createTenant(testDb.database.db, { slug: `acme-${tenants}`, name: 'Acme' });
}

let resources = 0;
/** An alert at `version` in `state`, like one a person has just acted on. */
async function alertAt(t: Tenant, version: number, state: 'open' | 'acknowledged' | 'resolved' = 'acknowledged'): Promise<string> {
  const db = testDb.database.db;
  resources += 1;
  const resourceId = `arn:aws:s3:::bucket-${resources}`;
  const [finding] = await db
    .insert(findings)
    .values({
      tenantId: t.id,
      checkId: 'aws-s3-bucket-public',
      provider: 'aws',
      service: 's3',
      resourceId,
      resourceType: 'AWS::S3::Bucket',
      region: 'us-east-1',
      fingerprint: `fp-${resourceId}`,
      status: 'fail',
      severity: 'high',
      riskScore: 7,
      title: 'Bucket is public',
    })
    .returning();
  const [alert] = await db.insert(alerts).values({ tenantId: t.id, findingId: finding!.id, severity: 'high', state, version, changedBy: 'slack:T1:U1' }).returning();
  return alert!.id;
}

async function copy(alertId: string, platform: Platform, channelId: string, renderedVersion: number): Promise<AlertMessage> {
  const messageId = `${platform}-${randomUUID()}`;
  return recordAlertMessage(testDb.database.db, { alertId, platform, channelId, messageId, threadId: `thread-${messageId}`, renderedVersion });
}

/** Waits until every queued note has been posted (or failed). */
async function notesSettled(): Promise<void> {
  const pending = async () => rowsOf<{ n: number }>(await testDb.database.db.execute(sql`select count(*)::int as n from pgboss.job where name = 'note' and state in ('created', 'retry', 'active')`))[0]?.n ?? 0;
  await waitFor(async () => (await pending()) === 0, 10_000, 20);
}

function handler(notifiers: RecordingNotifier[]) {
  for (const platform of Object.keys(noteNotifiers) as Platform[]) delete noteNotifiers[platform];
  Object.assign(noteNotifiers, Object.fromEntries(notifiers.map((n) => [n.platform, n])));
  return refreshHandler({ db: testDb.database.db, queue, logger, notifiers: Object.fromEntries(notifiers.map((n) => [n.platform, n])) });
}

async function renderedVersions(alertId: string): Promise<Record<string, number>> {
  const messages = await listAlertMessages(testDb.database.db, alertId);
  return Object.fromEntries(messages.map((m) => [`${m.platform}:${m.channelId}`, m.renderedVersion]));
}

describe('triage and the refresh job', () => {
  const refreshJobs = async (alertId: string) =>
    rowsOf<{ version: number }>(await testDb.database.db.execute(sql`select (data->>'version')::int as version from pgboss.job where name = 'refresh' and data->>'alertId' = ${alertId}`));

  it('queues no refresh when the only copy is the card the action was taken on, and one when another copy is behind', async () => {
    const t = await tenant();
    const deps = { db: testDb.database.db, queue, config: { defaultRole: 'responder' as const, admins: [] } };
    const actor = { tenantId: t.id, auditId: 'api:token-1', role: 'responder' as const };

    const alone = await alertAt(t, 1, 'open');
    const card = await copy(alone, 'slack', 'C1', 1);
    const first = await triage(deps, actor, { alertId: alone, expectedVersion: 1, action: { kind: 'acknowledge' }, from: { platform: 'slack', channelId: 'C1', messageId: card.messageId } });
    expect(first).toMatchObject({ ok: true, copy: { id: card.id, renderedVersion: 2 } });
    expect(await refreshJobs(alone)).toEqual([]);

    const shared = await alertAt(t, 1, 'open');
    const clicked = await copy(shared, 'slack', 'C1', 1);
    await copy(shared, 'teams', 'T1', 1);
    const second = await triage(deps, actor, { alertId: shared, expectedVersion: 1, action: { kind: 'acknowledge' }, from: { platform: 'slack', channelId: 'C1', messageId: clicked.messageId } });
    expect(second.ok).toBe(true);
    expect(await refreshJobs(shared)).toEqual([{ version: 2 }]);
    expect(await renderedVersions(shared)).toEqual({ 'slack:C1': 2, 'teams:T1': 1 });

    // A stale click changes nothing and queues nothing.
    const stale = await triage(deps, actor, { alertId: alone, expectedVersion: 1, action: { kind: 'resolve' } });
    expect(stale).toMatchObject({ ok: false, reason: 'stale' });
    expect(await refreshJobs(alone)).toEqual([]);
  });
});

describe('refresh', () => {
  it('updates every stale copy on every platform once, marks it rendered, adds the note once, and does nothing on a retry', async () => {
    const t = await tenant();
    const alertId = await alertAt(t, 2);
    const c1 = await copy(alertId, 'slack', 'C1', 1);
    await copy(alertId, 'slack', 'C2', 1);
    await copy(alertId, 'slack', 'C-CURRENT', 2); // already shows version 2
    await copy(alertId, 'teams', 'T1', 1);
    await copy(alertId, 'discord', 'D1', 1); // no Discord notifier here: left as it is, not an error
    const slack = new RecordingNotifier('slack');
    const teams = new RecordingNotifier('teams');
    const refresh = handler([slack, teams]);
    const data = job({ tenantId: t.id, alertId, version: 2, note: 'Acknowledged by <@U1>' });

    await refresh(data, context());
    await refresh(data, context(1));
    await notesSettled();

    expect(slack.of('updateAlert').map((c) => `${c.channelId}:${c.version}:${c.state}`).sort()).toEqual(['C1:2:acknowledged', 'C2:2:acknowledged']);
    expect(teams.of('updateAlert').map((c) => `${c.channelId}:${c.version}`)).toEqual(['T1:2']);
    expect(slack.of('postThreadNote').map((c) => c.channelId).sort()).toEqual(['C1', 'C2']);
    expect(teams.of('postThreadNote').map((c) => c.text)).toEqual(['Acknowledged by <@U1>']);
    expect(slack.of('postThreadNote', 'C1')[0]?.threadId).toBe(c1.threadId);
    expect(await renderedVersions(alertId)).toEqual({ 'slack:C1': 2, 'slack:C2': 2, 'slack:C-CURRENT': 2, 'teams:T1': 2, 'discord:D1': 1 });
  });

  it('brings copies to the current version when the alert changed again after the job was queued', async () => {
    const t = await tenant();
    const alertId = await alertAt(t, 4, 'resolved');
    await copy(alertId, 'slack', 'C1', 2);
    const slack = new RecordingNotifier('slack');
    await handler([slack])(job({ tenantId: t.id, alertId, version: 3 }), context());
    await notesSettled();
    expect(slack.of('updateAlert').map((c) => `${c.version}:${c.state}`)).toEqual(['4:resolved']);
    expect(slack.of('postThreadNote')).toEqual([]);
    // It shows version 4 but is recorded at this job's change (3): change 4's own job posts its note.
    expect(await renderedVersions(alertId)).toEqual({ 'slack:C1': 3 });
  });

  it('sends the card again when the alert changed while its update waited, so the newest version is what shows last', async () => {
    const t = await tenant();
    const alertId = await alertAt(t, 2, 'acknowledged');
    await copy(alertId, 'slack', 'C1', 1);
    const slack = new RecordingNotifier('slack');
    let overtaken = false;
    slack.beforeUpdate = async () => {
      if (overtaken) return;
      overtaken = true;
      // A click lands (and shows itself on the card) while this paced update is on its way.
      await testDb.database.db.update(alerts).set({ version: 3, state: 'resolved' }).where(eq(alerts.id, alertId));
    };
    await handler([slack])(job({ tenantId: t.id, alertId, version: 2, note: 'Acknowledged by someone' }), context());
    await notesSettled();
    expect(slack.of('updateAlert').map((c) => `${c.version}:${c.state}`)).toEqual(['2:acknowledged', '3:resolved']);
    // Marked with this job's version: the later change still owns its own thread note.
    expect(await renderedVersions(alertId)).toEqual({ 'slack:C1': 2 });
    expect(slack.of('postThreadNote').map((c) => c.text)).toEqual(['Acknowledged by someone']);
  });

  it('does not refresh an alert of another tenant', async () => {
    const mine = await tenant();
    const theirs = await tenant();
    const alertId = await alertAt(theirs, 2);
    await copy(alertId, 'slack', 'C-THEIRS', 1);
    const slack = new RecordingNotifier('slack');
    await handler([slack])(job({ tenantId: mine.id, alertId, version: 2 }), context());
    expect(slack.calls).toEqual([]);
  });

  it('updates the other platform while one fails, throws naming the failure, and the retry refreshes only what is left with one note per copy', async () => {
    const t = await tenant();
    const alertId = await alertAt(t, 2);
    // The Teams copy comes first: were platforms run one after another, Slack would wait behind it.
    await copy(alertId, 'teams', 'T1', 1);
    await copy(alertId, 'slack', 'C1', 1);
    await copy(alertId, 'slack', 'C2', 1);
    const slack = new RecordingNotifier('slack');
    const teams = new RecordingNotifier('teams');
    // Teams answers only after Slack has updated both copies, and then with an error (a 429 that exhausted its retries).
    teams.beforeUpdate = () => waitFor(() => slack.of('updateAlert').length === 2, 5_000, 10);
    teams.failNext('T1');
    const refresh = handler([slack, teams]);
    const data = job({ tenantId: t.id, alertId, version: 2, note: 'Acknowledged by <@U1>' });

    await expect(refresh(data, context())).rejects.toThrow(/1 of 3 copies \(teams:T1\/teams-[^:]+: teams refused T1\)/);
    await notesSettled();
    expect(slack.of('postThreadNote')).toHaveLength(2);
    expect(teams.of('updateAlert')).toEqual([]);
    expect(await renderedVersions(alertId)).toEqual({ 'teams:T1': 1, 'slack:C1': 2, 'slack:C2': 2 });

    teams.beforeUpdate = async () => undefined;
    await refresh(data, context(1));
    await notesSettled();
    expect(teams.of('updateAlert').map((c) => c.channelId)).toEqual(['T1']);
    expect(teams.of('postThreadNote').map((c) => c.channelId)).toEqual(['T1']);
    expect(slack.of('updateAlert')).toHaveLength(2);
    expect(slack.of('postThreadNote')).toHaveLength(2);
    expect(await renderedVersions(alertId)).toEqual({ 'teams:T1': 2, 'slack:C1': 2, 'slack:C2': 2 });
  });

  it('keeps a copy whose note failed current, and does not post the note again', async () => {
    const t = await tenant();
    const alertId = await alertAt(t, 2);
    await copy(alertId, 'slack', 'C1', 1);
    const slack = new RecordingNotifier('slack');
    const refresh = handler([slack]);
    const originalNote = slack.postThreadNote.bind(slack);
    let notes = 0;
    slack.postThreadNote = async (message, text) => {
      notes += 1;
      if (notes === 1) throw new Error('thread_not_found');
      return originalNote(message, text);
    };
    const data = job({ tenantId: t.id, alertId, version: 2, note: 'Resolved by <@U2>' });
    await refresh(data, context());
    await notesSettled();
    await refresh(data, context(1));
    await notesSettled();
    expect(slack.of('updateAlert')).toHaveLength(1);
    expect(notes).toBe(1);
    expect(await renderedVersions(alertId)).toEqual({ 'slack:C1': 2 });
  });

  it('posts the note only from the run that updated a copy when two refreshes of one change race', async () => {
    const t = await tenant();
    const alertId = await alertAt(t, 2);
    await copy(alertId, 'slack', 'C1', 1);
    const slack = new RecordingNotifier('slack');
    const refresh = handler([slack]);
    const data = job({ tenantId: t.id, alertId, version: 2, note: 'Acknowledged by <@U1>' });
    await Promise.all([refresh(data, context()), refresh(data, context())]);
    await notesSettled();
    expect(slack.of('postThreadNote')).toHaveLength(1);
    const [row] = await testDb.database.db.select({ version: alerts.version }).from(alerts).where(eq(alerts.id, alertId));
    expect(await renderedVersions(alertId)).toEqual({ 'slack:C1': row?.version });
  });
});
