/**
 * One alert, every surface: the same service with Slack, Teams and Discord on, each against its
 * fake. An alert posted to a channel on each platform is acknowledged in Teams, resolved in Discord
 * and reopened in Slack; every other copy follows, each with one note, and the audit log has one
 * row per action. A Slack 429 holds back only Slack's copy: Teams and Discord update at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertComponentId } from '../../src/bot/discord/custom-ids.js';
import { ACTIONS } from '../../src/bot/slack/blocks.js';
import { VERBS } from '../../src/bot/teams/cards.js';
import { encodeAlertRef } from '../../src/bot/core/present.js';
import { listAlertMessages, type AlertMessage } from '../../src/store/alert-messages.js';
import { getAlert, listAlerts } from '../../src/store/alerts.js';
import { listAudit } from '../../src/store/audit.js';
import { ensureDefaultTenant } from '../../src/store/tenants.js';
import { startChatService, type ChatService } from '../helpers/chat-service.js';
import { buttonInteraction, commandInteraction } from '../helpers/discord.js';
import { messageActivity, invokeActivity, type TeamsWho } from '../helpers/teams.js';
import { waitFor } from '../helpers/wait.js';

const SLACK_CHANNEL = 'C0XPLAT';
const SLACK_USER = 'U0XPLAT';
const TEAMS: TeamsWho = { tenantId: 'b5a1c3e0-0000-4000-8000-00000000c0de', userId: 'aad-0000-xplat', conversationId: '19:xplat@thread.tacv2' };
const DISCORD = { guildId: '900000000000000777', channelId: '700000000000000777', userId: '800000000000000777' };
const BUCKET = 'arn:aws:s3:::cross-platform';

let world: ChatService;
let alertId: string;

beforeAll(async () => {
  world = await startChatService();
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

async function copies(): Promise<Map<string, AlertMessage>> {
  return new Map((await listAlertMessages(world.db, alertId)).map((m) => [m.platform, m]));
}

/** Waits until every copy shows `version`, and returns the copies. */
async function allShow(version: number, timeoutMs = 15_000): Promise<Map<string, AlertMessage>> {
  await waitFor(async () => [...(await copies()).values()].every((m) => m.renderedVersion >= version), timeoutMs, 50);
  return copies();
}

const slackUpdatesOf = (ts: string) => world.fake.callsTo('chat.update').filter((c) => c.body.ts === ts);
const teamsUpdatesOf = (id: string) => world.teams.calls.filter((c) => c.kind === 'update' && c.activityId === id && c.status < 300);
const discordEditsOf = (id: string) => world.discord.calls.filter((c) => c.method === 'PATCH' && c.path.endsWith(`/messages/${id}`) && c.status < 300);

