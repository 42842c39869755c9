/**
 * The Discord side end to end: the real service (the interactions endpoint on the express server,
 * job workers, database) driven over HTTP with interactions shaped and signed as Discord sends
 * them, against a fake Discord REST API that records every call and keeps every message. Each test
 * works on its own integration and channel, so the tests share one service.
 */
import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAlertView } from '../../../src/bot/core/alert-view.js';
import { createDiscordApp } from '../../../src/bot/discord/app.js';
import { alertComponentId, pageComponentId, suppressModalId } from '../../../src/bot/discord/custom-ids.js';
import { createDiscordNotifier } from '../../../src/bot/discord/notifier.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { listAlertMessages } from '../../../src/store/alert-messages.js';
import { getAlert } from '../../../src/store/alerts.js';
import { listAudit } from '../../../src/store/audit.js';
import { createIntegration, type PublicIntegration } from '../../../src/store/integrations.js';
import { alerts, chatWorkspaces, findings, scans } from '../../../src/store/schema.js';
import { ensureDefaultTenant } from '../../../src/store/tenants.js';
import type { FakeDiscordMessage } from '../../fakes/discord.js';
import {
  buttonInteraction,
  commandInteraction,
  generateDiscordKeys,
  interactionToken,
  modalSubmitInteraction,
  nowSeconds,
  pingInteraction,
  postInteraction,
  signDiscord,
  startDiscordService,
  userSelectInteraction,
  type DiscordService,
  type InteractionResult,
  type OptionValue,
  type Where,
} from '../../helpers/discord.js';
import type { ScriptedFailure } from '../../helpers/slack-service.js';
import { waitFor } from '../../helpers/wait.js';

const GUILD = '900000000000000001';
const ADMIN = '800000000000000001';
const RESPONDER = '800000000000000002';
const VIEWER = '800000000000000003';
const OWNER = '800000000000000004';
const ELSEWHERE = '700000000000000999';
const PUBLIC_ACL = 'aws-s3-bucket-public-acl';
const EPHEMERAL = 64;

let world: DiscordService;
const logLines: string[] = [];

