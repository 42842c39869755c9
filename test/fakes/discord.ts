/**
 * A fake Discord REST API (v10): one HTTP server on 127.0.0.1 that discord.js's REST client reaches
 * through `DISCORD_API_URL` (`<url>/v10/...`). It serves what CloudSentinel calls — channel messages
 * (create with enforced nonces, edit), interaction webhooks (edit `@original`, follow-ups) and
 * application command registration (global and per guild) — checks the bot token where Discord
 * does, keeps every message as it now reads, records every call, and can answer with 429s (JSON
 * `retry_after`, `Retry-After` and `X-RateLimit-*` headers, as Discord sends them) or failures.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;

export interface DiscordCall {
  method: string;
  /** The path after `/api/v10`, decoded (`/webhooks/1/tok/messages/@original`). */
  path: string;
  /** The Authorization header as sent (`Bot <token>`), or null. */
  authorization: string | null;
  body: Json | unknown[] | null;
  /** The HTTP status answered. */
  status: number;
  at: number;
}

/** A message as it now reads, after its creation and every edit. */
export interface FakeDiscordMessage {
  id: string;
  channelId: string;
  content: string;
  embeds: Json[];
  components: Json[];
  flags: number;
  allowedMentions: unknown;
  /** The message this one replies to. */
  replyTo: string | null;
  nonce: string | null;
  /** How many times it was edited. */
  edits: number;
  /** Interaction messages: the token of the interaction they answer. */
  interactionToken: string | null;
}

/** Which calls an injected answer applies to: a method and a path pattern. */
export interface CallMatch {
  method: string;
  path: RegExp;
}

export interface ThrottleOptions {
  /** Seconds to wait, as both `Retry-After` and the body's `retry_after`. */
  retryAfterSeconds: number;
  /** A global limit (`X-RateLimit-Global`) rather than a route's. */
  global?: boolean;
}

export interface FakeDiscord {
  /** `http://127.0.0.1:<port>/api`: pass as DISCORD_API_URL. */
  url: string;
  applicationId: string;
  botToken: string;
  /** Every call, in order (429s and failures included, with their status). */
  calls: DiscordCall[];
  messages: Map<string, FakeDiscordMessage>;
  /** Registered commands: global, and per guild. */
  commands: { global: unknown[] | null; guilds: Map<string, unknown[]> };
  callsTo(method: string, path: RegExp): DiscordCall[];
  /** Messages created in a channel, oldest first. */
  channelMessages(channelId: string): FakeDiscordMessage[];
  /** The answer to an interaction: its original response (once edited) and its follow-ups. */
  interactionMessages(token: string): { original: FakeDiscordMessage | null; followUps: FakeDiscordMessage[] };
  /** Answers the next `times` matching calls with 429. */
  throttle(match: CallMatch, times: number, options: ThrottleOptions): void;
  /** Answers the next `times` matching calls with `status` and a Discord error body. */
  fail(match: CallMatch, status: number, times?: number): void;
  /** Holds the next `times` matching calls for `ms` before answering. */
  delay(match: CallMatch, ms: number, times?: number): void;
  close(): Promise<void>;
}

export const DISCORD_FAKE_DEFAULTS = {
  applicationId: '1100000000000000001',
  botToken: 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.GfakeX.fake-bot-token-for-tests-only',
  botUserId: '1100000000000000002',
} as const;