describe('one alert on Slack, Teams and Discord', () => {
  it('posts the alert to a subscribed channel on each platform', async () => {
    expect((await world.command('subscribe prod', { userId: SLACK_USER, channelId: SLACK_CHANNEL })).status).toBe(200);
    expect((await world.sendTeams(messageActivity(world.teamsCtx, TEAMS, 'subscribe prod'))).status).toBeLessThan(300);
    expect((await world.interact(commandInteraction(DISCORD, 'subscribe', { integration: 'prod' }))).status).toBe(200);

    world.scanner.willFind([{ checkId: 'aws-s3-bucket-public-acl', resourceId: BUCKET }]);
    await world.command('scan prod', { userId: SLACK_USER, channelId: SLACK_CHANNEL });
    await waitFor(async () => (await listAlerts(world.db, { tenantId: (await ensureDefaultTenant(world.db)).id, limit: 5 })).length > 0, 20_000, 100);
    const [alert] = await listAlerts(world.db, { tenantId: (await ensureDefaultTenant(world.db)).id, limit: 5 });
    alertId = alert?.id ?? '';
    await waitFor(async () => (await copies()).size === 3, 20_000, 100);
    expect([...(await copies()).keys()].sort()).toEqual(['discord', 'slack', 'teams']);
  });

  it('acknowledged in Teams: the Slack and Discord copies follow, each with one note', async () => {
    const before = await copies();
    const teamsCard = before.get('teams') as AlertMessage;
    const answer = await world.sendTeams(invokeActivity(world.teamsCtx, TEAMS, { verb: VERBS.acknowledge, replyToId: teamsCard.messageId, data: { alertId, version: 1 } }));
    expect(answer.status).toBe(200);
    expect((await getAlert(world.db, alertId)).state).toBe('acknowledged');

    const after = await allShow(2);
    const slack = after.get('slack') as AlertMessage;
    const discord = after.get('discord') as AlertMessage;
    expect(JSON.stringify(world.fake.message(slack.channelId, slack.messageId)?.blocks)).toContain('Acknowledged');
    expect(JSON.stringify(world.discord.messages.get(discord.messageId)?.embeds)).toContain('Acknowledged');
    // One note under each copy: Slack's thread, Discord's reply, Teams' thread.
    await waitFor(() => world.fake.callsTo('chat.postMessage').some((c) => c.body.thread_ts === slack.messageId), 10_000, 50);
    expect(world.fake.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === slack.messageId && String(c.body.text).startsWith('Acknowledged by'))).toHaveLength(1);
    await waitFor(() => [...world.discord.messages.values()].some((m) => m.replyTo === discord.messageId), 10_000, 50);
    expect([...world.discord.messages.values()].filter((m) => m.replyTo === discord.messageId && m.content.startsWith('Acknowledged by'))).toHaveLength(1);
  });

  it('a Slack 429 holds back only Slack: resolved in Discord, Teams updates at once', async () => {
    const current = await copies();
    const slack = current.get('slack') as AlertMessage;
    const teams = current.get('teams') as AlertMessage;
    const discord = current.get('discord') as AlertMessage;
    world.fake.throttle('chat.update', 1, 3);
    const teamsBefore = teamsUpdatesOf(teams.messageId).length;
    const slackBefore = slackUpdatesOf(slack.messageId).length;

    const started = Date.now();
    const clicked = await world.interact(buttonInteraction(DISCORD, alertComponentId('card', 'resolve', { id: alertId, version: 2 }) ?? '', { id: discord.messageId }));
    expect(clicked.status).toBe(200);
    await waitFor(() => teamsUpdatesOf(teams.messageId).length > teamsBefore, 10_000, 20);
    const teamsMs = Date.now() - started;
    await waitFor(() => slackUpdatesOf(slack.messageId).length > slackBefore, 15_000, 20);
    const slackMs = Date.now() - started;
    expect(teamsMs).toBeLessThan(2000);
    expect(slackMs).toBeGreaterThanOrEqual(3000);
    expect(world.fake.throttled).toBeGreaterThanOrEqual(1);
    await allShow(3);
    expect((await getAlert(world.db, alertId)).state).toBe('resolved');
    expect(discordEditsOf(discord.messageId).length).toBeGreaterThanOrEqual(1);
  });

  it('reopened in Slack: Teams and Discord follow, and the audit log has each action once, by its platform\'s user', async () => {
    const slack = (await copies()).get('slack') as AlertMessage;
    const clicked = await world.click({ userId: SLACK_USER, channelId: slack.channelId, messageTs: slack.messageId, actionId: ACTIONS.reopen, value: encodeAlertRef({ id: alertId, version: 3 }) });
    expect(clicked.status).toBe(200);
    const after = await allShow(4);
    expect((await getAlert(world.db, alertId)).state).toBe('open');
    const teams = after.get('teams') as AlertMessage;
    expect(JSON.stringify(world.teams.activity(teams.channelId, teams.messageId)?.body)).toContain('Acknowledge');

    const audit = (await listAudit(world.db, { targetType: 'alert', targetId: alertId })).filter((a) => a.action.startsWith('alert.'));
    expect(audit.map((a) => [a.action, a.actor.split(':')[0]]).reverse()).toEqual([
      ['alert.opened', 'scan'],
      ['alert.acknowledge', 'teams'],
      ['alert.resolve', 'discord'],
      ['alert.reopen', 'slack'],
    ]);
  });
});
