/**
 * The Slack app end to end: the real service (Bolt on the express server, job workers, database)
 * driven over HTTP with requests signed and shaped as Slack sends them, against a fake Slack Web API
 * that records every call. Each test works on its own integration and channel, so the tests share
 * one service without seeing each other's alerts.
 */
import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAlertRef } from '../../../src/bot/core/present.js';
import { ACTIONS, SUPPRESS_INPUTS, SUPPRESS_MODAL } from '../../../src/bot/slack/blocks.js';
import { listAlertMessages } from '../../../src/store/alert-messages.js';
import { getAlert } from '../../../src/store/alerts.js';
import { listAudit, verifyAuditChain } from '../../../src/store/audit.js';
import { createIntegration, type PublicIntegration } from '../../../src/store/integrations.js';
import { alerts, chatWorkspaces, findings, scans } from '../../../src/store/schema.js';
import { ensureDefaultTenant } from '../../../src/store/tenants.js';
import type { SlackCall, SlackResponseCall } from '../../fakes/slack.js';
import {
  appHomeOpenedEvent,
  eventBody,
  interactionBody,
  postSlack,
  signSlack,
  slashCommandBody,
  urlVerificationBody,
  viewSubmissionPayload,
} from '../../helpers/slack.js';
import { SIGNING_SECRET, startSlackService, type ScriptedFailure, type SlackService } from '../../helpers/slack-service.js';
import { waitFor } from '../../helpers/wait.js';

const ADMIN = 'UADMIN';
const RESPONDER = 'URESP';
const DIGEST_THRESHOLD = 4;
const PUBLIC_ACL = 'aws-s3-bucket-public-acl';

let world: SlackService;