interface Injected {
  match: CallMatch;
  remaining: number;
  answer: { kind: 'throttle'; options: ThrottleOptions } | { kind: 'fail'; status: number } | { kind: 'delay'; ms: number };
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const ERRORS: Record<number, { code: number; message: string }> = {
  400: { code: 50035, message: 'Invalid Form Body' },
  401: { code: 0, message: '401: Unauthorized' },
  403: { code: 50013, message: 'Missing Permissions' },
  404: { code: 10008, message: 'Unknown Message' },
  500: { code: 0, message: '500: Internal Server Error' },
};

export async function startFakeDiscord(options: { applicationId?: string; botToken?: string } = {}): Promise<FakeDiscord> {
  const applicationId = options.applicationId ?? DISCORD_FAKE_DEFAULTS.applicationId;
  const botToken = options.botToken ?? DISCORD_FAKE_DEFAULTS.botToken;
  const calls: DiscordCall[] = [];
  const messages = new Map<string, FakeDiscordMessage>();
  const commands: FakeDiscord['commands'] = { global: null, guilds: new Map() };
  const injected: Injected[] = [];
  /** `<channel>|<nonce>` → message id, for `enforce_nonce`. */
  const nonces = new Map<string, string>();
  const originals = new Map<string, string>();
  let serial = 1_300_000_000_000_000_000n;
  const snowflake = () => String((serial += 1n));

  function injectedFor(method: string, path: string): Injected['answer'] | null {
    const hit = injected.find((i) => i.remaining > 0 && i.match.method === method && i.match.path.test(path));
    if (!hit) return null;
    hit.remaining -= 1;
    return hit.answer;
  }

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): number {
    const text = body === null ? '' : JSON.stringify(body);
    res.writeHead(status, { ...(body === null ? {} : { 'content-type': 'application/json' }), ...headers });
    res.end(text);
    return status;
  }

  function throttled(res: ServerResponse, options: ThrottleOptions): number {
    const resetAfter = options.retryAfterSeconds;
    const headers: Record<string, string> = {
      'Retry-After': String(Math.ceil(resetAfter)),
      'X-RateLimit-Limit': '5',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': String(Date.now() / 1000 + resetAfter),
      'X-RateLimit-Reset-After': String(resetAfter),
      'X-RateLimit-Bucket': 'fakebucket0001',
      'X-RateLimit-Scope': options.global ? 'global' : 'user',
      ...(options.global ? { 'X-RateLimit-Global': 'true' } : {}),
    };
    return send(res, 429, { message: 'You are being rate limited.', retry_after: resetAfter, global: Boolean(options.global) }, headers);
  }

  function newMessage(channelId: string, body: Json, interactionToken: string | null): FakeDiscordMessage {
    const reference = isObject(body.message_reference) ? body.message_reference : null;
    const message: FakeDiscordMessage = {
      id: snowflake(),
      channelId,
      content: typeof body.content === 'string' ? body.content : '',
      embeds: list(body.embeds),
      components: list(body.components),
      flags: typeof body.flags === 'number' ? body.flags : 0,
      allowedMentions: body.allowed_mentions ?? null,
      replyTo: reference && typeof reference.message_id === 'string' ? reference.message_id : null,
      nonce: typeof body.nonce === 'string' ? body.nonce : null,
      edits: 0,
      interactionToken,
    };
    messages.set(message.id, message);
    return message;
  }

  function edit(message: FakeDiscordMessage, body: Json): FakeDiscordMessage {
    if ('content' in body) message.content = typeof body.content === 'string' ? body.content : '';
    if ('embeds' in body) message.embeds = list(body.embeds);
    if ('components' in body) message.components = list(body.components);
    if ('allowed_mentions' in body) message.allowedMentions = body.allowed_mentions;
    message.edits += 1;
    return message;
  }

  const asApi = (message: FakeDiscordMessage): Json => ({
    id: message.id,
    channel_id: message.channelId,
    type: message.replyTo ? 19 : 0,
    content: message.content,
    embeds: message.embeds,
    components: message.components,
    flags: message.flags,
    nonce: message.nonce,
    author: { id: DISCORD_FAKE_DEFAULTS.botUserId, username: 'CloudSentinel', bot: true },
    timestamp: new Date().toISOString(),
    ...(message.replyTo ? { message_reference: { message_id: message.replyTo, channel_id: message.channelId } } : {}),
  });

  /** Routes that need the bot token; webhook routes are authorised by their interaction token. */
  const needsBot = (path: string) => !path.startsWith('/webhooks/');