beforeAll(async () => {
  world = await startDiscordService({ env: { CLOUDSENTINEL_ADMINS: `discord:${ADMIN}` }, logLevel: 'debug', onLog: (line) => logLines.push(line) });
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

type Json = Record<string, unknown>;
const at = (guildId: string | null, channelId: string, userId: string): Where => ({ guildId, channelId, userId });
const dataOf = (result: InteractionResult): Json => (result.json?.data ?? {}) as Json;
const contentOf = (result: InteractionResult): string => {
  const content = dataOf(result).content;
  return typeof content === 'string' ? content : '';
};
const json = (value: unknown): string => JSON.stringify(value);

async function command(subcommand: string, options: Record<string, OptionValue>, channelId: string, userId = RESPONDER): Promise<InteractionResult> {
  const result = await world.interact(commandInteraction(at(GUILD, channelId, userId), subcommand, options));
  expect(result.status).toBe(200);
  return result;
}

async function integration(name: string): Promise<PublicIntegration> {
  const tenant = await ensureDefaultTenant(world.db);
  return createIntegration(world.db, world.service.keyring, {
    tenantId: tenant.id,
    name,
    provider: 'aws',
    credentials: { access_key_id: 'AKIAEXAMPLEEXAMPLE12', secret_access_key: 'z'.repeat(40) },
  });
}

async function scanFromChat(name: string, failures: ScriptedFailure[], channelId = ELSEWHERE): Promise<string> {
  world.scanner.willFind(failures);
  const reply = await command('scan', { integration: name }, channelId);
  const scanId = /Scan `([0-9a-f-]{36})`/.exec(contentOf(reply))?.[1];
  if (!scanId) throw new Error(`no scan id in ${contentOf(reply)}`);
  await waitFor(async () => {
    const [row] = await world.db.select({ finishedAt: scans.finishedAt }).from(scans).where(eq(scans.id, scanId));
    return Boolean(row?.finishedAt);
  }, 20_000);
  return scanId;
}

interface Card {
  alertId: string;
  channelId: string;
  messageId: string;
}

async function cardsOf(integrationId: string, channelId: string, n: number): Promise<Card[]> {
  const load = async (): Promise<Card[]> => {
    const rows = await world.db.select({ id: alerts.id }).from(alerts).innerJoin(findings, eq(alerts.findingId, findings.id)).where(eq(findings.integrationId, integrationId));
    const cards: Card[] = [];
    for (const row of rows) {
      for (const message of await listAlertMessages(world.db, row.id)) {
        if (message.platform === 'discord' && message.channelId === channelId) cards.push({ alertId: row.id, channelId, messageId: message.messageId });
      }
    }
    return cards;
  };
  await waitFor(async () => (await load()).length >= n, 15_000);
  return load();
}

const messageOf = (card: Card): FakeDiscordMessage => {
  const message = world.discord.messages.get(card.messageId);
  if (!message) throw new Error(`no message ${card.messageId}`);
  return message;
};
const notesUnder = (card: Card): FakeDiscordMessage[] => world.discord.channelMessages(card.channelId).filter((m) => m.replyTo === card.messageId);
/** Every custom_id on a message or response, in order. */
const customIds = (components: unknown): string[] => [...json(components).matchAll(/"custom_id":"([^"]+)"/g)].map((m) => m[1] ?? '');

async function version(alertId: string): Promise<number> {
  return (await getAlert(world.db, alertId)).version;
}

function click(card: Card, verb: 'acknowledge' | 'resolve' | 'reopen' | 'suppress', ver: number, userId = RESPONDER): Promise<InteractionResult> {
  const customId = alertComponentId('card', verb, { id: card.alertId, version: ver }) ?? '';
  return world.interact(buttonInteraction(at(GUILD, card.channelId, userId), customId, { id: card.messageId }));
}

async function oneCard(name: string, channelId: string): Promise<Card> {
  const created = await integration(name);
  await command('subscribe', { integration: name }, channelId, ADMIN);
  await scanFromChat(name, [{ checkId: PUBLIC_ACL, resourceId: `arn:aws:s3:::${name}-bucket` }]);
  const [card] = await cardsOf(created.id, channelId, 1);
  if (!card) throw new Error('no card');
  return card;
}

const settle = (ms = 1200) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the interactions endpoint', () => {
  it('answers PING with PONG', async () => {
    const pong = await world.interact(pingInteraction());
    expect(pong).toEqual({ status: 200, json: { type: 1 } });
  });

  it('refuses forged, tampered, unsigned, malformed and stale signatures with 401 and does nothing', async () => {
    const before = await world.db.select({ n: count() }).from(scans);
    const callsBefore = world.discord.calls.length;
    const body = commandInteraction(at(GUILD, '700000000000000001', RESPONDER), 'scan', { integration: 'prod' });
    const text = JSON.stringify(body);
    // Well-formed, but made with a key that is not the application's.
    const forged = signDiscord(generateDiscordKeys(), text)['x-signature-ed25519'];
    expect((await world.interact(body, { signature: forged })).status).toBe(401);
    expect((await world.interact(body, { bodyOverride: text.replace('"prod"', '"prodx"') })).status).toBe(401);
    expect((await world.interact(body, { unsigned: true })).status).toBe(401);
    expect((await world.interact(body, { signature: 'zz-not-hex' })).status).toBe(401);
    expect((await world.interact(body, { timestamp: nowSeconds() - 6 * 60 })).status).toBe(401);
    expect((await world.interact(body, { timestamp: nowSeconds() + 6 * 60 })).status).toBe(401);
    // A PING needs a signature too: Discord checks this when the endpoint URL is saved.
    expect((await world.interact(pingInteraction(), { unsigned: true })).status).toBe(401);
    await settle(300);
    expect(await world.db.select({ n: count() }).from(scans)).toEqual(before);
    expect(world.discord.calls.length).toBe(callsBefore);
  });

  it('survives malformed bodies and unknown interactions, and answers the next request', async () => {
    expect((await world.interact('{not json')).status).toBe(400);
    expect((await world.interact({ type: 'two' })).status).toBe(400);
    expect((await world.interact({ ...commandInteraction(at(GUILD, '700000000000000001', RESPONDER), 'help'), type: 4 })).status).toBe(400);
    const garbled = await world.interact(buttonInteraction(at(GUILD, '700000000000000001', RESPONDER), 'alert:acknowledge:not a uuid:x', { id: '1' }));
    expect(garbled.status).toBe(200);
    expect(contentOf(garbled)).toContain('not one CloudSentinel understands');
    const gone = await world.interact(buttonInteraction(at(GUILD, '700000000000000001', RESPONDER), alertComponentId('card', 'acknowledge', { id: randomUUID(), version: 1 }) ?? '', { id: '1' }));
    expect(dataOf(gone)).toMatchObject({ content: 'That alert no longer exists.', flags: EPHEMERAL });
    expect(contentOf(await command('help', {}, '700000000000000001'))).toContain('CloudSentinel');
  });
});


