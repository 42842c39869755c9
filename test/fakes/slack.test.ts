/**
 * The fake Slack and the request helpers, checked against the real clients they stand in for: the
 * Web API through @slack/web-api's WebClient (as Bolt re-exports it), and the signed requests through
 * Bolt's own verification and a real Bolt app on an ExpressReceiver.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ExpressReceiver, isValidSlackRequest, LogLevel, verifySlackRequest, webApi } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from './slack.js';
import {
  appHomeOpenedEvent,
  blockActionsPayload,
  eventBody,
  interactionBody,
  postSlack,
  signSlack,
  slashCommandBody,
  urlVerificationBody,
  viewSubmissionPayload,
} from '../helpers/slack.js';

const SECRET = 'test-signing-secret';
const TOKEN = 'xoxb-test-token';
const BLOCKS = [{ type: 'section', text: { type: 'mrkdwn', text: '*Public bucket* `logs`' } }];
/** Retries without backoff of its own, so any wait measured is the Retry-After pause. */
const FAST_RETRIES = webApi.retryPolicies.rapidRetryPolicy;

/** A WebClient on the fake; `null` for one without a token (oauth.v2.access). */
function client(fake: FakeSlack, token: string | null = TOKEN, options: webApi.WebClientOptions = {}): webApi.WebClient {
  return new webApi.WebClient(token ?? undefined, { slackApiUrl: fake.url, logLevel: webApi.LogLevel.ERROR, retryConfig: FAST_RETRIES, ...options });
}

