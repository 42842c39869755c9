/**
 * The Teams bot end to end: the real service (botbuilder's CloudAdapter on the express server, job
 * workers, database) driven over HTTP with real Bot Framework activities signed as the channel signs
 * them, against a fake Teams that publishes the signing keys, issues the bot's own tokens (over
 * HTTPS, as MSAL insists) and records every connector call. Each test works on its own integration
 * and conversation, so the tests share one service without seeing each other's alerts.
 */
import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAlertRef } from '../../../src/bot/core/present.js';
import { ACTIONS } from '../../../src/bot/slack/blocks.js';
import { INPUTS, VERBS, type AdaptiveCard } from '../../../src/bot/teams/cards.js';
import { listAlertMessages } from '../../../src/store/alert-messages.js';
import { getAlert } from '../../../src/store/alerts.js';
import { listAudit } from '../../../src/store/audit.js';
import { listRoutesForChannel } from '../../../src/store/routes.js';
import { createIntegration, type PublicIntegration } from '../../../src/store/integrations.js';
import type { AlertMessage } from '../../../src/store/alert-messages.js';
import { alerts, findings, scans } from '../../../src/store/schema.js';
import { ensureDefaultTenant } from '../../../src/store/tenants.js';
import { findWorkspace, upsertWorkspace, type ChatWorkspace } from '../../../src/store/workspaces.js';
import type { Notifier } from '../../../src/bot/core/types.js';
import { createTeamsNotifier } from '../../../src/bot/teams/notifier.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import type { ConnectorCall, FakeTeams } from '../../fakes/teams.js';
import type { ScriptedFailure } from '../../helpers/slack-service.js';
import { botAddedActivity, invokeActivity, messageActivity, postActivity, sampleAlertView, startTeamsService, type TeamsService, type TeamsWho } from '../../helpers/teams.js';
import { waitFor } from '../../helpers/wait.js';

const TENANT = '72f988bf-0000-4000-8000-000000000001';
const ADMIN = '00000000-0000-4000-8000-00000000ad01';
const RESPONDER = '00000000-0000-4000-8000-00000000e501';
const PUBLIC_ACL = 'aws-s3-bucket-public-acl';

let world: TeamsService;
const logLines: string[] = [];

