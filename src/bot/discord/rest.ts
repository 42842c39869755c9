/**
 * The one way CloudSentinel talks to Discord's REST API: discord.js's REST client, version 10, at
 * the configured base (DISCORD_API_URL; tests point it at a local fake), with the bot token.
 *
 * The client owns rate limiting: it keeps Discord's per-route buckets from the `X-RateLimit-*`
 * headers, and on a 429 waits the `Retry-After` it was given and sends the same request again, as
 * often as Discord asks. Server errors and timeouts are retried a few times too, which is why every
 * message we create carries a nonce Discord enforces: a retried POST can never post twice.
 */
import { REST, type RateLimitData } from 'discord.js';
import type { DiscordConfig } from '../../config.js';

export interface DiscordRestOptions {
  /** Retries after a 5xx or a timeout (429s are always waited out and retried). Default 3. */
  retries?: number;
  /** How long one attempt may take. Default 15 s, Discord's own client default. */
  timeoutMs?: number;
  /** Told of every rate limit the client waits out (a 429, or a bucket it knows is empty). */
  onRateLimit?: (info: RateLimitData) => void;
}

export function createDiscordRest(discord: Pick<DiscordConfig, 'apiUrl' | 'botToken'>, options: DiscordRestOptions = {}): REST {
  return new REST({
    version: '10',
    api: discord.apiUrl,
    retries: options.retries ?? 3,
    timeout: options.timeoutMs ?? 15_000,
    // The client asks this whether to give up on a rate limit instead of waiting: never, but it is
    // the one hook that also sees 429s it did not expect, so they can be logged.
    rejectOnRateLimit: (info) => {
      options.onRateLimit?.(info);
      return false;
    },
  }).setToken(discord.botToken);
}