describe('commands', () => {
  const CHANNEL = '700000000000000002';

  it('answers help, unknown subcommands, bad usage and DMs privately, in Discord markdown', async () => {
    const help = await command('help', {}, CHANNEL);
    expect(help.json?.type).toBe(4);
    expect(dataOf(help).flags).toBe(EPHEMERAL);
    expect(contentOf(help)).toContain('**CloudSentinel**');
    expect(contentOf(help)).toContain('`/sentinel scan <integration>`');
    expect(dataOf(help).allowed_mentions).toEqual({ parse: [] });

    const unknown = await command('frobnicate', {}, CHANNEL);
    expect(contentOf(unknown)).toContain("I don't know `frobnicate`");
    expect(contentOf(unknown)).toContain('/sentinel alerts');

    const badSeverity = await command('subscribe', { integration: 'prod', min_severity: 'extreme' }, CHANNEL, ADMIN);
    expect(contentOf(badSeverity)).toContain('`extreme` is not a severity');
    expect(contentOf(await command('scan', { integration: 'nosuchthing' }, CHANNEL))).toContain('There is no integration called `nosuchthing`');

    const dm = await world.interact(commandInteraction(at(null, '700000000000000003', RESPONDER), 'help'));
    expect(dataOf(dm)).toMatchObject({ flags: EPHEMERAL });
    expect(contentOf(dm)).toContain('works in servers, not in direct messages');
  });

  it('registers the server as a workspace on first use and answers status, integrations, suppressions and alerts', async () => {
    const [workspace] = await world.db.select().from(chatWorkspaces).where(eq(chatWorkspaces.externalId, GUILD));
    expect(workspace).toMatchObject({ platform: 'discord', externalId: GUILD });
    expect(contentOf(await command('integrations', {}, CHANNEL))).toMatch(/\*\*prod\*\* · aws · /);
    expect(contentOf(await command('status', { scan_id: randomUUID() }, CHANNEL))).toContain('There is no scan');
    expect(contentOf(await command('suppressions', {}, CHANNEL))).toMatch(/Nothing is suppressed|Active suppressions/);
    expect(contentOf(await command('alerts', { state: 'resolved', severity: 'critical' }, CHANNEL))).toContain('No alerts (resolved, critical)');
  });

  it('lets admins grant roles in the channel, and refuses what a viewer may not do', async () => {
    const granted = await command('role', { user: { user: VIEWER }, role: 'viewer' }, CHANNEL, ADMIN);
    expect(granted.json?.type).toBe(4);
    expect(dataOf(granted).flags).toBeUndefined();
    expect(contentOf(granted)).toBe(`<@${VIEWER}> is now a viewer.`);
    expect(dataOf(granted).allowed_mentions).toEqual({ parse: [] });

    const refused = await command('scan', { integration: 'prod' }, CHANNEL, VIEWER);
    expect(dataOf(refused).flags).toBe(EPHEMERAL);
    expect(contentOf(refused)).toContain('Your role (viewer) cannot start scans');
    const notAdmin = await command('role', { user: { user: RESPONDER }, role: 'admin' }, CHANNEL, RESPONDER);
    expect(contentOf(notAdmin)).toContain('cannot grant roles');
    const audit = await listAudit(world.db, { tenantId: (await ensureDefaultTenant(world.db)).id, targetType: 'member', limit: 10 });
    expect(audit.map((row) => row.actor)).toContain(`discord:${GUILD}:${ADMIN}`);
  });
});

