/**
 * A fake Slack: one HTTP server on 127.0.0.1 that the real @slack/web-api WebClient (and Bolt, through
 * `clientOptions.slackApiUrl`) reaches at `<url><method>`. It reads requests the way Slack does —
 * form-encoded or JSON bodies, JSON-valued fields (`blocks`, `view`, ...) decoded, the token from
 * `Authorization: Bearer` or the `token` field — records every call, and answers the methods
 * CloudSentinel uses in Slack's own shapes, with injectable throttling (HTTP 429 + Retry-After) and
 * errors. It also serves response_urls, recording what a `respond()` posts to them.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;

export interface SlackCall {
  method: string;
  /** From `Authorization: Bearer`, else the body's `token` field. */
  token: string | null;
  /** The request's fields; `blocks`, `attachments`, `view` and `metadata` decoded from JSON. */
  body: Json;
  /** `Date.now()` when the request arrived. */
  at: number;
}

/** What a handler posted to a response_url. */
export interface SlackResponseCall {
  id: string;
  body: Json;
  at: number;
}

export interface FakeTeam {
  id: string;
  name: string;
  /** `<domain>.slack.com`; default: the name, lower-cased and dashed. */
  domain?: string;
  /** Who installed the app (`authed_user.id` in oauth.v2.access). Default `U0INSTALLER`. */
  installerUserId?: string;
}

/** A message as it now reads, after chat.postMessage and any chat.update. */
export interface FakeMessage {
  channel: string;
  ts: string;
  text: string | null;
  blocks: unknown[] | null;
  threadTs: string | null;
  /** How many times chat.update changed it. */
  updates: number;
}

/** Overrides for users.info; unset fields are made up from the user id. */
export interface FakeUser {
  name?: string;
  real_name?: string;
  tz?: string;
  is_admin?: boolean;
  is_bot?: boolean;
  deleted?: boolean;
}

/** Overrides for conversations.info. */
export interface FakeChannel {
  name?: string;
  is_private?: boolean;
  is_member?: boolean;
  is_archived?: boolean;
}

export interface FakeSlackOptions {
  teamId?: string;
  teamName?: string;
  botUserId?: string;
}

export interface FakeSlack {
  /** `http://127.0.0.1:<port>/api/`: pass as `slackApiUrl` / SLACK_API_URL. */
  url: string;
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  team: Required<FakeTeam>;
  botUserId: string;
  botId: string;
  appId: string;
  /** Every call that was answered (errors included; throttled attempts are in `throttledCalls`). */
  calls: SlackCall[];
  /** Attempts answered with HTTP 429. */
  throttledCalls: SlackCall[];
  /** How many attempts were answered with HTTP 429. */
  readonly throttled: number;
  responses: SlackResponseCall[];
  /** Bot tokens accepted; empty accepts any. Tokens issued by oauth.v2.access are always accepted. */
  validTokens: Set<string>;
  /** The team the next oauth.v2.access installs into, unless its code is in `oauthCodes`; used once. */
  nextOAuthTeam: FakeTeam | null;
  /** OAuth code → the team it installs into. Unlisted codes install into `nextOAuthTeam` or this team. */
  oauthCodes: Map<string, FakeTeam>;
  users: Map<string, FakeUser>;
  channels: Map<string, FakeChannel>;
  callsTo(method: string): SlackCall[];
  /** Resolves with the method's calls once there are at least `count`. */
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<SlackCall[]>;
  /** Answers the next `times` calls of `method` with HTTP 429 and `Retry-After: retryAfterSeconds`. */
  throttle(method: string, times: number, retryAfterSeconds: number): void;
  /** Answers the next `times` calls of `method` with HTTP 200 `{ ok: false, error }`. */
  fail(method: string, error: string, times?: number): void;
  /** A URL to put in a payload's `response_url`; POSTs to it land in `responses`. */
  responseUrl(id?: string): string;
  responsesTo(id: string): SlackResponseCall[];
  waitForResponses(count: number, timeoutMs?: number): Promise<SlackResponseCall[]>;
  /** The message as it now reads (channel as answered by chat.postMessage). */
  message(channel: string, ts: string): FakeMessage | undefined;
  close(): Promise<void>;
}