  function route(method: string, path: string, body: Json | unknown[] | null, res: ServerResponse): number {
    const json = isObject(body) ? body : {};
    let m: RegExpExecArray | null;
    if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      const channelId = m[1] as string;
      const nonce = typeof json.nonce === 'string' ? json.nonce : null;
      const seen = nonce && json.enforce_nonce === true ? nonces.get(`${channelId}|${nonce}`) : undefined;
      const existing = seen ? messages.get(seen) : undefined;
      if (existing) return send(res, 200, asApi(existing));
      const message = newMessage(channelId, json, null);
      if (nonce) nonces.set(`${channelId}|${nonce}`, message.id);
      return send(res, 200, asApi(message));
    }
    if (method === 'PATCH' && (m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path))) {
      const message = messages.get(m[2] as string);
      if (!message || message.channelId !== m[1]) return send(res, 404, ERRORS[404]);
      return send(res, 200, asApi(edit(message, json)));
    }
    if (method === 'PATCH' && (m = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/.exec(path))) {
      if (m[1] !== applicationId) return send(res, 404, { code: 10015, message: 'Unknown Webhook' });
      const token = m[2] as string;
      const id = originals.get(token);
      const original = id ? messages.get(id) : undefined;
      if (original) return send(res, 200, asApi(edit(original, json)));
      const created = newMessage('interaction', json, token);
      created.edits = 1;
      originals.set(token, created.id);
      return send(res, 200, asApi(created));
    }
    if (method === 'POST' && (m = /^\/webhooks\/(\d+)\/([^/]+)$/.exec(path))) {
      if (m[1] !== applicationId) return send(res, 404, { code: 10015, message: 'Unknown Webhook' });
      return send(res, 200, asApi(newMessage('interaction', json, m[2] as string)));
    }
    if (method === 'PUT' && (m = /^\/applications\/(\d+)\/(?:guilds\/(\d+)\/)?commands$/.exec(path))) {
      if (m[1] !== applicationId) return send(res, 403, { code: 50001, message: 'Missing Access' });
      if (!Array.isArray(body)) return send(res, 400, ERRORS[400]);
      const registered = body.map((command) => ({ ...(isObject(command) ? command : {}), id: snowflake(), application_id: applicationId, ...(m?.[2] ? { guild_id: m[2] } : {}), version: snowflake() }));
      if (m[2]) commands.guilds.set(m[2], registered);
      else commands.global = registered;
      return send(res, 200, registered);
    }
    return send(res, 404, { code: 0, message: '404: Not Found' });
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v10/, ''));
    const text = await readBody(req);
    let body: Json | unknown[] | null = null;
    try {
      body = text ? (JSON.parse(text) as Json | unknown[]) : null;
    } catch {
      body = null;
    }
    const authorization = req.headers.authorization ?? null;
    const call: DiscordCall = { method, path, authorization, body, status: 0, at: Date.now() };
    calls.push(call);
    const answer = injectedFor(method, path);
    if (answer?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, answer.ms));
    if (answer?.kind === 'throttle') call.status = throttled(res, answer.options);
    else if (answer?.kind === 'fail') call.status = send(res, answer.status, ERRORS[answer.status] ?? { code: 0, message: `${answer.status}` });
    else if (needsBot(path) && authorization !== `Bot ${botToken}`) call.status = send(res, 401, ERRORS[401]);
    else call.status = route(method, path, body, res);
  }

  const server = http.createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { code: 0, message: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/api`,
    applicationId,
    botToken,
    calls,
    messages,
    commands,
    callsTo: (method, path) => calls.filter((call) => call.method === method && path.test(call.path)),
    channelMessages: (channelId) => [...messages.values()].filter((message) => message.channelId === channelId),
    interactionMessages(token) {
      const id = originals.get(token);
      const original = id ? (messages.get(id) ?? null) : null;
      const followUps = [...messages.values()].filter((message) => message.interactionToken === token && message.id !== id);
      return { original, followUps };
    },
    throttle: (match, times, options) => void injected.push({ match, remaining: times, answer: { kind: 'throttle', options } }),
    fail: (match, status, times = 1) => void injected.push({ match, remaining: times, answer: { kind: 'fail', status } }),
    delay: (match, ms, times = 1) => void injected.push({ match, remaining: times, answer: { kind: 'delay', ms } }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