describe('fake Slack Web API', () => {
  let fake: FakeSlack;
  beforeEach(async () => {
    fake = await startFakeSlack({ teamId: 'T0001', botUserId: 'U0BOT' });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('serves under /api/ and answers auth.test as the bot', async () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    const auth = await client(fake).auth.test();
    expect(auth).toMatchObject({ ok: true, team_id: 'T0001', user_id: 'U0BOT', bot_id: fake.botId });
    expect(fake.calls).toEqual([{ method: 'auth.test', token: TOKEN, body: expect.any(Object) as unknown, at: expect.any(Number) as unknown }]);
  });

  it('records postMessage then update with their blocks decoded', async () => {
    const slack = client(fake);
    const posted = await slack.chat.postMessage({ channel: 'C1', text: 'Public bucket', blocks: BLOCKS });
    expect(posted).toMatchObject({ ok: true, channel: 'C1', message: { text: 'Public bucket', user: 'U0BOT', blocks: BLOCKS } });
    expect(posted.ts).toMatch(/^\d{10}\.\d{6}$/);
    const updatedBlocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'Acknowledged' } }];
    const updated = await slack.chat.update({ channel: 'C1', ts: posted.ts ?? '', text: 'Acknowledged', blocks: updatedBlocks });
    expect(updated).toMatchObject({ ok: true, channel: 'C1', ts: posted.ts });

    expect(fake.calls.map((call) => call.method)).toEqual(['chat.postMessage', 'chat.update']);
    const [post, update] = fake.calls;
    expect(post?.token).toBe(TOKEN);
    expect(post?.body).toMatchObject({ channel: 'C1', text: 'Public bucket', blocks: BLOCKS });
    expect(update?.body).toMatchObject({ channel: 'C1', ts: posted.ts, blocks: updatedBlocks });
    expect(fake.message('C1', posted.ts ?? '')).toMatchObject({ text: 'Acknowledged', blocks: updatedBlocks, updates: 1 });
  });

  it('gives each message a unique, increasing ts and answers DMs with the DM channel', async () => {
    const slack = client(fake);
    const first = await slack.chat.postMessage({ channel: 'C1', text: 'one' });
    const second = await slack.chat.postMessage({ channel: 'U0456', text: 'two' });
    const ephemeral = await slack.chat.postEphemeral({ channel: 'C1', user: 'U0456', text: 'only you' });
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(Number(ephemeral.message_ts)).toBeGreaterThan(Number(second.ts));
    expect(second.channel).toBe('D0456');
    await expect(slack.chat.postMessage({ channel: 'C1', text: '' })).rejects.toMatchObject({ data: { ok: false, error: 'no_text' } });
  });

  it('reads JSON bodies too', async () => {
    const response = await fetch(`${fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: 'C1', text: 'hi', blocks: BLOCKS }),
    });
    expect(await response.json()).toMatchObject({ ok: true, channel: 'C1' });
    expect(fake.callsTo('chat.postMessage')[0]?.body).toMatchObject({ blocks: BLOCKS });
  });

  it('throttles with 429 + Retry-After, which WebClient waits out and retries', async () => {
    fake.throttle('chat.postMessage', 1, 1);
    const started = Date.now();
    const posted = await client(fake).chat.postMessage({ channel: 'C1', text: 'after the pause' });
    expect(posted.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.throttled).toBe(1);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    const [throttled] = fake.throttledCalls;
    const [answered] = fake.calls;
    expect((answered?.at ?? 0) - (throttled?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('surfaces the rate limit when WebClient is told to reject rate-limited calls', async () => {
    fake.throttle('chat.update', 1, 1);
    const slack = client(fake, TOKEN, { rejectRateLimitedCalls: true });
    await expect(slack.chat.update({ channel: 'C1', ts: '1700000000.000100', text: 'x' })).rejects.toMatchObject({
      code: webApi.ErrorCode.RateLimitedError,
      retryAfter: 1,
    });
    expect(fake.throttled).toBe(1);
    expect(fake.calls).toHaveLength(0);
  });

  it('rejects tokens outside validTokens, but accepts the tokens it issued through OAuth', async () => {
    fake.validTokens.add(TOKEN);
    await expect(client(fake, 'xoxb-wrong').auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    await expect(client(fake, null).chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({ data: { error: 'not_authed' } });
    expect(fake.calls.map((call) => [call.method, call.token])).toEqual([
      ['auth.test', 'xoxb-wrong'],
      ['chat.postMessage', null],
    ]);

    fake.nextOAuthTeam = { id: 'T0NEW', name: 'New Co' };
    const access = await client(fake, null).oauth.v2.access({ client_id: 'cid', client_secret: 'secret', code: 'code-1' });
    expect(access).toMatchObject({ ok: true, access_token: 'xoxb-fake-T0NEW', token_type: 'bot', bot_user_id: 'U0BOT', team: { id: 'T0NEW', name: 'New Co' } });
    expect(access.scope?.split(',')).toContain('commands');
    expect(await client(fake, 'xoxb-fake-T0NEW').auth.test()).toMatchObject({ team_id: 'T0NEW' });
    await expect(client(fake, null).oauth.v2.access({ client_id: 'cid', client_secret: 'secret', code: 'code-1' })).rejects.toMatchObject({
      data: { error: 'invalid_code' },
    });
  });

  it('installs each OAuth code into its own team', async () => {
    fake.oauthCodes.set('a', { id: 'T0A', name: 'A' });
    fake.oauthCodes.set('b', { id: 'T0B', name: 'B' });
    const noToken = client(fake, null);
    const [a, b, own] = await Promise.all(['a', 'b', 'c'].map((code) => noToken.oauth.v2.access({ client_id: 'cid', client_secret: 's', code })));
    expect([a?.team?.id, b?.team?.id, own?.team?.id]).toEqual(['T0A', 'T0B', 'T0001']);
  });

  it('fails the next calls on demand, then recovers', async () => {
    fake.fail('chat.update', 'message_not_found', 2);
    const slack = client(fake);
    for (let i = 0; i < 2; i += 1) {
      await expect(slack.chat.update({ channel: 'C1', ts: '1.2', text: 'x' })).rejects.toMatchObject({ data: { error: 'message_not_found' } });
    }
    expect((await slack.chat.update({ channel: 'C1', ts: '1.2', text: 'x' })).ok).toBe(true);
    expect(fake.callsTo('chat.update')).toHaveLength(3);
  });

  it('answers unknown methods with unknown_method, and records them', async () => {
    await expect(client(fake).apiCall('reactions.add', { channel: 'C1', name: 'eyes' })).rejects.toMatchObject({ data: { error: 'unknown_method' } });
    expect(fake.callsTo('reactions.add')[0]?.body).toMatchObject({ channel: 'C1', name: 'eyes' });
  });

  it('opens, updates and publishes views; a trigger_id opens one view only', async () => {
    const slack = client(fake);
    const modal = { type: 'modal' as const, callback_id: 'suppress', private_metadata: '{"a":1}', title: { type: 'plain_text' as const, text: 'Suppress' }, blocks: [] };
    const opened = await slack.views.open({ trigger_id: 'trig-1', view: modal });
    expect(opened.view).toMatchObject({ type: 'modal', callback_id: 'suppress', private_metadata: '{"a":1}', team_id: 'T0001' });
    expect(fake.callsTo('views.open')[0]?.body.view).toEqual(modal);
    await expect(slack.views.open({ trigger_id: 'trig-1', view: modal })).rejects.toMatchObject({ data: { error: 'exchanged_trigger_id' } });

    const id = opened.view?.id ?? '';
    const updated = await slack.views.update({ view_id: id, hash: opened.view?.hash ?? '', view: { ...modal, private_metadata: 'b' } });
    expect(updated.view).toMatchObject({ id, root_view_id: id, private_metadata: 'b' });
    await expect(slack.views.update({ view_id: id, hash: opened.view?.hash ?? '', view: modal })).rejects.toMatchObject({ data: { error: 'hash_conflict' } });

    const home = await slack.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [] } });
    expect(home.view).toMatchObject({ type: 'home', id: expect.stringMatching(/^V/) as unknown });
  });

  it('describes users and channels, with overrides', async () => {
    fake.users.set('U2', { real_name: 'Ada Lovelace', tz: 'Asia/Kolkata' });
    const slack = client(fake);
    expect((await slack.users.info({ user: 'U1' })).user).toMatchObject({ id: 'U1', name: 'user-u1', tz: 'UTC', tz_offset: 0 });
    expect((await slack.users.info({ user: 'U2' })).user).toMatchObject({ real_name: 'Ada Lovelace', tz: 'Asia/Kolkata', tz_offset: 19_800 });
    expect((await slack.conversations.info({ channel: 'G1' })).channel).toMatchObject({ id: 'G1', is_private: true, is_member: true });
    expect((await slack.chat.getPermalink({ channel: 'C1', message_ts: '1700000000.000100' })).permalink).toMatch(/\/archives\/C1\/p1700000000000100$/);
  });

  it('records what is posted to a response_url', async () => {
    const url = fake.responseUrl('cmd-1');
    expect(url).toBe(`${fake.origin}/response/cmd-1`);
    const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ response_type: 'ephemeral', text: 'done' }) });
    expect(await answer.json()).toEqual({ ok: true });
    const [response] = await fake.waitForResponses(1);
    expect(response).toMatchObject({ id: 'cmd-1', body: { response_type: 'ephemeral', text: 'done' } });
    expect(fake.responsesTo('cmd-1')).toHaveLength(1);
    expect(fake.responseUrl()).not.toBe(fake.responseUrl());
  });

  it('waits for calls that come later, and says what it saw when they do not come', async () => {
    const slack = client(fake);
    const waiting = fake.waitFor('chat.postMessage', 2);
    await slack.auth.test();
    await slack.chat.postMessage({ channel: 'C1', text: '1' });
    setTimeout(() => void slack.chat.postMessage({ channel: 'C1', text: '2' }), 20);
    expect(await waiting).toHaveLength(2);
    await expect(fake.waitFor('chat.update', 1, 50)).rejects.toThrow(
      'fake Slack: expected 1 call(s) to chat.update, got 0 (calls so far: auth.test, chat.postMessage, chat.postMessage) within 50 ms',
    );
  });
});

describe('signed request helpers', () => {
  const command = { teamId: 'T0001', userId: 'U0456', channelId: 'C0789', text: 'scan prod', responseUrl: 'https://hooks.slack.com/commands/T0001/1/x' };

  it('signs so that Bolt verifies the request', () => {
    const body = slashCommandBody(command);
    const headers = signSlack(SECRET, body);
    const verification = { 'x-slack-signature': headers['x-slack-signature'], 'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp']) };
    expect(() => verifySlackRequest({ signingSecret: SECRET, body, headers: verification })).not.toThrow();
    expect(isValidSlackRequest({ signingSecret: 'other-secret', body, headers: verification })).toBe(false);
    expect(isValidSlackRequest({ signingSecret: SECRET, body: `${body}&x=1`, headers: verification })).toBe(false);
    expect(headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(signSlack(SECRET, urlVerificationBody('c'))['content-type']).toBe('application/json');
  });

  it('rejects a signature older than five minutes, as Bolt does', () => {
    const body = slashCommandBody(command);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const headers = signSlack(SECRET, body, stale);
    expect(isValidSlackRequest({ signingSecret: SECRET, body, headers: { 'x-slack-signature': headers['x-slack-signature'], 'x-slack-request-timestamp': stale } })).toBe(false);
  });

  it("encodes a slash command with Slack's fields", () => {
    const fields = Object.fromEntries(new URLSearchParams(slashCommandBody({ ...command, triggerId: 'trig' })));
    expect(fields).toMatchObject({
      team_id: 'T0001',
      user_id: 'U0456',
      channel_id: 'C0789',
      command: '/sentinel',
      text: 'scan prod',
      response_url: command.responseUrl,
      trigger_id: 'trig',
      is_enterprise_install: 'false',
    });
    expect(Object.keys(fields)).toEqual(['token', 'team_id', 'team_domain', 'channel_id', 'channel_name', 'user_id', 'user_name', 'command', 'text', 'api_app_id', 'is_enterprise_install', 'response_url', 'trigger_id']);
  });

  it('wraps an interaction payload as payload=<JSON>', () => {
    const payload = blockActionsPayload({ teamId: 'T0001', userId: 'U1', channelId: 'C1', messageTs: '1.2', actionId: 'ack', value: 'a & b', responseUrl: 'https://x/r' });
    const body = interactionBody(payload);
    expect(body.startsWith('payload=%7B')).toBe(true);
    expect(JSON.parse(new URLSearchParams(body).get('payload') ?? '')).toEqual(payload);
  });
});

describe('a Bolt app receiving the helpers’ requests', () => {
  let fake: FakeSlack;
  let server: Server;
  let base: string;
  const seen: Record<string, unknown> = {};

  beforeAll(async () => {
    fake = await startFakeSlack({ teamId: 'T0001' });
    const receiver = new ExpressReceiver({ signingSecret: SECRET, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
    const app = new App({ receiver, token: TOKEN, tokenVerificationEnabled: false, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: fake.url } });
    app.command('/sentinel', async ({ command, ack, respond }) => {
      await ack();
      seen.command = command;
      await respond({ response_type: 'ephemeral', text: `ran ${command.text}` });
    });
    app.action('ack', async ({ ack, action, body, client: slack }) => {
      await ack();
      seen.button = action;
      if (body.type === 'block_actions' && body.container.message_ts) {
        await slack.chat.update({ channel: body.container.channel_id as string, ts: body.container.message_ts as string, text: 'Acknowledged' });
      }
    });
    app.action('assign', async ({ ack, action }) => {
      await ack();
      seen.picker = action;
    });
    app.view('suppress', async ({ ack, view }) => {
      seen.view = view;
      await ack({ response_action: 'errors', errors: { reason: 'Say why.' } });
    });
    app.event('app_home_opened', async ({ event, client: slack }) => {
      await slack.views.publish({ user_id: event.user, view: { type: 'home', blocks: [] } });
    });
    server = await new Promise<Server>((resolve) => {
      const s = receiver.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await fake.close();
  });

  it('answers URL verification', async () => {
    const result = await postSlack(base, SECRET, urlVerificationBody('challenge-1'));
    expect(result.status).toBe(200);
    expect(result.json()).toEqual({ challenge: 'challenge-1' });
  });

  it('refuses a request signed with another secret', async () => {
    const result = await postSlack(base, 'wrong-secret', slashCommandBody({ teamId: 'T0001', userId: 'U1', channelId: 'C1', text: 'help', responseUrl: fake.responseUrl() }));
    expect(result.status).toBe(401);
  });

  it('runs a slash command, which responds through the response_url', async () => {
    const responseUrl = fake.responseUrl('slash');
    const result = await postSlack(base, SECRET, slashCommandBody({ teamId: 'T0001', userId: 'U1', channelId: 'C1', text: 'scan prod', responseUrl }));
    expect(result.status).toBe(200);
    await fake.waitForResponses(1);
    expect(fake.responsesTo('slash')[0]?.body).toMatchObject({ response_type: 'ephemeral', text: 'ran scan prod' });
    expect(seen.command).toMatchObject({ command: '/sentinel', team_id: 'T0001', user_id: 'U1', channel_id: 'C1' });
  });

  it('routes a button click and a users_select choice by action_id', async () => {
    const click = blockActionsPayload({ teamId: 'T0001', userId: 'U1', channelId: 'C1', messageTs: '1700000000.000100', actionId: 'ack', value: 'alert-1:3', responseUrl: fake.responseUrl() });
    expect((await postSlack(base, SECRET, interactionBody(click))).status).toBe(200);
    const [update] = await fake.waitFor('chat.update', 1);
    expect(update?.body).toMatchObject({ channel: 'C1', ts: '1700000000.000100', text: 'Acknowledged' });
    expect(seen.button).toMatchObject({ type: 'button', action_id: 'ack', value: 'alert-1:3' });

    const pick = blockActionsPayload({ teamId: 'T0001', userId: 'U1', channelId: 'C1', messageTs: '1.2', actionId: 'assign', selectedUser: 'U9', blockId: 'assign|alert-1', responseUrl: fake.responseUrl() });
    expect((await postSlack(base, SECRET, interactionBody(pick))).status).toBe(200);
    expect(seen.picker).toMatchObject({ type: 'users_select', selected_user: 'U9', block_id: 'assign|alert-1' });
  });

  it('routes a view submission by callback_id and returns its ack in the HTTP answer', async () => {
    const payload = viewSubmissionPayload({
      teamId: 'T0001',
      userId: 'U1',
      callbackId: 'suppress',
      privateMetadata: '{"alertId":"a1"}',
      values: { reason: { reason: { type: 'plain_text_input', value: '' } } },
    });
    const result = await postSlack(base, SECRET, interactionBody(payload));
    expect(result.status).toBe(200);
    expect(result.json()).toEqual({ response_action: 'errors', errors: { reason: 'Say why.' } });
    expect(seen.view).toMatchObject({ callback_id: 'suppress', private_metadata: '{"alertId":"a1"}', state: { values: { reason: { reason: { value: '' } } } } });
  });

  it('delivers an app_home_opened event', async () => {
    const result = await postSlack(base, SECRET, eventBody({ teamId: 'T0001', event: appHomeOpenedEvent({ userId: 'U1' }) }));
    expect(result.status).toBe(200);
    const [publish] = await fake.waitFor('views.publish', 1);
    expect(publish?.body).toMatchObject({ user_id: 'U1', view: { type: 'home' } });
  });
});