/** The ids a fake answers with unless told otherwise; the request helpers use the same ones. */
export const SLACK_FAKE_DEFAULTS = {
  teamId: 'T0FAKETEAM',
  teamName: 'Fake Team',
  botUserId: 'U0FAKEBOT',
  botId: 'B0FAKEBOT',
  appId: 'A0FAKEAPP',
} as const;

/** The bot scopes the manifest asks for, as oauth.v2.access reports them. */
const BOT_SCOPES = 'commands,chat:write,chat:write.public,users:read,channels:read,groups:read,im:write,app_mentions:read';
/** Fields Slack takes as JSON inside a form body. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata']);
/** Methods called without a bot token. */
const NO_TOKEN = new Set(['oauth.v2.access']);

const err = (error: string): Json => ({ ok: false, error });
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const domainOf = (team: FakeTeam): string => team.domain ?? team.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

function decodeJsonFields(body: Json): Json {
  for (const [key, value] of Object.entries(body)) {
    if (!JSON_FIELDS.has(key) || typeof value !== 'string') continue;
    try {
      body[key] = JSON.parse(value) as unknown;
    } catch {
      // Left as sent: the handler answers invalid_arguments / invalid_blocks as Slack would.
    }
  }
  return body;
}

function parseBody(raw: string, contentType: string, query: URLSearchParams): Json {
  const body: Json = Object.fromEntries(query);
  if (contentType.startsWith('application/json')) {
    const parsed = raw === '' ? {} : (JSON.parse(raw) as unknown);
    if (isObject(parsed)) Object.assign(body, parsed);
  } else {
    Object.assign(body, Object.fromEntries(new URLSearchParams(raw)));
  }
  return decodeJsonFields(body);
}

function tokenOf(req: IncomingMessage, body: Json): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return bearer?.[1] ?? str(body.token);
}