beforeAll(async () => {
  world = await startTeamsService({ env: { CLOUDSENTINEL_ADMINS: `teams:${ADMIN}` }, logLevel: "debug", onLog: (line) => logLines.push(line) });
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

type Json = Record<string, unknown>;
const str = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

const channel = (name: string, userId = RESPONDER): TeamsWho => ({ tenantId: TENANT, userId, conversationId: `19:${name}@thread.tacv2`, conversationType: 'channel' });

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

/** Sends `@CloudSentinel <text>` and returns what the bot answered to it (replies to the command). */
async function ask(text: string, who: TeamsWho, options: { mention?: boolean } = {}): Promise<Json[]> {
  const activity = messageActivity(world.ctx, who, text, options);
  const http = await world.send(activity);
  expect(http.status).toBe(200);
  return world.teams.calls.filter((call) => call.activityId === activity.id || (call.kind === 'send' && call.conversationId === who.conversationId && call.body.replyToId === activity.id)).map((call) => call.body);
}

const textOf = (replies: Json[]): string => replies.map((reply) => str(reply.text)).join('\n');

/** A scan started from chat, waited for until its alerts are recorded. */
async function scanFromChat(name: string, failures: ScriptedFailure[], who: TeamsWho): Promise<string> {
  world.scanner.willFind(failures);
  const reply = textOf(await ask(`scan ${name}`, who));
  const scanId = /Scan `([0-9a-f-]{36})`/.exec(reply)?.[1];
  if (!scanId) throw new Error(`no scan id in ${reply}`);
  await waitFor(async () => {
    const [row] = await world.db.select({ finishedAt: scans.finishedAt }).from(scans).where(eq(scans.id, scanId));
    return Boolean(row?.finishedAt);
  }, 20_000);
  return scanId;
}

interface Card {
  alertId: string;
  version: number;
  conversationId: string;
  activityId: string;
}

/** The cards posted for an integration's alerts in a conversation, waited for until there are `n`. */
async function cardsOf(integrationId: string, conversationId: string, n: number): Promise<Card[]> {
  const load = async (): Promise<Card[]> => {
    const rows = await world.db
      .select({ id: alerts.id, version: alerts.version })
      .from(alerts)
      .innerJoin(findings, eq(alerts.findingId, findings.id))
      .where(eq(findings.integrationId, integrationId));
    const cards: Card[] = [];
    for (const row of rows) {
      for (const message of await listAlertMessages(world.db, row.id)) {
        if (message.platform === 'teams' && message.channelId === conversationId) cards.push({ alertId: row.id, version: row.version, conversationId, activityId: message.messageId });
      }
    }
    return cards;
  };
  await waitFor(async () => (await load()).length >= n, 15_000);
  return load();
}

interface InvokeAnswer {
  statusCode: number;
  type: string;
  value: unknown;
}

async function click(card: Card, verb: string, who: TeamsWho, data: Json = {}, version = card.version): Promise<InvokeAnswer> {
  const http = await world.send(invokeActivity(world.ctx, who, { verb, replyToId: card.activityId, data: { alertId: card.alertId, version, ...data } }));
  expect(http.status).toBe(200);
  return http.body as InvokeAnswer;
}

/** The card a connector message carries. */
const cardIn = (body: Json | undefined): AdaptiveCard | null => {
  const attachments = body?.attachments;
  if (!Array.isArray(attachments)) return null;
  const first: unknown = attachments[0];
  return first && typeof first === 'object' && 'content' in first ? (first.content as AdaptiveCard) : null;
};

const shown = (card: Card): string => str(world.teams.activity(card.conversationId, card.activityId)?.body);
const updatesOf = (card: Card): ConnectorCall[] => world.teams.callsTo(card.conversationId, 'update').filter((c) => c.activityId === card.activityId && c.status === 200);
const notesOf = (card: Card): string[] =>
  world.teams.callsTo(card.conversationId, 'reply').filter((c) => c.conversationId === `${card.conversationId};messageid=${card.activityId}` && c.status === 201).map((c) => str(c.body.text));

describe('commands', () => {
  it('answers help, unknown commands and bad usage in the thread of the command, with a real bearer token', async () => {
    const who = channel('help');
    const help = await ask('help', who);
    expect(help).toHaveLength(1);
    expect(textOf(help)).toContain('`@CloudSentinel scan <integration>`');
    expect(textOf(help)).toContain('**CloudSentinel**');
    expect(textOf(help)).not.toMatch(/(^|[^*])\*CloudSentinel\*([^*]|$)/);

    const sentinelPrefix = await ask('/sentinel help', who);
    expect(textOf(sentinelPrefix)).toContain('@CloudSentinel alerts');

    const unknown = await ask('frobnicate the buckets', who);
    expect(textOf(unknown)).toContain("I don't know `frobnicate`");
    expect(textOf(unknown)).toContain('@CloudSentinel scan <integration>');

    const missing = await ask('scan nosuchthing', who);
    expect(textOf(missing)).toContain('There is no integration called `nosuchthing`');

    // Replies go to the command's thread, signed with a token the fake login issued.
    const replies = world.teams.callsTo(who.conversationId, 'reply');
    expect(replies.length).toBeGreaterThanOrEqual(4);
    for (const reply of replies) {
      expect(reply.conversationId).toMatch(/^19:help@thread\.tacv2;messageid=act-/);
      expect(world.teams.issuedTokens.map((t) => `Bearer ${t}`)).toContain(reply.authorization);
    }
  });

  it('works in a personal chat without a mention, and registers the tenant with its service URL', async () => {
    const who: TeamsWho = { tenantId: TENANT, userId: RESPONDER, conversationId: 'a:personal-chat-1', conversationType: 'personal' };
    const help = await ask('help', who, { mention: false });
    expect(textOf(help)).toContain('@CloudSentinel status');
    const workspace = await findWorkspace(world.db, 'teams', TENANT);
    expect(workspace?.metadata.serviceUrl).toBe(world.teams.serviceUrl);
  });

  it('says hello when added to a conversation', async () => {
    const who = channel('welcome');
    const http = await world.send(botAddedActivity(world.ctx, who));
    expect(http.status).toBe(200);
    const hello = world.teams.calls.filter((c) => c.conversationId.startsWith(who.conversationId));
    expect(hello).toHaveLength(1);
    expect(str(hello[0]?.body.text)).toContain('@CloudSentinel scan prod');
  });

  it('queues a scan and answers at once; a viewer may neither scan nor triage', async () => {
    const who = channel('scans');
    const viewer = '00000000-0000-4000-8000-0000000000f1';
    const granted = await ask('role <at>Vera Viewer</at> viewer', channel('scans', ADMIN), {});
    // The mention of another person arrives as an entity; build it the way Teams does.
    expect(textOf(granted)).toContain('Usage');
    const activity = messageActivity(world.ctx, channel('scans', ADMIN), 'role <at>Vera Viewer</at> viewer', { mentions: [{ name: 'Vera Viewer', aadObjectId: viewer }] });
    expect((await world.send(activity)).status).toBe(200);
    const grant = world.teams.calls.find((c) => c.activityId === activity.id);
    expect(str(grant?.body.text)).toContain(`**${viewer}** is now a viewer`);

    const refused = await ask('scan prod', channel('scans', viewer));
    expect(textOf(refused)).toMatch(/viewer/i);

    const queued = await ask('scan prod', who);
    expect(textOf(queued)).toMatch(/Scan `[0-9a-f-]{36}` of \*\*prod\*\* is queued/);
  });

  it('refuses requests without a valid token with 401 and changes nothing', async () => {
    const before = await world.db.select({ n: count() }).from(scans);
    const who = channel('forged');
    const activity = messageActivity(world.ctx, who, 'scan prod');
    const none = await postActivity(world.baseUrl, activity);
    expect(none.status).toBe(401);
    const forged = await postActivity(world.baseUrl, activity, world.teams.channelToken({ forge: true }));
    expect(forged.status).toBe(401);
    const audience = await postActivity(world.baseUrl, activity, world.teams.channelToken({ audience: randomUUID() }));
    expect(audience.status).toBe(401);
    const issuer = await postActivity(world.baseUrl, activity, world.teams.channelToken({ issuer: 'https://evil.example.com' }));
    expect(issuer.status).toBe(401);
    const elsewhere = await postActivity(world.baseUrl, activity, world.teams.channelToken({ serviceUrl: 'https://smba.evil.example.com/' }));
    expect(elsewhere.status).toBe(401);
    const expired = await postActivity(world.baseUrl, activity, world.teams.channelToken({ expiresInSeconds: -3600 }));
    expect(expired.status).toBe(401);
    const garbage = await postActivity(world.baseUrl, activity, 'not.a.jwt');
    expect(garbage.status).toBe(401);

    // Nothing was answered in that conversation (other tests' scans may still be posting elsewhere).
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(world.teams.callsTo(who.conversationId)).toHaveLength(0);
    expect(await world.db.select({ n: count() }).from(scans)).toEqual(before);

    const valid = await postActivity(world.baseUrl, messageActivity(world.ctx, who, 'help'), world.teams.channelToken());
    expect(valid.status).toBe(200);
  });

  it('answers malformed requests with 400 and keeps working', async () => {
    const token = world.teams.channelToken();
    expect((await postActivity(world.baseUrl, '{not json', token)).status).toBe(400);
    expect((await postActivity(world.baseUrl, { text: 'no type' }, token)).status).toBe(400);
    expect((await postActivity(world.baseUrl, [1, 2, 3], token)).status).toBe(400);
    expect((await postActivity(world.baseUrl, { type: 'message', conversation: 'nope' }, token)).status).toBe(400);
    const who = channel('malformed');
    const bad = await world.send(invokeActivity(world.ctx, who, { verb: VERBS.acknowledge, replyToId: '1', data: { alertId: 'x', version: 'one' } }));
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    const gone = await world.send(invokeActivity(world.ctx, who, { verb: VERBS.acknowledge, replyToId: '1', data: { alertId: randomUUID(), version: 1 } }));
    expect(gone.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'That alert no longer exists.' });
    const other = await world.send({ ...invokeActivity(world.ctx, who, { verb: 'x', replyToId: '1', data: {} }), name: 'composeExtension/query' });
    expect(other.status).toBe(200);
    expect(textOf(await ask('help', who))).toContain('CloudSentinel');
  });
});

describe('subscriptions, scans and alert cards', () => {
  it('posts a chat-started scan status and one card per alert to the subscribed channel, with bearer tokens', async () => {
    const cloud = await integration('teams-routed');
    const who = channel('routed');
    expect(textOf(await ask('subscribe teams-routed', who))).toContain('This channel now receives new alerts of **teams-routed**');
    const scanId = await scanFromChat('teams-routed', [
      { checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::teams-a' },
      { checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::teams-b' },
    ], who);
    const cards = await cardsOf(cloud.id, who.conversationId, 2);
    expect(cards).toHaveLength(2);
    for (const card of cards) {
      const posted = world.teams.activity(who.conversationId, card.activityId);
      const content = cardIn(posted?.body);
      expect(content).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
      expect(str(content)).toContain('teams-');
      expect(str(content)).toContain('Action.Execute');
    }
    const sends = world.teams.callsTo(who.conversationId, 'send');
    for (const send of sends) expect(world.teams.issuedTokens.map((t) => `Bearer ${t}`)).toContain(send.authorization);
    // The scan's status message is posted where the scan was asked for, and ends as the summary.
    await waitFor(() => world.teams.activitiesIn(who.conversationId).some((a) => str(a.body).includes(scanId) && str(a.body).includes('complete')), 10_000);
  });

  it('lists alerts as cards with their actions, and a next page', async () => {
    const cloud = await integration('teams-list');
    const who = channel('list');
    await ask('subscribe teams-list', who);
    const failures = Array.from({ length: 6 }, (_, i) => ({ checkId: PUBLIC_ACL, resourceId: `arn:aws:s3:::teams-list-${i}` }));
    await scanFromChat('teams-list', failures, who);
    await cardsOf(cloud.id, who.conversationId, 6);
    const replies = await ask('alerts open', who);
    const attachments = replies.flatMap((reply) => (Array.isArray(reply.attachments) ? (reply.attachments as Json[]) : []));
    expect(attachments.length).toBe(6);
    expect(str(attachments.at(-1))).toContain(VERBS.more);
    for (const attachment of attachments) expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
  });
});

describe('triage from the card', () => {
  let cards: Card[];
  const who = channel('triage');

  beforeAll(async () => {
    const cloud = await integration('teams-triage');
    await ask('subscribe teams-triage', who);
    await scanFromChat('teams-triage', [
      { checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::triage-a' },
      { checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::triage-b' },
      { checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::triage-c' },
    ], who);
    cards = await cardsOf(cloud.id, who.conversationId, 3);
  }, 60_000);

  const current = async (card: Card): Promise<Card> => ({ ...card, version: (await getAlert(world.db, card.alertId)).version });

  it('acknowledge, assign, assign to me, resolve and reopen update the card in place and note it in its thread', async () => {
    let card = cards[0] as Card;
    const ack = await click(card, VERBS.acknowledge, who);
    expect(ack).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(str(ack.value)).toContain(`Acknowledged by **${RESPONDER}**`);
    expect(updatesOf(card)).toHaveLength(1);
    expect(shown(card)).toContain('Acknowledged by');
    expect(notesOf(card)).toEqual([`Acknowledged by **${RESPONDER}**`]);

    card = await current(card);
    const picked = '00000000-0000-4000-8000-0000000000a5';
    const assign = await click(card, VERBS.assign, who, { [INPUTS.assignee]: picked });
    expect(str(assign.value)).toContain(`**${picked}**`);
    expect((await getAlert(world.db, card.alertId)).assignee).toBe(`teams:${TENANT}:${picked}`);

    card = await current(card);
    await click(card, VERBS.assignMe, who);
    expect((await getAlert(world.db, card.alertId)).assignee).toBe(`teams:${TENANT}:${RESPONDER}`);

    card = await current(card);
    const resolved = await click(card, VERBS.resolve, who);
    expect(str(resolved.value)).toContain('Resolved by');
    expect(str(resolved.value)).toContain(VERBS.reopen);
    expect(str(resolved.value)).not.toContain(VERBS.acknowledge);

    card = await current(card);
    await click(card, VERBS.reopen, who);
    expect((await getAlert(world.db, card.alertId)).state).toBe('open');
    expect(updatesOf(card)).toHaveLength(5);
    await waitFor(() => notesOf(card).length === 5);
    expect(notesOf(card)).toEqual([
      `Acknowledged by **${RESPONDER}**`,
      `Assigned to **${picked}** by **${RESPONDER}**`,
      `Assigned to **${RESPONDER}** by **${RESPONDER}**`,
      `Resolved by **${RESPONDER}**`,
      `Reopened by **${RESPONDER}**`,
    ]);
    const tenant = await ensureDefaultTenant(world.db);
    const audit = await listAudit(world.db, { tenantId: tenant.id, targetType: 'alert', targetId: card.alertId, limit: 50 });
    expect(audit.map((row) => row.action)).toEqual(expect.arrayContaining(['alert.acknowledge', 'alert.assign', 'alert.resolve', 'alert.reopen']));
    expect(audit.every((row) => row.actor === `teams:${TENANT}:${RESPONDER}` || !row.action.startsWith('alert.') || row.actor === 'scan')).toBe(true);
  });

  it('suppress reads its inline inputs; a missing reason or a bad date comes back on the card and changes nothing', async () => {
    const card = cards[1] as Card;
    const before = await getAlert(world.db, card.alertId);
    const noReason = await click(card, VERBS.suppress, who, { [INPUTS.reason]: '  ', [INPUTS.duration]: '7d' });
    expect(noReason).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(str(noReason.value)).toContain('Say why this alert can be suppressed.');
    const pastDate = await click(card, VERBS.suppress, who, { [INPUTS.reason]: 'test bucket', [INPUTS.duration]: 'date', [INPUTS.date]: '2001-01-01' });
    expect(str(pastDate.value)).toContain('Pick a date in the future.');
    const after = await getAlert(world.db, card.alertId);
    expect(after.version).toBe(before.version);
    expect(updatesOf(card)).toHaveLength(0);

    const ok = await click(card, VERBS.suppress, who, { [INPUTS.reason]: 'public on purpose', [INPUTS.duration]: 'date', [INPUTS.date]: '2099-01-31' });
    expect(str(ok.value)).toContain('Suppressed until 2099-01-31 23:59 UTC');
    const suppressed = await getAlert(world.db, card.alertId);
    expect(suppressed).toMatchObject({ state: 'suppressed', reason: 'public on purpose' });
    expect(suppressed.suppressedUntil?.toISOString()).toBe('2099-01-31T23:59:59.999Z');
    expect(notesOf(card)).toEqual([`Suppressed by **${RESPONDER}** until 2099-01-31: public on purpose`]);
  });

  it('a double click on one card: one wins, the other sees the current state; one note', async () => {
    const card = cards[2] as Card;
    const [first, second] = await Promise.all([click(card, VERBS.acknowledge, who), click(card, VERBS.resolve, channel('triage', ADMIN))]);
    const texts = [str(first.value), str(second.value)];
    expect(texts.filter((t) => t.includes('Someone acted on this alert first'))).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(notesOf(card)).toHaveLength(1);
    const stale = await click(card, VERBS.acknowledge, who, {}, card.version);
    expect(str(stale.value)).toContain('Someone acted on this alert first');
    expect(notesOf(card)).toHaveLength(1);
  });

  it('a viewer sees the refusal on the card and nothing changes', async () => {
    const viewer = '00000000-0000-4000-8000-0000000000f2';
    await world.send(messageActivity(world.ctx, channel('triage', ADMIN), 'role <at>V</at> viewer', { mentions: [{ name: 'V', aadObjectId: viewer }] }));
    const card = await current(cards[0] as Card);
    const refused = await click(card, VERBS.acknowledge, channel('triage', viewer));
    expect(str(refused.value)).toMatch(/viewer/i);
    expect((await getAlert(world.db, card.alertId)).version).toBe(card.version);
  });
});

describe('one alert, every surface', () => {
  it('acknowledging in Teams refreshes the Slack copy; resolving in Slack refreshes the Teams card and notes it there', async () => {
    const cloud = await integration('teams-cross');
    const who = channel('cross');
    const slackChannel = 'C-TEAMS-CROSS';
    await ask('subscribe teams-cross', who);
    expect((await world.command('subscribe teams-cross', { userId: 'USLACK', channelId: slackChannel })).status).toBe(200);
    await waitFor(async () => (await listRoutesForChannel(world.db, 'slack', slackChannel)).length === 1);
    await scanFromChat('teams-cross', [{ checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::cross-a' }], who);
    const [card] = await cardsOf(cloud.id, who.conversationId, 1);
    if (!card) throw new Error('no Teams card');
    await waitFor(async () => (await listAlertMessages(world.db, card.alertId)).some((m) => m.platform === 'slack'));
    const slackCopy = (await listAlertMessages(world.db, card.alertId)).find((m) => m.platform === 'slack');
    if (!slackCopy) throw new Error('no Slack card');

    await click(card, VERBS.acknowledge, who);
    await waitFor(() => JSON.stringify(world.fake.message(slackChannel, slackCopy.messageId)?.blocks ?? []).includes('Acknowledged by Teams user'));

    const version = (await getAlert(world.db, card.alertId)).version;
    expect((await world.click({ userId: 'USLACK', channelId: slackChannel, messageTs: slackCopy.messageId, actionId: ACTIONS.resolve, value: encodeAlertRef({ id: card.alertId, version }) })).status).toBe(200);
    await waitFor(() => shown(card).includes('Resolved by Slack user USLACK'));
    await waitFor(() => notesOf(card).includes('Resolved by Slack user USLACK'));
    expect(notesOf(card)).toEqual([`Acknowledged by **${RESPONDER}**`, 'Resolved by Slack user USLACK']);
  });
});

describe('rate limits and secrets', () => {
  it('honours a 429 from the connector: nothing is lost or posted twice', async () => {
    const cloud = await integration('teams-paced');
    const who = channel('paced');
    await ask('subscribe teams-paced', who);
    world.teams.failNext(2, { status: 429, retryAfter: 1, kind: 'send', conversationId: who.conversationId });
    const started = Date.now();
    await scanFromChat('teams-paced', [
      { checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::paced-a' },
      { checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::paced-b' },
      { checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::paced-c' },
    ], channel('paced-elsewhere'));
    const cards = await cardsOf(cloud.id, who.conversationId, 3);
    expect(new Set(cards.map((c) => c.alertId)).size).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const sends = world.teams.callsTo(who.conversationId, 'send');
    expect(sends.filter((c) => c.status === 429)).toHaveLength(2);
    const posted = sends.filter((c) => c.status === 201);
    expect(posted).toHaveLength(3);
    expect(Math.max(...posted.map((c) => c.at)) - started).toBeGreaterThanOrEqual(1000);
  });

  it('never logs the app password or a token', () => {
    const secrets = [world.teams.appPassword, ...world.teams.issuedTokens];
    expect(logLines.length).toBeGreaterThan(10);
    for (const line of logLines) for (const secret of secrets) expect(line).not.toContain(secret);
    expect(logLines.join('\n')).not.toMatch(/eyJ[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/);
  });
});


/**
 * The Teams notifier on its own, as `cloudsentinel worker` runs it (no bot, no HTTP server): posting,
 * updating and threading through the real connector client, with the bot's own token, the service URL
 * found in the workspace, and retries that neither drop nor double a message. It shares this file's
 * database and fake Teams (a database of its own would double the file's start-up time).
 */
describe('the Teams notifier on its own', () => {
  const CHANNEL = '19:notifier@thread.tacv2';
  const CHAT = 'a:1personal-chat';
  let fake: FakeTeams;
  let notifier: Notifier;
  let workspace: ChatWorkspace;
  const notifierLog: string[] = [];

  beforeAll(async () => {
    fake = world.teams;
    const config = loadConfig({ ...fake.env, CLOUDSENTINEL_DATA_DIR: '/nonexistent' });
    if (!config.teams) throw new Error('Teams is not configured');
    const tenant = await ensureDefaultTenant(world.db);
    workspace = await upsertWorkspace(world.db, { tenantId: tenant.id, platform: 'teams', externalId: 'tenant-notifier', metadata: { serviceUrl: fake.serviceUrl } }, world.service.keyring);
    const logger = createLogger('debug', { write: (line: string) => notifierLog.push(line) });
    notifier = createTeamsNotifier({ db: world.db, keyring: world.service.keyring, teams: config.teams, logger, channelIntervalMs: 50, retryBaseDelayMs: 100 });
  });

  const messageOf = (conversationId: string, messageId: string): AlertMessage => ({
    id: randomUUID(),
    alertId: randomUUID(),
    workspaceId: workspace.id,
    platform: 'teams',
    channelId: conversationId,
    messageId,
    threadId: messageId,
    renderedVersion: 1,
    createdAt: new Date(),
    updatedAt: new Date(),
  });

  it('posts a card to a stored conversation reference, updates it in place and notes in its thread', async () => {
    const target = { channelId: 'msteams', serviceUrl: fake.serviceUrl, conversation: { id: CHANNEL, conversationType: 'channel', tenantId: 'tenant-notifier' } };
    const posted = await notifier.postAlert({ workspaceId: workspace.id, channelId: CHANNEL, target }, sampleAlertView());
    expect(posted).toMatchObject({ channelId: CHANNEL });
    expect(posted.threadId).toBe(posted.messageId);
    const send = fake.callsTo(CHANNEL, 'send')[0];
    expect(send?.authorization).toBe(`Bearer ${fake.issuedTokens.at(-1) ?? ''}`);
    expect(JSON.stringify(send?.body)).toContain('S3 bucket allows public read');

    const message = messageOf(CHANNEL, posted.messageId);
    await notifier.updateAlert(message, sampleAlertView({ state: 'acknowledged', version: 4, changedBy: 'slack:T1:U1' }));
    expect(JSON.stringify(fake.activity(CHANNEL, posted.messageId)?.body)).toContain('Acknowledged by Slack user U1');

    await notifier.postThreadNote(message, 'Acknowledged by {{actor:teams:tenant-notifier:aad-1}}');
    const reply = fake.callsTo(CHANNEL, 'reply').at(-1);
    expect(reply).toMatchObject({ conversationId: `${CHANNEL};messageid=${posted.messageId}`, activityId: posted.messageId, status: 201 });
    expect(reply?.body.text).toBe('Acknowledged by **aad-1**');
  });

  it('reaches a chat through the workspace service URL when the route holds no reference', async () => {
    const posted = await notifier.postAlert({ workspaceId: workspace.id, channelId: CHAT, target: {} }, sampleAlertView());
    await notifier.postThreadNote(messageOf(CHAT, posted.messageId), 'Resolved by a scan');
    // Chats have no threads: the note is the next message.
    const sends = fake.callsTo(CHAT, 'send');
    expect(sends.map((c) => c.status)).toEqual([201, 201]);
    expect(sends[1]?.body.text).toBe('Resolved by a scan');
  });

  it('posts the scan status once and then edits it; posts digests', async () => {
    const to = { workspaceId: workspace.id, channelId: CHANNEL, target: {} };
    const view = { scanId: randomUUID(), integrationName: 'prod', status: 'running' as const, progress: { done: 2, total: 10 }, summary: null, error: null, requestedBy: 'teams:t:u' };
    const first = await notifier.postScanStatus(to, view, null);
    const again = await notifier.postScanStatus(to, { ...view, status: 'complete', progress: { done: 10, total: 10 }, summary: { failing: 3, newFailing: 1, resolved: 0, bySeverity: { high: 3 } } }, first);
    expect(again).toEqual(first);
    expect(JSON.stringify(fake.activity(CHANNEL, first.messageId)?.body)).toContain('complete');
    const digest = await notifier.postDigest(to, { integrationName: 'prod', scanId: null, total: 12, bySeverity: { critical: 1, high: 11, medium: 0, low: 0, info: 0 }, top: [sampleAlertView()], listCommand: '/sentinel alerts open' });
    expect(JSON.stringify(fake.activity(CHANNEL, digest.messageId)?.body)).toContain('12 new alerts from prod');
  });

  it('retries a 429 the connector client gives up on, waits, and posts exactly once', async () => {
    const conversation = '19:throttled@thread.tacv2';
    // Without Retry-After the client's own pipeline does not retry a 429; the notifier does.
    fake.failNext(2, { status: 429, kind: 'send', conversationId: conversation });
    const posted = await notifier.postAlert({ workspaceId: workspace.id, channelId: conversation, target: {} }, sampleAlertView());
    const sends = fake.callsTo(conversation, 'send');
    expect(sends.map((c) => c.status)).toEqual([429, 429, 201]);
    expect(sends[2]?.id).toBe(posted.messageId);
    expect(notifierLog.some((line) => line.includes('Teams asked us to slow down'))).toBe(true);
  });

  it('does not retry an answer that is final (403) and says why a workspace cannot be reached', async () => {
    const conversation = '19:broken@thread.tacv2';
    fake.failNext(1, { status: 403, kind: 'send', conversationId: conversation });
    await expect(notifier.postAlert({ workspaceId: workspace.id, channelId: conversation, target: {} }, sampleAlertView())).rejects.toThrow();
    expect(fake.callsTo(conversation, 'send')).toHaveLength(1);
    await expect(notifier.postAlert({ workspaceId: randomUUID(), channelId: conversation, target: {} }, sampleAlertView())).rejects.toThrow(/No Teams service URL/);
  });

  it('logs no secret', () => {
    for (const line of notifierLog) {
      expect(line).not.toContain(fake.appPassword);
      for (const token of fake.issuedTokens) expect(line).not.toContain(token);
    }
  });
});
