/**
 * Real Slack requests for a Bolt app at `POST /slack/events`: slash commands, block_actions and
 * view_submission interactions, Events API envelopes and URL verification, in the shapes and
 * encodings Slack sends (typed as Bolt's own payload types, so a drift shows up in tsc), signed
 * with the v0 HMAC scheme Bolt verifies.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { BlockAction, ButtonAction, SlashCommand, types, UsersSelectAction, ViewSubmitAction } from '@slack/bolt';
import { SLACK_FAKE_DEFAULTS } from '../fakes/slack.js';

export interface SlackSignedHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
  'content-type': string;
}

/** The deprecated verification token Slack still puts in payloads; Bolt ignores it. */
const VERIFICATION_TOKEN = 'fake-verification-token';
const { appId: APP_ID, botUserId: BOT_USER_ID } = SLACK_FAKE_DEFAULTS;

let serial = 0;
const nowSeconds = () => Math.floor(Date.now() / 1000);
/** `1700000000.123456`-style action and event timestamps. */
const slackTs = () => `${nowSeconds()}.${String((serial += 1) % 1_000_000).padStart(6, '0')}`;
const domainOf = (teamId: string) => `team-${teamId.toLowerCase()}`;

/** A fresh trigger_id in Slack's `<digits>.<digits>.<hex>` form; each opens one view. */
export function triggerId(): string {
  serial += 1;
  return `${Date.now()}${serial}.1234567890123.${randomBytes(16).toString('hex')}`;
}

/** Headers Slack sends with a body: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>` under the signing secret. */
export function signSlack(secret: string, rawBody: string, timestampSeconds: number = nowSeconds()): SlackSignedHeaders {
  const signature = createHmac('sha256', secret).update(`v0:${timestampSeconds}:${rawBody}`).digest('hex');
  return {
    'x-slack-signature': `v0=${signature}`,
    'x-slack-request-timestamp': String(timestampSeconds),
    // Events API bodies are JSON; commands and interactions are form-encoded.
    'content-type': rawBody.startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded',
  };
}

export interface SlashCommandInput {
  teamId: string;
  userId: string;
  channelId: string;
  text: string;
  responseUrl: string;
  triggerId?: string;
  command?: string;
  channelName?: string;
  userName?: string;
  teamDomain?: string;
}

/** The fields of a slash command, as Bolt hands them to `app.command` listeners. */
export function slashCommand(input: SlashCommandInput): SlashCommand {
  return {
    token: VERIFICATION_TOKEN,
    team_id: input.teamId,
    team_domain: input.teamDomain ?? domainOf(input.teamId),
    channel_id: input.channelId,
    channel_name: input.channelName ?? 'general',
    user_id: input.userId,
    user_name: input.userName ?? `user-${input.userId.toLowerCase()}`,
    command: input.command ?? '/sentinel',
    text: input.text,
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId ?? triggerId(),
  };
}

/** A slash command's form-encoded body, fields in the order Slack sends them. */
export function slashCommandBody(input: SlashCommandInput): string {
  return new URLSearchParams(Object.entries(slashCommand(input)).filter((entry): entry is [string, string] => typeof entry[1] === 'string')).toString();
}

/** An interaction's body: `payload=<url-encoded JSON>`. */
export function interactionBody(payload: object): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface BlockActionsInput {
  teamId: string;
  userId: string;
  channelId: string;
  messageTs: string;
  actionId: string;
  responseUrl: string;
  /** A button's value. */
  value?: string;
  /** Makes the action a users_select choice instead of a button click. */
  selectedUser?: string;
  triggerId?: string;
  blockId?: string;
  /** The clicked message's content, as Slack echoes it back. */
  messageText?: string;
  messageBlocks?: unknown[];
  /** A click on an ephemeral message: Slack sends no `message` then. */
  isEphemeral?: boolean;
}

/** A `block_actions` payload for one button click or users_select choice on a message. */
export function blockActionsPayload(input: BlockActionsInput): BlockAction<ButtonAction | UsersSelectAction> {
  const base = { block_id: input.blockId ?? 'fake-block', action_id: input.actionId, action_ts: slackTs() };
  const action: ButtonAction | UsersSelectAction =
    input.selectedUser !== undefined
      ? { ...base, type: 'users_select', selected_user: input.selectedUser }
      : { ...base, type: 'button', text: { type: 'plain_text', text: input.actionId, emoji: true }, ...(input.value !== undefined ? { value: input.value } : {}) };
  const ephemeral = input.isEphemeral ?? false;
  return {
    type: 'block_actions',
    user: { id: input.userId, username: `user-${input.userId.toLowerCase()}`, name: `user-${input.userId.toLowerCase()}`, team_id: input.teamId },
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    container: { type: 'message', message_ts: input.messageTs, channel_id: input.channelId, is_ephemeral: ephemeral },
    trigger_id: input.triggerId ?? triggerId(),
    team: { id: input.teamId, domain: domainOf(input.teamId) },
    is_enterprise_install: false,
    channel: { id: input.channelId, name: 'general' },
    ...(ephemeral
      ? {}
      : {
          message: {
            type: 'message' as const,
            user: BOT_USER_ID,
            ts: input.messageTs,
            bot_id: SLACK_FAKE_DEFAULTS.botId,
            app_id: APP_ID,
            text: input.messageText ?? '',
            team: input.teamId,
            blocks: input.messageBlocks ?? [],
          },
        }),
    state: { values: {} },
    response_url: input.responseUrl,
    actions: [action],
  };
}