describe('cards posted by the notifier', () => {
  it('posts one card per matching alert and the scan status, edited to its summary; unsubscribe stops it', async () => {
    const payments = await integration('dpayments');
    const channel = '700000000000000010';
    const subscribed = await command('subscribe', { integration: 'dpayments', min_severity: 'high' }, channel, ADMIN);
    expect(dataOf(subscribed).flags).toBeUndefined();
    expect(contentOf(subscribed)).toContain('**dpayments** at high severity or above');

    world.scanner.willFind([
      { checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::dpayments-exports', severity: 'critical' },
      { checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::dpayments-logs', severity: 'high' },
      { checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::dpayments-tmp', severity: 'low' },
    ]);
    const started = await command('scan', { integration: 'dpayments' }, channel);
    expect(contentOf(started)).toMatch(/^Scan `[0-9a-f-]{36}` of \*\*dpayments\*\* is queued/);

    const cards = await cardsOf(payments.id, channel, 2);
    expect(cards).toHaveLength(2);
    for (const card of cards) {
      const message = messageOf(card);
      expect(message.embeds).toHaveLength(1);
      expect(json(message.embeds)).toContain('Risk score');
      expect(customIds(message.components)).toEqual([
        `alert:acknowledge:${card.alertId}:1`,
        `alert:suppress:${card.alertId}:1`,
        `alert:resolve:${card.alertId}:1`,
        `alert:assign:${card.alertId}:1`,
      ]);
      expect(message.allowedMentions).toEqual({ parse: [] });
    }
    const posts = world.discord.callsTo('POST', new RegExp(`^/channels/${channel}/messages$`));
    for (const post of posts) expect(post.authorization).toBe(`Bot ${world.discord.botToken}`);
    expect(json(world.discord.channelMessages(channel))).not.toContain('dpayments-tmp');

    const statusMessage = async () => {
      const [row] = await world.db.select({ origin: scans.origin }).from(scans).where(eq(scans.integrationId, payments.id));
      const id = row?.origin?.messageId;
      return id ? world.discord.messages.get(id) : undefined;
    };
    await waitFor(async () => json((await statusMessage())?.embeds).includes('Scan of dpayments complete'), 15_000);
    expect(json((await statusMessage())?.embeds)).toContain('"name":"Failing","value":"3"');

    const gone = await command('unsubscribe', { integration: 'dpayments' }, channel, ADMIN);
    expect(contentOf(gone)).toContain('no longer receives alerts of **dpayments**');
  });

  it('honours a 429 (Retry-After and X-RateLimit headers): every card posted once, none lost or doubled', async () => {
    const paced = await integration('dpaced');
    const channel = '700000000000000011';
    await command('subscribe', { integration: 'dpaced' }, channel, ADMIN);
    world.discord.throttle({ method: 'POST', path: new RegExp(`^/channels/${channel}/messages$`) }, 2, { retryAfterSeconds: 1 });
    await scanFromChat('dpaced', [
      { checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::dpaced-a' },
      { checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::dpaced-b' },
      { checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::dpaced-c' },
    ]);
    const cards = await cardsOf(paced.id, channel, 3);
    expect(new Set(cards.map((c) => c.alertId)).size).toBe(3);
    await settle();
    const posts = world.discord.callsTo('POST', new RegExp(`^/channels/${channel}/messages$`));
    expect(posts.filter((p) => p.status === 429)).toHaveLength(2);
    expect(posts.filter((p) => p.status === 200)).toHaveLength(3);
    expect(world.discord.channelMessages(channel)).toHaveLength(3);
    // The retry came after the Retry-After it was given.
    const [first429, , firstOk] = posts;
    expect((firstOk?.at ?? 0) - (first429?.at ?? 0)).toBeGreaterThanOrEqual(1900);
  });

  it('never posts a card twice for a retried delivery: the nonce brings back the message already posted', async () => {
    const card = await oneCard('dnonce', '700000000000000012');
    const view = await loadAlertView(world.db, (await ensureDefaultTenant(world.db)).id, card.alertId);
    if (!view) throw new Error('no view');
    const notifier = createDiscordNotifier({ db: world.db, discord: discordConfig(), logger: createLogger('silent'), channelIntervalMs: 0 });
    const again = await notifier.postAlert({ workspaceId: null, channelId: card.channelId, target: {} }, view);
    expect(again.messageId).toBe(card.messageId);
    expect(world.discord.channelMessages(card.channelId).filter((m) => !m.replyTo)).toHaveLength(1);
  });
});

function discordConfig() {
  const config = loadConfig({ ...world.discordEnv, CLOUDSENTINEL_DATA_DIR: '/nonexistent' }).discord;
  if (!config) throw new Error('Discord is not configured');
  return config;
}

describe('triage from the card', () => {
  it('acknowledge, assign, resolve and reopen update the message in place with one note each, audited', async () => {
    const card = await oneCard('dtriage', '700000000000000020');

    const acked = await click(card, 'acknowledge', 1);
    expect(acked.json?.type).toBe(7);
    expect(json(dataOf(acked).embeds)).toContain(`Acknowledged by <@${RESPONDER}>`);
    expect(customIds(dataOf(acked).components)).toEqual([`alert:suppress:${card.alertId}:2`, `alert:resolve:${card.alertId}:2`, `alert:assign:${card.alertId}:2`]);
    await waitFor(() => notesUnder(card).length === 1);
    expect(notesUnder(card)[0]?.content).toBe(`Acknowledged by <@${RESPONDER}>`);
    expect(await getAlert(world.db, card.alertId)).toMatchObject({ state: 'acknowledged', version: 2, changedBy: `discord:${GUILD}:${RESPONDER}` });

    const assignId = alertComponentId('card', 'assign', { id: card.alertId, version: 2 }) ?? '';
    const assigned = await world.interact(userSelectInteraction(at(GUILD, card.channelId, RESPONDER), assignId, [OWNER], { id: card.messageId }));
    expect(assigned.json?.type).toBe(7);
    expect(json(dataOf(assigned).components)).toContain(`"default_values":[{"id":"${OWNER}","type":"user"}]`);
    await waitFor(() => notesUnder(card).length === 2);
    const assignNote = notesUnder(card)[1];
    expect(assignNote?.content).toBe(`Assigned to <@${OWNER}> by <@${RESPONDER}>`);
    // Only the new assignee is pinged.
    expect(assignNote?.allowedMentions).toEqual({ parse: [], replied_user: false, users: [OWNER] });
    expect(await getAlert(world.db, card.alertId)).toMatchObject({ assignee: `discord:${GUILD}:${OWNER}`, version: 3 });

    const resolved = await click(card, 'resolve', 3);
    expect(json(dataOf(resolved).embeds)).toContain('Resolved by');
    expect(customIds(dataOf(resolved).components)).toEqual([`alert:reopen:${card.alertId}:4`]);
    const reopened = await click(card, 'reopen', 4);
    expect(json(dataOf(reopened).embeds)).toContain('Open · last changed by');
    await waitFor(() => notesUnder(card).length === 4);
    await settle();
    expect(notesUnder(card).map((n) => n.content)).toEqual([
      `Acknowledged by <@${RESPONDER}>`,
      `Assigned to <@${OWNER}> by <@${RESPONDER}>`,
      `Resolved by <@${RESPONDER}>`,
      `Reopened by <@${RESPONDER}>`,
    ]);
    // The clicked card was updated by the responses themselves: the refresh jobs found it current.
    expect(world.discord.callsTo('PATCH', new RegExp(`/messages/${card.messageId}$`))).toHaveLength(0);
    const tenant = await ensureDefaultTenant(world.db);
    const audit = await listAudit(world.db, { tenantId: tenant.id, targetType: 'alert', targetId: card.alertId, limit: 20 });
    expect(audit.map((row) => row.action)).toEqual(expect.arrayContaining(['alert.acknowledge', 'alert.assign', 'alert.resolve', 'alert.reopen']));
  });

  it('a stale second click changes nothing: the card is redrawn as it is and the clicker told privately', async () => {
    const card = await oneCard('dstale', '700000000000000021');
    const [first, second] = await Promise.all([click(card, 'acknowledge', 1), click(card, 'resolve', 1, ADMIN)]);
    // Both see the card redrawn (type 7): the winner with its change, the other with the winner's.
    expect([first.json?.type, second.json?.type]).toEqual([7, 7]);
    expect(await version(card.alertId)).toBe(2);
    await waitFor(() => world.discord.callsTo('POST', /^\/webhooks\//).some((c) => json(c.body).includes('Someone acted on this alert first')));
    const notice = world.discord.callsTo('POST', /^\/webhooks\//).find((c) => json(c.body).includes('Someone acted on this alert first'));
    expect(notice?.body).toMatchObject({ flags: EPHEMERAL });
    expect(notice?.authorization).toBeNull();
    await settle();
    expect(notesUnder(card)).toHaveLength(1);
  });

  it('refuses a viewer privately and leaves the alert alone', async () => {
    const card = await oneCard('dviewer', '700000000000000022');
    const refused = await click(card, 'acknowledge', 1, VIEWER);
    expect(refused.json?.type).toBe(4);
    expect(dataOf(refused)).toMatchObject({ flags: EPHEMERAL });
    expect(contentOf(refused)).toContain('Your role (viewer) cannot triage alerts');
    expect(await version(card.alertId)).toBe(1);
  });

  it('suppress opens a modal; a missing reason or duration is refused, a valid one suppresses and notes it', async () => {
    const card = await oneCard('dsuppress', '700000000000000023');
    const opened = await click(card, 'suppress', 1);
    expect(opened.json?.type).toBe(9);
    const modal = dataOf(opened);
    expect(modal.custom_id).toBe(suppressModalId('card', { id: card.alertId, version: 1 }));
    expect(customIds(modal.components)).toEqual(['reason', 'duration']);
    expect(json(modal.components)).toContain('"required":true');

    const where = at(GUILD, card.channelId, RESPONDER);
    const noReason = await world.interact(modalSubmitInteraction(where, String(modal.custom_id), { reason: '  ', duration: '7d' }, { id: card.messageId }));
    expect(dataOf(noReason)).toMatchObject({ flags: EPHEMERAL });
    expect(contentOf(noReason)).toContain('Say why this alert can be suppressed.');
    const badDuration = await world.interact(modalSubmitInteraction(where, String(modal.custom_id), { reason: 'noisy', duration: 'a while' }, { id: card.messageId }));
    expect(contentOf(badDuration)).toContain('1d, 7d, 30d, forever or a date YYYY-MM-DD');
    const pastDate = await world.interact(modalSubmitInteraction(where, String(modal.custom_id), { reason: 'noisy', duration: '2001-01-01' }, { id: card.messageId }));
    expect(contentOf(pastDate)).toContain('Pick a date in the future.');
    expect(await version(card.alertId)).toBe(1);

    const done = await world.interact(modalSubmitInteraction(where, String(modal.custom_id), { reason: 'known test bucket', duration: '30d' }, { id: card.messageId }));
    expect(done.json?.type).toBe(7);
    expect(json(dataOf(done).embeds)).toContain('Suppressed until <t:');
    const alert = await getAlert(world.db, card.alertId);
    expect(alert).toMatchObject({ state: 'suppressed', reason: 'known test bucket', version: 2 });
    expect(Math.round(((alert.suppressedUntil?.getTime() ?? 0) - Date.now()) / 86_400_000)).toBe(30);
    await waitFor(() => notesUnder(card).length === 1);
    expect(notesUnder(card)[0]?.content).toMatch(new RegExp(`^Suppressed by <@${RESPONDER}> until \\d{4}-\\d{2}-\\d{2}: known test bucket$`));
  });
});

describe('lists, digests and deferred answers', () => {
  it('lists alerts with their buttons within Discord limits; a click there answers privately and the card is refreshed', async () => {
    const listed = await integration('dlist');
    const channel = '700000000000000030';
    await command('subscribe', { integration: 'dlist' }, channel, ADMIN);
    await scanFromChat('dlist', Array.from({ length: 6 }, (_, i) => ({ checkId: PUBLIC_ACL, resourceId: `arn:aws:s3:::dlist-${i}` })));
    const cards = await cardsOf(listed.id, channel, 6);

    const list = await command('alerts', { state: 'open' }, channel);
    const data = dataOf(list);
    expect(data.flags).toBe(EPHEMERAL);
    // A full page: five alerts, the Next page button sharing the last row.
    expect((data.embeds as unknown[]).length).toBe(5);
    expect((data.components as unknown[]).length).toBeLessThanOrEqual(5);
    const ids = customIds(data.components);
    expect(ids.at(-1)).toMatch(/^page:alerts open page 2$/);
    const target = cards.find((c) => ids.includes(`list:acknowledge:${c.alertId}:1`));
    if (!target) throw new Error('no listed card');

    const next = await world.interact(buttonInteraction(at(GUILD, channel, RESPONDER), pageComponentId('alerts open page 2') ?? '', { id: '1', ephemeral: true }));
    expect(dataOf(next).flags).toBe(EPHEMERAL);
    expect(contentOf(next)).toMatch(/Alerts open\*\* — 6–/);
    expect(contentOf(next)).not.toContain('not shown here');

    const acked = await world.interact(buttonInteraction(at(GUILD, channel, RESPONDER), `list:acknowledge:${target.alertId}:1`, { id: '2', ephemeral: true }));
    expect(acked.json?.type).toBe(4);
    expect(dataOf(acked)).toMatchObject({ flags: EPHEMERAL, content: `Acknowledged by <@${RESPONDER}>` });
    // The card in the channel is brought up to date by the refresh job, with its note.
    await waitFor(() => messageOf(target).edits === 1 && notesUnder(target).length === 1, 15_000);
    expect(json(messageOf(target).embeds)).toContain('Acknowledged by');
  });

  it('defers what takes longer than the deadline and finishes through the original response', async () => {
    const card = await oneCard('ddefer', '700000000000000031');
    const config = loadConfig({ ...world.discordEnv, CLOUDSENTINEL_ADMINS: `discord:${ADMIN}`, CLOUDSENTINEL_DATA_DIR: '/nonexistent' });
    const slow = createDiscordApp({
      db: world.db,
      queue: world.service.queue,
      config,
      discord: discordConfig(),
      keyring: world.service.keyring,
      logger: createLogger('silent'),
      bodyLimit: '1mb',
      deadlineMs: 0,
    });
    const server: Server = express().use(slow.router).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const token = interactionToken();
      const deferred = await postInteraction(baseUrl, commandInteraction(at(GUILD, card.channelId, RESPONDER), 'help', {}, token), world.keys);
      expect(deferred.json).toEqual({ type: 5, data: { flags: EPHEMERAL } });
      await waitFor(() => world.discord.interactionMessages(token).original !== null);
      expect(world.discord.interactionMessages(token).original?.content).toContain('`/sentinel scan <integration>`');
      const patch = world.discord.callsTo('PATCH', new RegExp(`^/webhooks/${world.discord.applicationId}/${token}/messages/@original$`));
      expect(patch).toHaveLength(1);

      const channelVisible = await postInteraction(baseUrl, commandInteraction(at(GUILD, card.channelId, ADMIN), 'subscribe', { integration: 'ddefer', min_severity: 'low' }), world.keys);
      expect(channelVisible.json).toEqual({ type: 5, data: {} });

      const clickToken = interactionToken();
      const customId = alertComponentId('card', 'acknowledge', { id: card.alertId, version: 1 }) ?? '';
      const click6 = await postInteraction(baseUrl, buttonInteraction(at(GUILD, card.channelId, RESPONDER), customId, { id: card.messageId }, clickToken), world.keys);
      expect(click6.json).toEqual({ type: 6 });
      await waitFor(() => world.discord.callsTo('PATCH', new RegExp(`^/webhooks/\\d+/${clickToken}/messages/@original$`)).length === 1);
      const edit = world.discord.callsTo('PATCH', new RegExp(`^/webhooks/\\d+/${clickToken}/messages/@original$`))[0];
      expect(json(edit?.body)).toContain('Acknowledged by');
      await waitFor(() => notesUnder(card).length === 1);

      // A modal cannot be deferred: the suppress button still opens one at once.
      const modal = await postInteraction(baseUrl, buttonInteraction(at(GUILD, card.channelId, RESPONDER), alertComponentId('card', 'suppress', { id: card.alertId, version: 2 }) ?? '', { id: card.messageId }), world.keys);
      expect(modal.json?.type).toBe(9);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('secrets', () => {
  it('never writes the bot token to the log, even when Discord refuses a call', async () => {
    const card = await oneCard('dsecret', '700000000000000040');
    world.discord.fail({ method: 'POST', path: new RegExp(`^/channels/${card.channelId}/messages$`) }, 401, 1);
    await click(card, 'acknowledge', 1);
    await waitFor(() => world.discord.calls.some((c) => c.status === 401));
    await settle(500);
    expect(logLines.length).toBeGreaterThan(10);
    const all = logLines.join('\n');
    expect(all).not.toContain(world.discord.botToken);
    expect(all).not.toContain(world.discord.botToken.split('.')[2]);
  });
});
