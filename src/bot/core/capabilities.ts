/**
 * What each chat platform can do, as data: threads, modals, how many buttons and how much text fit
 * in one message, how fast one channel may be posted to, and how a user is mentioned. The core and
 * the jobs read this record instead of branching on the platform; each platform's renderer obeys it.
 */
import type { Platform } from './types.js';

export interface PlatformCapabilities {
  platform: Platform;
  /** How people call it: "Slack". */
  label: string;
  /** Replies can hang under a card (Slack threads, Teams reply chains, Discord message replies). */
  threads: boolean;
  /** A form can open in a dialog (Slack modal, Discord modal); otherwise the card shows its inputs inline (Teams). */
  modals: boolean;
  /** Buttons (and pickers) that fit on one message. */
  maxButtonsPerMessage: number;
  /** The most text one message may carry. */
  maxTextLength: number;
  /** Least gap between two messages to one channel, from the platform's posting limit. */
  channelIntervalMs: number;
  /** A user mention in message text, from the user's platform id. */
  mention(userId: string): string;
}

export const CAPABILITIES: Record<Platform, PlatformCapabilities> = {
  slack: {
    platform: 'slack',
    label: 'Slack',
    threads: true,
    modals: true,
    maxButtonsPerMessage: 25,
    maxTextLength: 3000,
    // "1 message per second per channel", with short bursts tolerated.
    channelIntervalMs: 1000,
    mention: (userId) => `<@${userId}>`,
  },
  teams: {
    platform: 'teams',
    label: 'Teams',
    threads: true,
    modals: false,
    maxButtonsPerMessage: 6,
    // A message may be 28 KB in all; the card's text stays well inside it.
    maxTextLength: 20_000,
    // Teams allows 7 messages per second per conversation; stay under it.
    channelIntervalMs: 200,
    // A real mention needs the user's name and a mention entity; bold text reads the same without one.
    mention: (userId) => `**${userId}**`,
  },
  discord: {
    platform: 'discord',
    label: 'Discord',
    threads: true,
    modals: true,
    // 5 action rows of 5.
    maxButtonsPerMessage: 25,
    maxTextLength: 2000,
    // 5 messages per 5 seconds per channel.
    channelIntervalMs: 1000,
    mention: (userId) => `<@${userId}>`,
  },
};

const NAMED_ACTORS: Record<string, string> = { scan: 'a scan', maintenance: 'the suppression expiry', cli: 'the CLI' };
const PLATFORMS = new Set<string>(Object.keys(CAPABILITIES));

/**
 * An audit actor (`slack:T1:U1`, `teams:<tenant>:<aad id>`, `discord:<guild>:<user>`, `api:<token>`,
 * `scan`) as text on `platform`: a mention for someone of that platform, a readable name otherwise.
 */
export function actorLabel(actor: string | null, platform: Platform): string {
  if (!actor) return 'someone';
  const named = NAMED_ACTORS[actor];
  if (named) return named;
  const [kind = '', ...rest] = actor.split(':');
  const user = rest.at(-1) ?? actor;
  if (kind === platform) return CAPABILITIES[platform].mention(user);
  if (PLATFORMS.has(kind)) return `${CAPABILITIES[kind as Platform].label} user ${user}`;
  if (kind === 'api') return `API token ${rest.join(':')}`;
  return actor;
}

/** A note's actor placeholder: the note is written once and shown on every platform. */
export function actorToken(actor: string | null): string {
  return `{{actor:${actor ?? ''}}}`;
}

/** A note with its actor placeholders rendered for one platform. */
export function renderNote(note: string, platform: Platform): string {
  return note.replace(/\{\{actor:([^}]*)\}\}/g, (_, actor: string) => actorLabel(actor || null, platform));
}