export interface ViewSubmissionInput {
  teamId: string;
  userId: string;
  callbackId: string;
  privateMetadata: string;
  /** block_id → action_id → value, e.g. `{ reason: { reason: { type: 'plain_text_input', value: 'accepted' } } }`. */
  values: ViewSubmitAction['view']['state']['values'];
  viewId?: string;
  triggerId?: string;
}

/** A `view_submission` payload for a modal's Submit. */
export function viewSubmissionPayload(input: ViewSubmissionInput): ViewSubmitAction {
  const viewId = input.viewId ?? `V${String((serial += 1)).padStart(10, '0')}`;
  // Slack sends `username` too, which Bolt's type leaves out.
  const user = { id: input.userId, username: `user-${input.userId.toLowerCase()}`, name: `user-${input.userId.toLowerCase()}`, team_id: input.teamId };
  return {
    type: 'view_submission',
    team: { id: input.teamId, domain: domainOf(input.teamId) },
    user,
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    trigger_id: input.triggerId ?? triggerId(),
    view: {
      id: viewId,
      team_id: input.teamId,
      type: 'modal',
      blocks: [],
      private_metadata: input.privateMetadata,
      callback_id: input.callbackId,
      state: { values: input.values },
      hash: `${nowSeconds()}.fakehash`,
      title: { type: 'plain_text', text: 'CloudSentinel', emoji: true },
      clear_on_close: false,
      notify_on_close: false,
      close: { type: 'plain_text', text: 'Cancel', emoji: true },
      submit: { type: 'plain_text', text: 'Submit', emoji: true },
      previous_view_id: null,
      root_view_id: viewId,
      app_id: APP_ID,
      external_id: '',
      app_installed_team_id: input.teamId,
      bot_id: SLACK_FAKE_DEFAULTS.botId,
    },
    response_urls: [],
    is_enterprise_install: false,
  };
}

/** An `app_home_opened` event (the Home tab unless told otherwise). */
export function appHomeOpenedEvent(input: { userId: string; channelId?: string; tab?: 'home' | 'messages' }): types.AppHomeOpenedEvent {
  return { type: 'app_home_opened', user: input.userId, channel: input.channelId ?? `D${input.userId.slice(1)}`, tab: input.tab ?? 'home', event_ts: slackTs() };
}

export interface EventBodyInput {
  teamId: string;
  event: { type: string };
  /** The bot user the event is authorised for. */
  botUserId?: string;
  eventId?: string;
}

/** An Events API `event_callback` envelope, as the JSON body Slack posts. */
export function eventBody(input: EventBodyInput): string {
  serial += 1;
  return JSON.stringify({
    token: VERIFICATION_TOKEN,
    team_id: input.teamId,
    api_app_id: APP_ID,
    event: input.event,
    type: 'event_callback',
    event_id: input.eventId ?? `Ev${String(serial).padStart(9, '0')}`,
    event_time: nowSeconds(),
    authorizations: [{ enterprise_id: null, team_id: input.teamId, user_id: input.botUserId ?? BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-fake-${serial}`,
  });
}

/** The challenge Slack posts when an Events request URL is saved. */
export function urlVerificationBody(challenge: string): string {
  return JSON.stringify({ token: VERIFICATION_TOKEN, challenge, type: 'url_verification' });
}

export interface SlackHttpResult {
  status: number;
  headers: Headers;
  text: string;
  /** The answer parsed as JSON (throws on an empty or non-JSON answer). */
  json<T = unknown>(): T;
}

/**
 * POSTs a body to `${baseUrl}/slack/events`, signed with `secret`, as Slack would. `extraHeaders` go
 * on top (e.g. `x-slack-retry-num`, or a stale `x-slack-request-timestamp`).
 */
export async function postSlack(baseUrl: string, secret: string, body: string, extraHeaders: Record<string, string> = {}): Promise<SlackHttpResult> {
  const response = await fetch(`${baseUrl.replace(/\/$/, '')}/slack/events`, {
    method: 'POST',
    headers: { ...signSlack(secret, body), 'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)', ...extraHeaders },
    body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: <T>() => JSON.parse(text) as T };
}