/** The zone's UTC offset in seconds now, as users.info reports it in `tz_offset`. */
function tzOffset(tz: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
    .formatToParts(new Date())
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

interface Waiter {
  check(): boolean;
  stop(error: Error): void;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const teamId = options.teamId ?? SLACK_FAKE_DEFAULTS.teamId;
  const teamName = options.teamName ?? (options.teamId ? `Team ${teamId}` : SLACK_FAKE_DEFAULTS.teamName);
  const ownTeam: Required<FakeTeam> = { id: teamId, name: teamName, domain: domainOf({ id: teamId, name: teamName }), installerUserId: 'U0INSTALLER' };
  const botUserId = options.botUserId ?? SLACK_FAKE_DEFAULTS.botUserId;
  const { botId, appId } = SLACK_FAKE_DEFAULTS;

  const calls: SlackCall[] = [];
  const throttledCalls: SlackCall[] = [];
  const responses: SlackResponseCall[] = [];
  const throttles = new Map<string, { times: number; retryAfterSeconds: number }>();
  const failures = new Map<string, { times: number; error: string }>();
  const issuedTokens = new Map<string, FakeTeam>();
  const usedCodes = new Set<string>();
  const usedTriggers = new Set<string>();
  const messages = new Map<string, FakeMessage>();
  const views = new Map<string, Json>();
  const waiters = new Set<Waiter>();
  const users = new Map<string, FakeUser>();
  const channels = new Map<string, FakeChannel>();
  let serial = 0;
  let responseSerial = 0;

  /** `1700000000.000100`, `1700000000.000200`, ...: unique and increasing, like Slack's. */
  const nextTs = () => {
    serial += 1;
    const micros = serial * 100;
    return `${1_700_000_000 + Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  };
  const nextViewId = () => {
    serial += 1;
    return `V${String(serial).padStart(10, '0')}`;
  };
  const notify = () => {
    for (const waiter of waiters) if (waiter.check()) waiters.delete(waiter);
  };

  function waitUntil<T>(ready: () => T | null, describe: () => string, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`fake Slack: ${describe()} within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter = {
        check: () => {
          const value = ready();
          if (value === null) return false;
          clearTimeout(timer);
          resolve(value);
          return true;
        },
        stop: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      if (!waiter.check()) waiters.add(waiter);
    });
  }

  const teamOf = (token: string | null): FakeTeam => (token ? issuedTokens.get(token) : undefined) ?? ownTeam;
  /** Posting to a user id posts in the app's DM with them, and Slack answers with the DM's id. */
  const resolveChannel = (channel: string) => (/^[UW]/.test(channel) ? `D${channel.slice(1)}` : channel);
  const keyOf = (channel: string, ts: string) => `${channel}/${ts}`;

  function messageJson(message: FakeMessage, body: Json, token: string | null): Json {
    return {
      type: 'message',
      text: message.text ?? '',
      user: botUserId,
      bot_id: botId,
      app_id: appId,
      team: teamOf(token).id,
      ts: message.ts,
      ...(message.blocks ? { blocks: message.blocks } : {}),
      ...(Array.isArray(body.attachments) ? { attachments: body.attachments } : {}),
      ...(isObject(body.metadata) ? { metadata: body.metadata } : {}),
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    };
  }

  function viewJson(id: string, view: Json, token: string | null, previous: Json | undefined): Json {
    const team = teamOf(token).id;
    serial += 1;
    return {
      id,
      team_id: team,
      type: str(view.type) ?? 'modal',
      blocks: Array.isArray(view.blocks) ? view.blocks : [],
      private_metadata: str(view.private_metadata) ?? '',
      callback_id: str(view.callback_id) ?? '',
      state: { values: {} },
      hash: `1700000000.fake${serial}`,
      title: view.title ?? null,
      clear_on_close: view.clear_on_close === true,
      notify_on_close: view.notify_on_close === true,
      close: view.close ?? null,
      submit: view.submit ?? null,
      previous_view_id: null,
      root_view_id: previous?.root_view_id ?? id,
      app_id: appId,
      external_id: str(view.external_id) ?? '',
      app_installed_team_id: team,
      bot_id: botId,
    };
  }

  const handlers: Record<string, (call: SlackCall) => Json> = {
    'auth.test': ({ token }) => {
      const team = teamOf(token);
      return { ok: true, url: `https://${domainOf(team)}.slack.com/`, team: team.name, user: 'cloudsentinel', team_id: team.id, user_id: botUserId, bot_id: botId, is_enterprise_install: false };
    },
    'chat.postMessage': ({ body, token }) => {
      const channel = str(body.channel);
      if (!channel) return err('channel_not_found');
      const blocks = Array.isArray(body.blocks) ? body.blocks : null;
      if (!str(body.text) && !blocks && !Array.isArray(body.attachments)) return err('no_text');
      if (body.blocks !== undefined && !blocks) return err('invalid_blocks');
      const message: FakeMessage = { channel: resolveChannel(channel), ts: nextTs(), text: str(body.text), blocks, threadTs: str(body.thread_ts), updates: 0 };
      messages.set(keyOf(message.channel, message.ts), message);
      return { ok: true, channel: message.channel, ts: message.ts, message: messageJson(message, body, token) };
    },
    'chat.update': ({ body, token }) => {
      const channel = str(body.channel);
      const ts = str(body.ts);
      if (!channel) return err('channel_not_found');
      if (!ts) return err('message_not_found');
      if (body.blocks !== undefined && !Array.isArray(body.blocks)) return err('invalid_blocks');
      // Lenient: a message this fake never posted (seeded straight into the database) is updated too.
      const message = messages.get(keyOf(channel, ts)) ?? { channel, ts, text: null, blocks: null, threadTs: null, updates: 0 };
      if (typeof body.text === 'string') message.text = body.text;
      if (Array.isArray(body.blocks)) message.blocks = body.blocks;
      message.updates += 1;
      messages.set(keyOf(channel, ts), message);
      return { ok: true, channel, ts, text: message.text ?? '', message: messageJson(message, body, token) };
    },
    'chat.postEphemeral': ({ body }) => {
      if (!str(body.channel)) return err('channel_not_found');
      if (!str(body.user)) return err('user_not_found');
      if (!str(body.text) && !Array.isArray(body.blocks) && !Array.isArray(body.attachments)) return err('no_text');
      return { ok: true, message_ts: nextTs() };
    },
    'chat.getPermalink': ({ body, token }) => {
      const channel = str(body.channel);
      const ts = str(body.message_ts);
      if (!channel) return err('channel_not_found');
      if (!ts) return err('message_not_found');
      return { ok: true, channel, permalink: `https://${domainOf(teamOf(token))}.slack.com/archives/${channel}/p${ts.replace('.', '')}` };
    },
    'views.open': ({ body, token }) => {
      const trigger = str(body.trigger_id);
      if (!trigger || !isObject(body.view)) return err('invalid_arguments');
      // A trigger_id opens one view, once.
      if (usedTriggers.has(trigger)) return err('exchanged_trigger_id');
      usedTriggers.add(trigger);
      const view = viewJson(nextViewId(), body.view, token, undefined);
      views.set(view.id as string, view);
      return { ok: true, view };
    },
    'views.publish': ({ body, token }) => {
      if (!str(body.user_id) || !isObject(body.view)) return err('invalid_arguments');
      const view = viewJson(nextViewId(), body.view, token, undefined);
      return { ok: true, view };
    },
    'views.update': ({ body, token }) => {
      const externalId = str(body.external_id);
      const id = str(body.view_id) ?? [...views.values()].find((v) => externalId && v.external_id === externalId)?.id;
      if (typeof id !== 'string') return err('not_found');
      if (!isObject(body.view)) return err('invalid_arguments');
      const previous = views.get(id);
      if (previous && str(body.hash) && body.hash !== previous.hash) return err('hash_conflict');
      const view = viewJson(id, body.view, token, previous);
      views.set(id, view);
      return { ok: true, view };
    },
    'users.info': ({ body, token }) => {
      const id = str(body.user);
      if (!id) return err('user_not_found');
      const user = users.get(id) ?? {};
      const tz = user.tz ?? 'UTC';
      const name = user.name ?? `user-${id.toLowerCase()}`;
      const realName = user.real_name ?? `User ${id}`;
      return {
        ok: true,
        user: {
          id,
          team_id: teamOf(token).id,
          name,
          real_name: realName,
          deleted: user.deleted ?? false,
          is_bot: user.is_bot ?? false,
          is_admin: user.is_admin ?? false,
          tz,
          tz_label: tz,
          tz_offset: tzOffset(tz),
          profile: { real_name: realName, display_name: name },
        },
      };
    },
    'conversations.info': ({ body }) => {
      const id = str(body.channel);
      if (!id) return err('channel_not_found');
      const channel = channels.get(id) ?? {};
      const isPrivate = channel.is_private ?? /^[GD]/.test(id);
      return {
        ok: true,
        channel: {
          id,
          name: channel.name ?? `channel-${id.toLowerCase()}`,
          is_channel: id.startsWith('C'),
          is_group: id.startsWith('G'),
          is_im: id.startsWith('D'),
          is_private: isPrivate,
          is_member: channel.is_member ?? true,
          is_archived: channel.is_archived ?? false,
          created: 1_600_000_000,
        },
      };
    },
    'oauth.v2.access': ({ body }) => {
      const code = str(body.code);
      // A code is exchanged once.
      if (!code || usedCodes.has(code)) return err('invalid_code');
      usedCodes.add(code);
      const team = fake.oauthCodes.get(code) ?? fake.nextOAuthTeam ?? ownTeam;
      if (!fake.oauthCodes.has(code)) fake.nextOAuthTeam = null;
      const accessToken = `xoxb-fake-${team.id}`;
      issuedTokens.set(accessToken, team);
      return {
        ok: true,
        app_id: appId,
        authed_user: { id: team.installerUserId ?? 'U0INSTALLER' },
        scope: BOT_SCOPES,
        token_type: 'bot',
        access_token: accessToken,
        bot_user_id: botUserId,
        team: { id: team.id, name: team.name },
        enterprise: null,
        is_enterprise_install: false,
      };
    },
  };

  function authError(method: string, token: string | null): Json | null {
    if (NO_TOKEN.has(method)) return null;
    if (!token) return err('not_authed');
    if (fake.validTokens.size === 0 || fake.validTokens.has(token) || issuedTokens.has(token)) return null;
    return err('invalid_auth');
  }

  function answerApi(res: ServerResponse, call: SlackCall): void {
    const { method } = call;
    const throttle = throttles.get(method);
    if (throttle && throttle.times > 0) {
      throttle.times -= 1;
      throttledCalls.push(call);
      send(res, 429, err('ratelimited'), { 'retry-after': String(throttle.retryAfterSeconds) });
      return;
    }
    calls.push(call);
    send(res, 200, answerCall(call));
    notify();
  }

  function answerCall(call: SlackCall): Json {
    const handler = handlers[call.method];
    if (!handler) return err('unknown_method');
    const denied = authError(call.method, call.token);
    if (denied) return denied;
    const failure = failures.get(call.method);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      return err(failure.error);
    }
    return handler(call);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    const api = /^\/api\/([\w.]+)$/.exec(url.pathname);
    if (api?.[1]) {
      const body = parseBody(raw, contentType, url.searchParams);
      answerApi(res, { method: api[1], token: tokenOf(req, body), body, at: Date.now() });
      return;
    }
    const response = /^\/response\/([^/]+)$/.exec(url.pathname);
    if (response?.[1] && req.method === 'POST') {
      const parsed = raw === '' ? {} : (JSON.parse(raw) as unknown);
      responses.push({ id: decodeURIComponent(response[1]), body: isObject(parsed) ? parsed : { value: parsed }, at: Date.now() });
      send(res, 200, { ok: true });
      notify();
      return;
    }
    send(res, 404, err('not_found'));
  }

  const server = http.createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      // A body the fake cannot read is a test's mistake: say so in the answer, not a hang.
      send(res, 400, err(`fake_slack_bad_request: ${error instanceof Error ? error.message : String(error)}`));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeSlack = {
    url: `${origin}/api/`,
    origin,
    team: ownTeam,
    botUserId,
    botId,
    appId,
    calls,
    throttledCalls,
    get throttled() {
      return throttledCalls.length;
    },
    responses,
    validTokens: new Set<string>(),
    nextOAuthTeam: null,
    oauthCodes: new Map<string, FakeTeam>(),
    users,
    channels,
    callsTo: (method) => calls.filter((call) => call.method === method),
    waitFor: (method, count = 1, timeoutMs = 5000) =>
      waitUntil(
        () => {
          const matching = fake.callsTo(method);
          return matching.length >= count ? matching : null;
        },
        () => `expected ${count} call(s) to ${method}, got ${fake.callsTo(method).length} (calls so far: ${calls.map((c) => c.method).join(', ') || 'none'})`,
        timeoutMs,
      ),
    throttle: (method, times, retryAfterSeconds) => {
      throttles.set(method, { times, retryAfterSeconds });
    },
    fail: (method, error, times = 1) => {
      failures.set(method, { times, error });
    },
    responseUrl: (id) => {
      responseSerial += 1;
      return `${origin}/response/${encodeURIComponent(id ?? `r${responseSerial}`)}`;
    },
    responsesTo: (id) => responses.filter((response) => response.id === id),
    waitForResponses: (count, timeoutMs = 5000) =>
      waitUntil(
        () => (responses.length >= count ? responses : null),
        () => `expected ${count} response_url post(s), got ${responses.length}`,
        timeoutMs,
      ),
    message: (channel, ts) => messages.get(keyOf(resolveChannel(channel), ts)),
    close: async () => {
      for (const waiter of waiters) waiter.stop(new Error('fake Slack closed while a test was still waiting'));
      waiters.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
  return fake;
}