beforeAll(async () => {
  world = await startSlackService({ env: { CLOUDSENTINEL_ADMINS: `slack:${ADMIN}`, SLACK_DIGEST_THRESHOLD: String(DIGEST_THRESHOLD) } });
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

type Json = Record<string, unknown>;
const str = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** A new integration of the default tenant, so each test scans its own findings. */
async function integration(name: string): Promise<PublicIntegration> {
  const tenant = await ensureDefaultTenant(world.db);
  return createIntegration(world.db, world.service.keyring, {
    tenantId: tenant.id,
    name,
    provider: 'aws',
    credentials: { access_key_id: 'AKIAEXAMPLEEXAMPLE12', secret_access_key: 'y'.repeat(40) },
  });
}

/** Runs `/sentinel <text>` and waits for its answer on the response_url. */
async function ask(text: string, userId: string, channelId: string): Promise<Json> {
  const responseId = `r-${randomUUID()}`;
  const http = await world.command(text, { userId, channelId, responseId });
  expect(http.status).toBe(200);
  await waitFor(() => world.fake.responsesTo(responseId).length > 0);
  return (world.fake.responsesTo(responseId)[0] as SlackResponseCall).body;
}

const callsIn = (method: string, channel: string): SlackCall[] => world.fake.callsTo(method).filter((call) => call.body.channel === channel);

async function waitForCalls(method: string, channel: string, n: number, timeoutMs = 15_000): Promise<SlackCall[]> {
  await waitFor(() => callsIn(method, channel).length >= n, timeoutMs);
  return callsIn(method, channel);
}

/** A scan started from chat, waited for until its alerts are recorded. */
async function scanFromChat(name: string, failures: ScriptedFailure[], channelId: string, userId = RESPONDER): Promise<string> {
  world.scanner.willFind(failures);
  const reply = await ask(`scan ${name}`, userId, channelId);
  const scanId = /Scan `([0-9a-f-]{36})`/.exec(str(reply.text))?.[1];
  if (!scanId) throw new Error(`no scan id in ${str(reply.text)}`);
  await waitFor(async () => {
    const [row] = await world.db.select({ finishedAt: scans.finishedAt }).from(scans).where(eq(scans.id, scanId));
    return Boolean(row?.finishedAt);
  }, 20_000);
  return scanId;
}

interface Card {
  alertId: string;
  version: number;
  channelId: string;
  ts: string;
}

/** The cards posted for an integration's alerts in a channel, waited for until there are `n`. */
async function cardsOf(integrationId: string, channelId: string, n: number): Promise<Card[]> {
  const load = async (): Promise<Card[]> => {
    const rows = await world.db
      .select({ id: alerts.id, version: alerts.version })
      .from(alerts)
      .innerJoin(findings, eq(alerts.findingId, findings.id))
      .where(eq(findings.integrationId, integrationId));
    const cards: Card[] = [];
    for (const row of rows) {
      for (const message of await listAlertMessages(world.db, row.id)) {
        if (message.channelId === channelId) cards.push({ alertId: row.id, version: row.version, channelId, ts: message.messageId });
      }
    }
    return cards;
  };
  await waitFor(async () => (await load()).length >= n, 15_000);
  return load();
}

function click(card: Card, actionId: string, userId = RESPONDER, version?: number) {
  return world.click({ userId, channelId: card.channelId, messageTs: card.ts, actionId, value: encodeAlertRef({ id: card.alertId, version: version ?? card.version }) });
}

/** The text of every block of a message as it now reads in the fake. */
function shown(card: { channelId: string; ts: string }): string {
  const message = world.fake.message(card.channelId, card.ts);
  return JSON.stringify(message?.blocks ?? []);
}

const threadNotes = (card: Card): string[] =>
  callsIn('chat.postMessage', card.channelId)
    .filter((call) => call.body.thread_ts === card.ts)
    .map((call) => str(call.body.text));

const ephemeralTo = (userId: string, channelId: string): string[] =>
  callsIn('chat.postEphemeral', channelId)
    .filter((call) => call.body.user === userId)
    .map((call) => str(call.body.text));

describe('slash commands', () => {
  it('acknowledges at once and answers help, unknown commands and bad usage privately', async () => {
    const help = await ask('help', RESPONDER, 'C-HELP');
    expect(help).toMatchObject({ response_type: 'ephemeral' });
    expect(str(help.text)).toContain('/sentinel scan <integration>');

    const empty = await ask('', RESPONDER, 'C-HELP');
    expect(str(empty.text)).toContain('/sentinel alerts');

    const unknown = await ask('frobnicate the buckets', RESPONDER, 'C-HELP');
    expect(unknown.response_type).toBe('ephemeral');
    expect(str(unknown.text)).toContain("I don't know `frobnicate`");
    expect(str(unknown.text)).toContain('/sentinel scan <integration>');

    const usage = await ask('subscribe prod extreme', RESPONDER, 'C-HELP');
    expect(str(usage.text)).toContain('`extreme` is not a severity');

    const missing = await ask('scan nosuchthing', RESPONDER, 'C-HELP');
    expect(str(missing.text)).toContain('There is no integration called `nosuchthing`');
    expect(str(missing.text)).toContain('`prod`');

    // The ack itself is an empty 200: everything visible comes through the response_url.
    const http = await world.command('help', { userId: RESPONDER, channelId: 'C-HELP' });
    expect(http).toMatchObject({ status: 200, text: '' });
  });

  it('asks Slack who the bot is once, not before every acknowledgement', async () => {
    await ask('help', RESPONDER, 'C-WHOAMI');
    const before = world.fake.callsTo('auth.test').length;
    await Promise.all(Array.from({ length: 20 }, () => ask('help', RESPONDER, 'C-WHOAMI')));
    expect(world.fake.callsTo('auth.test').length).toBe(before);
    expect(before).toBeLessThanOrEqual(1);
  });

  it('refuses forged, stale and unsigned requests with 401 and does nothing', async () => {
    const before = await world.db.select({ n: count() }).from(scans);
    const body = slashCommandBody({ teamId: world.fake.team.id, userId: RESPONDER, channelId: 'C-FORGED', text: 'scan prod', responseUrl: world.fake.responseUrl('forged') });
    const forged = await postSlack(world.baseUrl, 'not-the-signing-secret', body);
    expect(forged.status).toBe(401);

    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const stale = await fetch(`${world.baseUrl}/slack/events`, { method: 'POST', headers: { ...signSlack(SIGNING_SECRET, body, sixMinutesAgo) }, body });
    expect(stale.status).toBe(401);

    const unsigned = await fetch(`${world.baseUrl}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(unsigned.status).toBe(401);

    // A body changed after signing is a forgery too.
    const headers = { ...signSlack(SIGNING_SECRET, body) };
    const tampered = await fetch(`${world.baseUrl}/slack/events`, { method: 'POST', headers, body: body.replace('scan+prod', 'scan+prodx') });
    expect(tampered.status).toBe(401);

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(world.fake.responsesTo('forged')).toEqual([]);
    expect(await world.db.select({ n: count() }).from(scans)).toEqual(before);
  });

  it('survives malformed payloads and answers the next request', async () => {
    const garbage = await world.post('payload=%7Bnot-json');
    expect(garbage.status).toBeGreaterThanOrEqual(400);
    expect(garbage.status).toBeLessThan(500);
    const noAction = await world.post(interactionBody({ type: 'block_actions', team: { id: world.fake.team.id }, user: { id: RESPONDER }, actions: [] }));
    expect(noAction.status).toBeLessThan(500);
    const badRef = await world.click({ userId: RESPONDER, channelId: 'C-BAD', messageTs: '1700000000.000001', actionId: ACTIONS.acknowledge, value: 'not-a-ref' });
    expect(badRef.status).toBe(200);
    const unknownAlert = await world.click({ userId: RESPONDER, channelId: 'C-BAD', messageTs: '1700000000.000001', actionId: ACTIONS.acknowledge, value: encodeAlertRef({ id: randomUUID(), version: 1 }) });
    expect(unknownAlert.status).toBe(200);
    await waitFor(() => ephemeralTo(RESPONDER, 'C-BAD').length === 1);
    expect(ephemeralTo(RESPONDER, 'C-BAD')).toEqual(['That alert no longer exists.']);
    expect(str((await ask('help', RESPONDER, 'C-BAD')).text)).toContain('CloudSentinel');
  });
});

describe('the events endpoint', () => {
  it('refuses a body over the size limit with 413 before verifying or running anything', async () => {
    const before = await world.db.select({ n: count() }).from(scans);
    const text = `scan prod ${'x'.repeat(1024 * 1024)}`;
    const body = slashCommandBody({ teamId: world.fake.team.id, userId: RESPONDER, channelId: 'C-BIG', text, responseUrl: world.fake.responseUrl('too-big') });
    const answer = await world.post(body);
    expect(answer.status).toBe(413);
    expect(answer.json<{ error: { code: string } }>().error.code).toBe('PAYLOAD_TOO_LARGE');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(world.fake.responsesTo('too-big')).toEqual([]);
    expect(await world.db.select({ n: count() }).from(scans)).toEqual(before);
  });

  it('answers an Events API url_verification with its challenge (the path through express and Bolt)', async () => {
    const answer = await world.post(urlVerificationBody('a-challenge-1234'));
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('a-challenge-1234');
  });

  it('acknowledges a click with an empty 200 and a request id before the triage runs', async () => {
    const answer = await world.click({ userId: RESPONDER, channelId: 'C-ACK', messageTs: '1700000000.000002', actionId: ACTIONS.acknowledge, value: encodeAlertRef({ id: randomUUID(), version: 1 }) });
    expect(answer).toMatchObject({ status: 200, text: '' });
    expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => ephemeralTo(RESPONDER, 'C-ACK').length === 1);
    expect(ephemeralTo(RESPONDER, 'C-ACK')).toEqual(['That alert no longer exists.']);
  });
});

describe('subscriptions, scans and alert cards', () => {
  it('routes a chat-started scan: status message edited to the summary, one card per matching alert, Slack retries ignored', async () => {
    const payments = await integration('payments');
    const channel = 'C-PAYMENTS';
    const subscribed = await ask('subscribe payments high', ADMIN, channel);
    expect(subscribed).toMatchObject({ response_type: 'in_channel' });
    expect(str(subscribed.text)).toContain('*payments* at high severity or above');

    world.scanner.willFind([
      { checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::payments-exports', severity: 'critical' },
      { checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::payments-logs', severity: 'high' },
      { checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::payments-tmp', severity: 'low' },
    ]);
    const responseId = `r-${randomUUID()}`;
    const body = slashCommandBody({ teamId: world.fake.team.id, userId: RESPONDER, channelId: channel, text: 'scan payments', responseUrl: world.fake.responseUrl(responseId) });
    expect((await world.post(body)).status).toBe(200);
    // Slack's retry of the same command (it thought we were slow): acknowledged, not acted on.
    expect((await world.post(body, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).status).toBe(200);
    await waitFor(() => world.fake.responsesTo(responseId).length > 0);
    const reply = (world.fake.responsesTo(responseId)[0] as SlackResponseCall).body;
    expect(str(reply.text)).toMatch(/^Scan `[0-9a-f-]{36}` of \*payments\* is queued/);

    // The low finding is below the route's minimum: two cards.
    const cards = await cardsOf(payments.id, channel, 2);
    expect(cards).toHaveLength(2);
    for (const card of cards) {
      expect(shown(card)).toContain(ACTIONS.acknowledge);
      expect(shown(card)).toContain(ACTIONS.assign);
      expect(shown(card)).toContain('Risk score');
    }
    const texts = callsIn('chat.postMessage', channel).map((call) => str(call.body.text));
    expect(texts.some((t) => t.startsWith('CRITICAL: '))).toBe(true);
    expect(texts.some((t) => t.includes('payments-tmp'))).toBe(false);

    // The scan's status message is posted once (however many jobs report on the scan at once) and
    // edited until it shows the summary.
    const statusMessage = async () => {
      const [row] = await world.db.select({ origin: scans.origin }).from(scans).where(eq(scans.integrationId, payments.id));
      const ts = row?.origin?.messageId;
      return ts ? world.fake.message(channel, ts) : undefined;
    };
    await waitFor(async () => (await statusMessage())?.text?.startsWith('Scan of payments complete: 3 failing (3 new), 0 resolved') === true, 15_000);
    const statusPosts = callsIn('chat.postMessage', channel).filter((call) => /Scan(ning)? (of )?payments/.test(str(call.body.text)));
    expect(statusPosts).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(world.fake.responsesTo(responseId)).toHaveLength(1);
    const started = await world.db.select({ n: count() }).from(scans).where(eq(scans.integrationId, payments.id));
    expect(started).toEqual([{ n: 1 }]);

    const status = await ask('status', RESPONDER, channel);
    expect(str(status.text)).toContain('*payments* complete');
    const scanId = /`([0-9a-f-]{36})` \*payments\*/.exec(str(status.text))?.[1] ?? '';
    expect(str((await ask(`status ${scanId}`, RESPONDER, channel)).text)).toContain('3 failing (3 new, 0 resolved)');
    expect(str((await ask(`status ${randomUUID()}`, RESPONDER, channel)).text)).toContain('There is no scan');
    expect(str((await ask('integrations', RESPONDER, channel)).text)).toMatch(/\*payments\* · aws · connected · .* · last scan/);

    const unsubscribed = await ask('unsubscribe payments', ADMIN, channel);
    expect(str(unsubscribed.text)).toContain('no longer receives alerts of *payments*');
    expect(str((await ask('unsubscribe payments', ADMIN, channel)).text)).toContain('was not subscribed');
  });

  it('posts one digest instead of a wall of cards when a scan opens more than the threshold for a channel', async () => {
    const bulk = await integration('bulk');
    const channel = 'C-BULK';
    await ask('subscribe bulk', ADMIN, channel);
    const failures = Array.from({ length: DIGEST_THRESHOLD + 2 }, (_, i) => ({ checkId: PUBLIC_ACL, resourceId: `arn:aws:s3:::bulk-${i}` }));
    await scanFromChat('bulk', failures, 'C-ELSEWHERE');
    const [digest] = await waitForCalls('chat.postMessage', channel, 1);
    expect(str(digest?.body.text)).toMatch(/^6 new alerts from bulk/);
    expect(JSON.stringify(digest?.body.blocks)).toContain('/sentinel alerts open');
    expect(JSON.stringify(digest?.body.blocks)).toContain(ACTIONS.acknowledge);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(callsIn('chat.postMessage', channel)).toHaveLength(1);
    expect(await cardsOf(bulk.id, channel, 0)).toEqual([]);
  });

  it('paces posts under 429: Retry-After is honoured and nothing is lost or doubled', async () => {
    const paced = await integration('paced');
    const channel = 'C-PACED';
    await ask('subscribe paced', ADMIN, channel);
    const throttledBefore = world.fake.throttled;
    world.fake.throttle('chat.postMessage', 2, 1);
    await scanFromChat('paced', [
      { checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::paced-a' },
      { checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::paced-b' },
      { checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::paced-c' },
    ], 'C-ELSEWHERE');
    const cards = await cardsOf(paced.id, channel, 3);
    expect(world.fake.throttled - throttledBefore).toBe(2);
    expect(new Set(cards.map((c) => c.alertId)).size).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const posts = callsIn('chat.postMessage', channel);
    expect(posts).toHaveLength(3);
    // One message per second per channel.
    const times = posts.map((call) => call.at).sort((a, b) => a - b);
    for (let i = 1; i < times.length; i += 1) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(900);
  });
});

describe('triage from the card', () => {
  async function oneCard(name: string, channel: string): Promise<Card> {
    const created = await integration(name);
    await ask(`subscribe ${name}`, ADMIN, channel);
    await scanFromChat(name, [{ checkId: PUBLIC_ACL, resourceId: `arn:aws:s3:::${name}-bucket` }], 'C-ELSEWHERE');
    const [card] = await cardsOf(created.id, channel, 1);
    if (!card) throw new Error('no card');
    return card;
  }

  it('acknowledge, assign, resolve and reopen update the card in place, reply in its thread and are audited', async () => {
    const card = await oneCard('triage', 'C-TRIAGE');
    const tenant = await ensureDefaultTenant(world.db);
    const team = world.fake.team.id;

    expect((await click(card, ACTIONS.acknowledge)).status).toBe(200);
    await waitFor(() => threadNotes(card).length === 1);
    expect(threadNotes(card)).toEqual([`Acknowledged by <@${RESPONDER}>`]);
    expect(world.fake.message(card.channelId, card.ts)?.updates).toBe(1);
    expect(shown(card)).toContain('Acknowledged');
    expect(shown(card)).not.toContain(ACTIONS.acknowledge);
    expect(await getAlert(world.db, card.alertId)).toMatchObject({ state: 'acknowledged', version: 2, changedBy: `slack:${team}:${RESPONDER}` });

    // Assign: a users_select in the card's actions block, which carries the alert ref.
    const picked = await world.click({ userId: RESPONDER, channelId: card.channelId, messageTs: card.ts, actionId: ACTIONS.assign, selectedUser: 'UOWNER', blockId: `alert|${encodeAlertRef({ id: card.alertId, version: 2 })}` });
    expect(picked.status).toBe(200);
    await waitFor(() => threadNotes(card).length === 2);
    expect(threadNotes(card)[1]).toBe(`Assigned to <@UOWNER> by <@${RESPONDER}>`);
    expect(shown(card)).toContain('UOWNER');
    expect(await getAlert(world.db, card.alertId)).toMatchObject({ assignee: `slack:${team}:UOWNER`, version: 3 });
    const mine = await ask('alerts mine', 'UOWNER', 'C-TRIAGE');
    expect(JSON.stringify(mine.blocks)).toContain('triage-bucket');

    await click(card, ACTIONS.resolve, RESPONDER, 3);
    await waitFor(() => threadNotes(card).length === 3);
    expect(shown(card)).toContain('Resolved');
    expect(shown(card)).toContain(ACTIONS.reopen);

    await click(card, ACTIONS.reopen, RESPONDER, 4);
    await waitFor(() => threadNotes(card).length === 4);
    expect(threadNotes(card)[3]).toBe(`Reopened by <@${RESPONDER}>`);
    expect(await getAlert(world.db, card.alertId)).toMatchObject({ state: 'open', version: 5 });

    const audit = await listAudit(world.db, { tenantId: tenant.id, targetType: 'alert', targetId: card.alertId, limit: 50 });
    const mineRows = audit.filter((row) => row.actor === `slack:${team}:${RESPONDER}`);
    expect(mineRows.map((row) => row.action).sort()).toEqual(['alert.acknowledge', 'alert.assign', 'alert.reopen', 'alert.resolve']);
    expect(mineRows.find((row) => row.action === 'alert.acknowledge')?.details).toMatchObject({ before: { state: 'open', version: 1 }, after: { state: 'acknowledged', version: 2 } });
    expect((await verifyAuditChain(world.db)).ok).toBe(true);
  });

  it('a click whose card cannot be redrawn hands it to the refresh job, which redraws it and notes the change once', async () => {
    const card = await oneCard('redraw', 'C-REDRAW');
    world.fake.fail('chat.update', 'internal_error', 1);
    expect((await click(card, ACTIONS.acknowledge)).status).toBe(200);
    await waitFor(() => threadNotes(card).length === 1);
    await waitFor(() => shown(card).includes('Acknowledged'));
    expect(threadNotes(card)).toEqual([`Acknowledged by <@${RESPONDER}>`]);
    const [copy] = await listAlertMessages(world.db, card.alertId);
    expect(copy?.renderedVersion).toBe(2);
  });

  it('suppress opens a modal that requires a reason, then suppresses for the chosen time', async () => {
    const card = await oneCard('quiet', 'C-QUIET');
    const opensBefore = world.fake.callsTo('views.open').length;
    await click(card, ACTIONS.suppress);
    const opens = await world.fake.waitFor('views.open', opensBefore + 1);
    const view = opens.at(-1)?.body.view as Json;
    expect(view).toMatchObject({ type: 'modal', callback_id: SUPPRESS_MODAL });
    const privateMetadata = str(view.private_metadata);

    const submit = (values: Parameters<typeof viewSubmissionPayload>[0]['values']) =>
      world.post(interactionBody(viewSubmissionPayload({ teamId: world.fake.team.id, userId: RESPONDER, callbackId: SUPPRESS_MODAL, privateMetadata, values })));
    const { reason, duration } = SUPPRESS_INPUTS;
    const noReason = await submit({
      [reason.blockId]: { [reason.actionId]: { type: 'plain_text_input', value: '  ' } },
      [duration.blockId]: { [duration.actionId]: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: '7 days' }, value: '7d' } } },
    });
    expect(noReason.status).toBe(200);
    expect(noReason.json()).toEqual({ response_action: 'errors', errors: { reason: 'Say why this alert can be suppressed.' } });
    expect((await getAlert(world.db, card.alertId)).state).toBe('open');

    const ok = await submit({
      [reason.blockId]: { [reason.actionId]: { type: 'plain_text_input', value: 'test bucket, public on purpose' } },
      [duration.blockId]: { [duration.actionId]: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: '7 days' }, value: '7d' } } },
    });
    expect(ok.status).toBe(200);
    await waitFor(() => threadNotes(card).length === 1);
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    expect(threadNotes(card)[0]).toBe(`Suppressed by <@${RESPONDER}> until ${until}: test bucket, public on purpose`);
    const alert = await getAlert(world.db, card.alertId);
    expect(alert).toMatchObject({ state: 'suppressed', reason: 'test bucket, public on purpose' });
    expect(Math.abs((alert.suppressedUntil?.getTime() ?? 0) - (Date.now() + 7 * 86_400_000))).toBeLessThan(60_000);
    expect(shown(card)).toContain('Suppressed');

    const list = await ask('suppressions', RESPONDER, 'C-QUIET');
    expect(str(list.text)).toContain('`arn:aws:s3:::quiet-bucket`');
    expect(str(list.text)).toContain('test bucket, public on purpose');
    const suppressedList = await ask('alerts suppressed', RESPONDER, 'C-QUIET');
    expect(JSON.stringify(suppressedList.blocks)).toContain('quiet-bucket');
  });

  it('concurrent clicks on one card: one wins, the other is told the current state', async () => {
    const card = await oneCard('race', 'C-RACE');
    const tenant = await ensureDefaultTenant(world.db);
    const results = await Promise.all([click(card, ACTIONS.acknowledge, 'URACER1'), click(card, ACTIONS.resolve, 'URACER2')]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    await waitFor(() => ephemeralTo('URACER1', 'C-RACE').length + ephemeralTo('URACER2', 'C-RACE').length === 1);
    const alert = await getAlert(world.db, card.alertId);
    expect(alert.version).toBe(2);
    const loser = alert.state === 'acknowledged' ? 'URACER2' : 'URACER1';
    expect(ephemeralTo(loser, 'C-RACE')[0]).toMatch(/^Someone acted on this alert first\. It is now (acknowledged|resolved)/);
    const audit = await listAudit(world.db, { tenantId: tenant.id, targetType: 'alert', targetId: card.alertId, limit: 50 });
    expect(audit.filter((row) => row.actor.startsWith('slack:') && row.outcome === 'success')).toHaveLength(1);
    await waitFor(() => threadNotes(card).length === 1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(threadNotes(card)).toHaveLength(1);
    expect(shown(card)).toContain(alert.state === 'acknowledged' ? 'Acknowledged' : 'Resolved');
  });

  it('a scan that no longer finds the problem resolves the card; a regression reopens it', async () => {
    const card = await oneCard('lifecycle', 'C-LIFE');
    await scanFromChat('lifecycle', [], 'C-ELSEWHERE');
    await waitFor(() => threadNotes(card).includes('Resolved by a scan: the problem is gone.'));
    expect(shown(card)).toContain('Resolved');
    await scanFromChat('lifecycle', [{ checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::lifecycle-bucket' }], 'C-ELSEWHERE');
    await waitFor(() => threadNotes(card).includes('Reopened by a scan: the problem is back.'));
    expect(shown(card)).toContain(ACTIONS.acknowledge);
    // The channel already has the card: it is updated, not posted again.
    expect(callsIn('chat.postMessage', 'C-LIFE').filter((call) => !call.body.thread_ts)).toHaveLength(1);
  });
});

describe('roles', () => {
  it('an admin grants roles; a viewer may look but not triage or scan, and is told so privately', async () => {
    const card = await (async () => {
      const created = await integration('roles');
      await ask('subscribe roles', ADMIN, 'C-ROLES');
      await scanFromChat('roles', [{ checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::roles-bucket' }], 'C-ELSEWHERE');
      const [first] = await cardsOf(created.id, 'C-ROLES', 1);
      return first as Card;
    })();

    const denied = await ask('role <@UVIEW|viewer> viewer', RESPONDER, 'C-ROLES');
    expect(denied.response_type).toBe('ephemeral');
    expect(str(denied.text)).toMatch(/responder/i);

    const granted = await ask('role <@UVIEW|viewer> viewer', ADMIN, 'C-ROLES');
    expect(granted).toMatchObject({ response_type: 'in_channel', text: '<@UVIEW> is now a viewer.' });

    await click(card, ACTIONS.acknowledge, 'UVIEW');
    await waitFor(() => ephemeralTo('UVIEW', 'C-ROLES').length === 1);
    expect(ephemeralTo('UVIEW', 'C-ROLES')[0]).toMatch(/viewer/i);
    expect(await getAlert(world.db, card.alertId)).toMatchObject({ state: 'open', version: 1 });

    const scansBefore = await world.db.select({ n: count() }).from(scans);
    const scan = await ask('scan roles', 'UVIEW', 'C-ROLES');
    expect(scan.response_type).toBe('ephemeral');
    expect(str(scan.text)).toMatch(/viewer/i);
    expect(await world.db.select({ n: count() }).from(scans)).toEqual(scansBefore);

    // Looking is allowed.
    const list = await ask('alerts open', 'UVIEW', 'C-ROLES');
    expect(JSON.stringify(list.blocks)).toContain('roles-bucket');

    const tenant = await ensureDefaultTenant(world.db);
    const audit = await listAudit(world.db, { tenantId: tenant.id, targetType: 'alert', targetId: card.alertId, limit: 50 });
    expect(audit.find((row) => row.actor === `slack:${world.fake.team.id}:UVIEW`)).toMatchObject({ action: 'alert.acknowledge', outcome: 'failure' });
  });
});

describe('lists and App Home', () => {
  it('lists alerts five to a page with their buttons and a Next page button that works', async () => {
    const paging = await integration('paging');
    await scanFromChat('paging', Array.from({ length: 7 }, (_, i) => ({ checkId: PUBLIC_ACL, resourceId: `arn:aws:s3:::paging-${i}`, severity: 'medium' as const })), 'C-ELSEWHERE');
    // Other tests' medium alerts may be open too; page through them all.
    const seen = new Set<string>();
    let reply = await ask('alerts open medium', RESPONDER, 'C-PAGING');
    for (let page = 1; page < 20; page += 1) {
      const blocks = JSON.stringify(reply.blocks);
      for (const match of blocks.matchAll(/paging-(\d)/g)) seen.add(match[1] ?? '');
      expect((blocks.match(new RegExp(ACTIONS.acknowledge.replace('.', '\\.'), 'g')) ?? []).length).toBeLessThanOrEqual(5);
      const next = /"action_id":"alerts\.more","text":\{[^}]*\},"value":"([^"]+)"/.exec(blocks)?.[1];
      if (!next) break;
      const responseId = `more-${page}`;
      await world.click({ userId: RESPONDER, channelId: 'C-PAGING', messageTs: '1700000000.000100', actionId: ACTIONS.more, value: next, responseId, isEphemeral: true });
      await waitFor(() => world.fake.responsesTo(responseId).length > 0);
      reply = (world.fake.responsesTo(responseId)[0] as SlackResponseCall).body;
    }
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    expect(paging.name).toBe('paging');
  });

  it('publishes the posture to App Home when it is opened', async () => {
    const before = world.fake.callsTo('views.publish').length;
    const res = await world.post(eventBody({ teamId: world.fake.team.id, event: appHomeOpenedEvent({ userId: RESPONDER }) }));
    expect(res.status).toBe(200);
    const [publish] = (await world.fake.waitFor('views.publish', before + 1)).slice(before);
    expect(publish?.body.user_id).toBe(RESPONDER);
    const view = JSON.stringify(publish?.body.view);
    expect(view).toContain('"type":"home"');
    expect(view).toMatch(/[Oo]pen alerts/);
    expect(view).toContain('payments');
    // The Messages tab is not the Home tab: nothing is published for it.
    await world.post(eventBody({ teamId: world.fake.team.id, event: appHomeOpenedEvent({ userId: RESPONDER, tab: 'messages' }) }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(world.fake.callsTo('views.publish')).toHaveLength(before + 1);
  });
});

describe('multi-workspace OAuth installs', () => {
  let oauth: SlackService;
  const logLines: string[] = [];
  beforeAll(async () => {
    oauth = await startSlackService({
      singleWorkspace: false,
      logLevel: 'debug',
      onLog: (line) => logLines.push(line),
      env: { SLACK_CLIENT_ID: '111.222', SLACK_CLIENT_SECRET: 'oauth-client-secret', SLACK_STATE_SECRET: 'oauth-state-secret' },
    });
  }, 60_000);
  afterAll(async () => {
    await oauth?.stop();
  });

  /** Goes through /slack/install and /slack/oauth_redirect as a browser would, with Slack's consent in between. */
  async function install(teamId: string, installerUserId: string): Promise<number> {
    const code = `code-${teamId}`;
    oauth.fake.oauthCodes.set(code, { id: teamId, name: `Team ${teamId}`, installerUserId });
    const start = await fetch(`${oauth.baseUrl}/slack/install`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location') ?? '');
    expect(authorize.pathname).toBe('/oauth/v2/authorize');
    expect(authorize.searchParams.get('client_id')).toBe('111.222');
    expect(authorize.searchParams.get('scope')).toContain('chat:write');
    const state = authorize.searchParams.get('state') ?? '';
    const cookie = (start.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    const done = await fetch(`${oauth.baseUrl}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, { headers: { cookie }, redirect: 'manual' });
    return done.status;
  }

  it('installs two workspaces as two tenants, stores their tokens encrypted, and keeps them apart', async () => {
    expect(await install('TALPHA', 'UALPHAADMIN')).toBe(200);
    expect(await install('TBETA', 'UBETAADMIN')).toBe(200);
    const workspaces = await oauth.db.select().from(chatWorkspaces);
    expect(workspaces.map((w) => w.externalId).sort()).toEqual(['TALPHA', 'TBETA']);
    const [alpha, beta] = ['TALPHA', 'TBETA'].map((id) => workspaces.find((w) => w.externalId === id));
    expect(alpha?.tenantId).not.toBe(beta?.tenantId);
    const issued = oauth.fake.callsTo('oauth.v2.access');
    expect(issued).toHaveLength(2);
    for (const workspace of workspaces) {
      expect(workspace.botTokenEnc).toBeTruthy();
      expect(workspace.botTokenEnc).not.toContain('xoxb-');
    }

    // A forged state is refused and installs nothing.
    const forged = await fetch(`${oauth.baseUrl}/slack/oauth_redirect?code=code-TGAMMA&state=forged`, { redirect: 'manual' });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(await oauth.db.select({ n: count() }).from(chatWorkspaces)).toEqual([{ n: 2 }]);

    // Alpha has an alert; Beta can neither see it nor act on it.
    const alphaIntegration = await createIntegration(oauth.db, oauth.service.keyring, {
      tenantId: alpha?.tenantId ?? '',
      name: 'alpha-prod',
      provider: 'aws',
      credentials: { access_key_id: 'AKIAEXAMPLEEXAMPLE12', secret_access_key: 'z'.repeat(40) },
    });
    oauth.scanner.willFind([{ checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::alpha-secrets' }]);
    const askAs = async (teamId: string, userId: string, text: string): Promise<Json> => {
      const responseId = `r-${randomUUID()}`;
      await oauth.command(text, { teamId, userId, channelId: `C-${teamId}`, responseId });
      await waitFor(() => oauth.fake.responsesTo(responseId).length > 0);
      return (oauth.fake.responsesTo(responseId)[0] as SlackResponseCall).body;
    };
    expect(str((await askAs('TALPHA', 'UALPHA1', 'scan alpha-prod')).text)).toContain('is queued');
    await waitFor(async () => (await oauth.db.select({ n: count() }).from(alerts))[0]?.n === 1, 20_000);
    const [alertRow] = await oauth.db.select().from(alerts);

    expect(str((await askAs('TBETA', 'UBETA1', 'alerts open')).text)).toContain('No alerts');
    expect(str((await askAs('TBETA', 'UBETA1', 'scan alpha-prod')).text)).toContain('There is no integration called `alpha-prod`');
    expect(str((await askAs('TBETA', 'UBETA1', 'integrations')).text)).toContain('No integrations yet');
    expect(JSON.stringify((await askAs('TALPHA', 'UALPHA1', 'alerts open')).blocks)).toContain('alpha-secrets');

    await oauth.click({ teamId: 'TBETA', userId: 'UBETA1', channelId: 'C-TBETA', messageTs: '1700000000.000200', actionId: ACTIONS.acknowledge, value: encodeAlertRef({ id: alertRow?.id ?? '', version: 1 }) });
    await waitFor(() => oauth.fake.callsTo('chat.postEphemeral').some((call) => call.body.user === 'UBETA1'));
    expect(oauth.fake.callsTo('chat.postEphemeral').find((call) => call.body.user === 'UBETA1')?.body.text).toBe('That alert no longer exists.');
    expect(await getAlert(oauth.db, alertRow?.id ?? '')).toMatchObject({ state: 'open', version: 1 });

    // Each workspace's calls use its own bot token.
    const tokens = new Set(oauth.fake.callsTo('chat.postEphemeral').map((call) => call.token));
    expect(tokens.size).toBe(1);
    expect([...tokens][0]).toMatch(/^xoxb-/);

    // The installer is an admin of their tenant; a workspace that never installed gets nothing.
    expect(str((await askAs('TBETA', 'UBETAADMIN', 'role <@UBETA1> viewer')).text)).toBe('<@UBETA1> is now a viewer.');
    const stranger = await oauth.command('scan alpha-prod', { teamId: 'TGAMMA', userId: 'UGAMMA', channelId: 'C-TGAMMA', responseId: 'gamma' });
    expect(stranger.status).toBeLessThan(500);
    expect(alphaIntegration.name).toBe('alpha-prod');
    const scanned = await oauth.db.select({ n: count() }).from(scans).where(and(eq(scans.integrationId, alphaIntegration.id)));
    expect(scanned).toEqual([{ n: 1 }]);

    // Even at debug level, where Bolt logs the OAuth exchange, no secret reaches the log.
    expect(logLines.some((line) => line.includes('oauth.v2.access'))).toBe(true);
    const log = logLines.join('');
    for (const secret of ['oauth-client-secret', 'oauth-state-secret', 'xoxb-', 'code-TALPHA', SIGNING_SECRET]) expect(log).not.toContain(secret);
  });
});
