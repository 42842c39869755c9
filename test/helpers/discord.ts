/**
 * Real Discord interactions for CloudSentinel's endpoint at `POST /discord/interactions`: PINGs,
 * `/sentinel` commands with their options, button clicks, user picks and modal submissions in the
 * shapes Discord sends (API v10), signed with a locally generated Ed25519 key the way Discord
 * signs them. `startDiscordService` runs the whole service with Discord on against a fake REST API.
 */
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { ApplicationCommandOptionType, ApplicationCommandType, ComponentType, InteractionType, MessageFlags } from 'discord.js';
import { DISCORD_FAKE_DEFAULTS, startFakeDiscord, type FakeDiscord } from '../fakes/discord.js';
import { startSlackService, type SlackService, type SlackServiceOptions } from './slack-service.js';

type Json = Record<string, unknown>;

export interface DiscordKeys {
  /** 64 hex characters, as the Developer Portal shows an application's public key. */
  publicKeyHex: string;
  privateKey: KeyObject;
}

export function generateDiscordKeys(): DiscordKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  return { publicKeyHex: Buffer.from(jwk.x ?? '', 'base64url').toString('hex'), privateKey };
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** The headers Discord sends: hex Ed25519 signature of timestamp + body. */
export function signDiscord(keys: DiscordKeys, body: string, timestamp: number = nowSeconds()): Record<string, string> {
  const signature = sign(null, Buffer.from(`${timestamp}${body}`), keys.privateKey).toString('hex');
  return { 'x-signature-ed25519': signature, 'x-signature-timestamp': String(timestamp), 'content-type': 'application/json' };
}

// ---------------------------------------------------------------------------------------------------
// Interactions

let serial = 0;
const snowflake = () => String(1_200_000_000_000_000_000n + BigInt((serial += 1)));
/** An interaction token as Discord issues them: long, opaque, URL-safe. */
export const interactionToken = (): string => `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`;

export interface Where {
  /** null: a direct message. */
  guildId: string | null;
  channelId: string;
  userId: string;
}

function base(type: InteractionType, where: Where, data: Json | undefined, token: string): Json {
  const user = { id: where.userId, username: `user${where.userId.slice(-4)}`, discriminator: '0', global_name: null, avatar: null };
  return {
    id: snowflake(),
    application_id: DISCORD_FAKE_DEFAULTS.applicationId,
    type,
    ...(data ? { data } : {}),
    token,
    version: 1,
    channel_id: where.channelId,
    channel: { id: where.channelId, type: where.guildId ? 0 : 1 },
    app_permissions: '2248473465835073',
    locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': where.guildId ?? '' },
    context: where.guildId ? 0 : 1,
    ...(where.guildId
      ? { guild_id: where.guildId, guild_locale: 'en-US', guild: { id: where.guildId, locale: 'en-US', features: [] }, member: { user, roles: [], joined_at: '2026-01-01T00:00:00.000Z', permissions: '2248473465835073', deaf: false, mute: false, flags: 0 } }
      : { user }),
  };
}

export function pingInteraction(): Json {
  return { id: snowflake(), application_id: DISCORD_FAKE_DEFAULTS.applicationId, type: InteractionType.Ping, token: interactionToken(), version: 1 };
}

export type OptionValue = string | number | { user: string };

/** `/sentinel <subcommand>` with its options; `{ user: id }` is a USER option. */
export function commandInteraction(where: Where, subcommand: string, options: Record<string, OptionValue> = {}, token = interactionToken()): Json {
  const resolvedUsers: Json = {};
  const subOptions = Object.entries(options).map(([name, value]) => {
    if (typeof value === 'object') {
      resolvedUsers[value.user] = { id: value.user, username: `user${value.user.slice(-4)}`, discriminator: '0' };
      return { name, type: ApplicationCommandOptionType.User, value: value.user };
    }
    return { name, type: typeof value === 'number' ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.String, value };
  });
  return base(
    InteractionType.ApplicationCommand,
    where,
    {
      id: '1100000000000000099',
      name: 'sentinel',
      type: ApplicationCommandType.ChatInput,
      options: [{ name: subcommand, type: ApplicationCommandOptionType.Subcommand, options: subOptions }],
      ...(Object.keys(resolvedUsers).length > 0 ? { resolved: { users: resolvedUsers } } : {}),
    },
    token,
  );
}

