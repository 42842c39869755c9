/**
 * Discord's side of the Notifier: posting cards, digests and scan status, editing cards in place
 * and replying under them, through discord.js's REST client with the bot token. It needs no HTTP
 * server, so `cloudsentinel worker` processes post too.
 *
 * Messages to one channel go out one at a time, at most one a second (Discord allows 5 per 5
 * seconds per channel); a 429 is waited out and retried by the REST client (see rest.ts), so
 * nothing is dropped. A new message carries a nonce Discord enforces: a POST the client retries
 * after a timeout, or a notify job retried after posting, gets the message already posted back
 * instead of a second copy (within the few minutes Discord remembers nonces).
 */
import { createHash, randomUUID } from 'node:crypto';
import { Routes, type APIMessage } from 'discord.js';
import type { DiscordConfig } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { AlertMessage } from '../../store/alert-messages.js';
import type { Db } from '../../store/db.js';
import { CAPABILITIES, renderNote } from '../core/capabilities.js';
import { createPacer } from '../core/pacing.js';
import type { AlertView, DeliveryTarget, DigestView, HealthNoticeView, Notifier, PostedMessage, ScanStatusView } from '../core/types.js';
import { renderAlertCard, renderDigest, renderHealthNotice, renderNoteMessage, renderScanStatus, type DiscordMessage } from './render.js';
import { createDiscordRest } from './rest.js';

export interface DiscordNotifierDeps {
  db: Db;
  discord: DiscordConfig;
  logger: Logger;
  /** Gap between two messages to one channel. Default: Discord's capabilities. */
  channelIntervalMs?: number;
}

/** A new message; a reply names the message it hangs under. */
type NewMessage = DiscordMessage & { message_reference?: { message_id: string; fail_if_not_exists: boolean } };

/** Discord takes a nonce of at most 25 characters. */
const NONCE_LENGTH = 25;

/** The same nonce for the same message every time it is attempted: a digest of what makes it that message. */
export function nonceFor(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, NONCE_LENGTH);
}

export function createDiscordNotifier(deps: DiscordNotifierDeps): Notifier {
  const log = deps.logger.child({ component: 'discord' });
  const rest = createDiscordRest(deps.discord, {
    onRateLimit: (info) => log.warn({ route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global }, 'Discord rate limit: waiting as asked'),
  });
  const pacer = createPacer({ intervalMs: deps.channelIntervalMs ?? CAPABILITIES.discord.channelIntervalMs });

  function create(channelId: string, message: NewMessage, nonce: string): Promise<APIMessage> {
    const body = { ...message, nonce, enforce_nonce: true };
    return pacer.pace(channelId, async () => (await rest.post(Routes.channelMessages(channelId), { body })) as APIMessage);
  }

  function edit(channelId: string, messageId: string, message: DiscordMessage): Promise<void> {
    return pacer.pace(channelId, async () => {
      await rest.patch(Routes.channelMessage(channelId, messageId), { body: message });
    });
  }

  const posted = (channelId: string, message: APIMessage): PostedMessage => ({ channelId, messageId: message.id, threadId: message.id });

  return {
    platform: 'discord',
    async postAlert(to: DeliveryTarget, view: AlertView) {
      const message = await create(to.channelId, renderAlertCard(view), nonceFor('alert', view.id, to.channelId, String(view.version)));
      return posted(to.channelId, message);
    },
    async updateAlert(message: AlertMessage, view: AlertView) {
      await edit(message.channelId, message.messageId, renderAlertCard(view));
    },
    async postThreadNote(message: AlertMessage, text: string) {
      const reply = renderNoteMessage(renderNote(text, 'discord'), text);
      // A note is posted once per change by design (the copy is marked first); the nonce only has
      // to make the client's own retries of this one request safe.
      await create(message.channelId, { ...reply, message_reference: { message_id: message.threadId ?? message.messageId, fail_if_not_exists: false } }, randomUUID().slice(0, NONCE_LENGTH));
    },
    async postDigest(to: DeliveryTarget, digest: DigestView) {
      const ids = digest.top.map((view) => view.id).join(',');
      const message = await create(to.channelId, renderDigest(digest), nonceFor('digest', digest.scanId ?? ids, to.channelId, String(digest.total)));
      return posted(to.channelId, message);
    },
    async postScanStatus(to: DeliveryTarget, view: ScanStatusView, previous: PostedMessage | null) {
      const rendered = renderScanStatus(view);
      if (previous) {
        await edit(to.channelId, previous.messageId, rendered);
        return previous;
      }
      return posted(to.channelId, await create(to.channelId, rendered, nonceFor('scan', view.scanId, to.channelId)));
    },
    async postHealthNotice(to: DeliveryTarget, view: HealthNoticeView) {
      return posted(to.channelId, await create(to.channelId, renderHealthNotice(view), nonceFor('health', view.integrationId, to.channelId, view.checkedAt)));
    },
  };
}