export interface ClickedMessage {
  id: string;
  /** An ephemeral message (a list only its asker sees). */
  ephemeral?: boolean;
  embeds?: unknown[];
  components?: unknown[];
}

function messageField(message: ClickedMessage, channelId: string): Json {
  return {
    id: message.id,
    channel_id: channelId,
    type: 0,
    content: '',
    embeds: message.embeds ?? [],
    components: message.components ?? [],
    flags: message.ephemeral ? MessageFlags.Ephemeral : 0,
    author: { id: DISCORD_FAKE_DEFAULTS.botUserId, username: 'CloudSentinel', bot: true },
    timestamp: new Date().toISOString(),
  };
}

export function buttonInteraction(where: Where, customId: string, message: ClickedMessage, token = interactionToken()): Json {
  return { ...base(InteractionType.MessageComponent, where, { custom_id: customId, component_type: ComponentType.Button }, token), message: messageField(message, where.channelId) };
}

/** A pick in a user select; no user clears it. */
export function userSelectInteraction(where: Where, customId: string, userIds: string[], message: ClickedMessage, token = interactionToken()): Json {
  const users = Object.fromEntries(userIds.map((id) => [id, { id, username: `user${id.slice(-4)}`, discriminator: '0' }]));
  return {
    ...base(InteractionType.MessageComponent, where, { custom_id: customId, component_type: ComponentType.UserSelect, values: userIds, resolved: { users } }, token),
    message: messageField(message, where.channelId),
  };
}

/** A submitted modal: text inputs by custom_id, nested in labels as current clients send them. */
export function modalSubmitInteraction(where: Where, customId: string, values: Record<string, string>, message: ClickedMessage | null, token = interactionToken()): Json {
  const components = Object.entries(values).map(([id, value], i) => ({ type: ComponentType.Label, id: i + 1, component: { type: ComponentType.TextInput, id: i + 10, custom_id: id, value } }));
  return { ...base(InteractionType.ModalSubmit, where, { custom_id: customId, components }, token), ...(message ? { message: messageField(message, where.channelId) } : {}) };
}

// ---------------------------------------------------------------------------------------------------
// Sending

export interface InteractionResult {
  status: number;
  /** The parsed response body, or null when it was not JSON. */
  json: Json | null;
}

export interface PostOptions {
  timestamp?: number;
  /** Replaces the signature header (forgeries). */
  signature?: string;
  /** Sends no signature headers at all. */
  unsigned?: boolean;
  /** Sends this body instead of the signed one (tampering). */
  bodyOverride?: string;
}

export async function postInteraction(baseUrl: string, body: Json | string, keys: DiscordKeys, options: PostOptions = {}): Promise<InteractionResult> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const signed = signDiscord(keys, text, options.timestamp);
  const headers: Record<string, string> = options.unsigned ? { 'content-type': 'application/json' } : { ...signed, ...(options.signature !== undefined ? { 'x-signature-ed25519': options.signature } : {}) };
  const response = await fetch(`${baseUrl}/discord/interactions`, { method: 'POST', headers, body: options.bodyOverride ?? text });
  const raw = await response.text();
  let json: Json | null = null;
  try {
    json = JSON.parse(raw) as Json;
  } catch {
    json = null;
  }
  return { status: response.status, json };
}

// ---------------------------------------------------------------------------------------------------
// The whole service

export interface DiscordService extends SlackService {
  discord: FakeDiscord;
  keys: DiscordKeys;
  /** The environment Discord was configured with. */
  discordEnv: Record<string, string>;
  interact(body: Json | string, options?: PostOptions): Promise<InteractionResult>;
}

/** The real service (Slack on too, as the shared harness has it) with Discord on against a fake REST API. */
export async function startDiscordService(options: SlackServiceOptions = {}): Promise<DiscordService> {
  const discord = await startFakeDiscord();
  const keys = generateDiscordKeys();
  const discordEnv = {
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    DISCORD_BOT_TOKEN: discord.botToken,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.url,
  };
  const world = await startSlackService({ ...options, env: { ...discordEnv, ...options.env } });
  return {
    ...world,
    discord,
    keys,
    discordEnv,
    interact: (body, postOptions) => postInteraction(world.baseUrl, body, keys, postOptions),
    async stop() {
      await world.stop();
      await discord.close();
    },
  };
}
