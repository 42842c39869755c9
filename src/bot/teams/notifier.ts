/**
 * Teams' side of the Notifier: posting cards, digests and scan status to channels and chats,
 * updating cards in place and writing notes in their threads — proactively, outside any turn, with
 * the bot's own token (client credentials from ToChannelFromBotLoginUrl). It needs no bot router, so
 * it works the same in `cloudsentinel worker`.
 *
 * A subscription's target is the conversation reference the bot saw; a posted card is known only by
 * ids, so its service URL comes from the workspace (the Teams tenant) that recorded it. Calls to one
 * conversation go one at a time, paced under Teams' limit; a 429 holds that conversation back for its
 * Retry-After and the call is tried again, so nothing is dropped, and nothing is posted twice.
 */
import { eq } from 'drizzle-orm';
import type { ConnectorClient } from 'botframework-connector';
import type { TeamsConfig } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { AlertMessage } from '../../store/alert-messages.js';
import type { Keyring } from '../../store/crypto.js';
import type { Db } from '../../store/db.js';
import { chatWorkspaces } from '../../store/schema.js';
import { CAPABILITIES, renderNote } from '../core/capabilities.js';
import { createPacer } from '../core/pacing.js';
import type { AlertView, DeliveryTarget, DigestView, HealthNoticeView, Notifier, PostedMessage, ScanStatusView } from '../core/types.js';
import { createBotAuthentication, proactiveConnector } from './auth.js';
import { alertSummary, attachment, healthSummary, renderAlertCard, renderDigest, renderHealthNotice, renderScanStatus, scanSummary, type AdaptiveCard } from './cards.js';
import { baseConversationId, readTarget } from './conversation.js';
import { postMessage, postNote, updateMessage, withRetry, type OutgoingActivity } from './send.js';

export interface TeamsNotifierDeps {
  db: Db;
  keyring: Keyring;
  teams: TeamsConfig;
  logger: Logger;
  /** Gap between two messages to one conversation. Default: Teams' capabilities. */
  channelIntervalMs?: number;
  /** First wait before retrying a failed call when Teams gives no Retry-After. Default 1 s. */
  retryBaseDelayMs?: number;
}

/** Where a message goes: the connector's service URL and the conversation (and its type, when known). */
interface Destination {
  serviceUrl: string;
  conversationId: string;
  conversationType?: string;
}

const cardMessage = (card: AdaptiveCard, summary: string): OutgoingActivity => ({ type: 'message', summary, attachments: [attachment(card)] });

export function createTeamsNotifier(deps: TeamsNotifierDeps): Notifier {
  const logger = deps.logger.child({ component: 'teams-notifier' });
  const auth = createBotAuthentication(deps.teams);
  const pacer = createPacer({ intervalMs: deps.channelIntervalMs ?? CAPABILITIES.teams.channelIntervalMs });
  const clients = new Map<string, Promise<ConnectorClient>>();

  /** One connector client per service URL; it caches the bot's token. */
  function clientFor(serviceUrl: string): Promise<ConnectorClient> {
    let client = clients.get(serviceUrl);
    if (!client) {
      client = proactiveConnector(auth, deps.teams.appId, serviceUrl);
      // A failure to build one (bad configuration) is not cached: the next job tries again.
      client.catch(() => clients.delete(serviceUrl));
      clients.set(serviceUrl, client);
    }
    return client;
  }

  async function workspaceServiceUrl(workspaceId: string | null): Promise<string> {
    if (workspaceId) {
      const [workspace] = await deps.db.select({ metadata: chatWorkspaces.metadata }).from(chatWorkspaces).where(eq(chatWorkspaces.id, workspaceId));
      const serviceUrl = workspace?.metadata.serviceUrl;
      if (typeof serviceUrl === 'string' && serviceUrl) return serviceUrl;
    }
    throw new Error(`No Teams service URL is known for workspace ${workspaceId ?? '(none)'}: the bot must receive a message from that tenant first.`);
  }

  async function destinationOf(to: DeliveryTarget): Promise<Destination> {
    const target = readTarget(to.target);
    const conversationId = baseConversationId(to.channelId);
    if (target) return { serviceUrl: target.serviceUrl, conversationId, conversationType: target.conversation.conversationType };
    return { serviceUrl: await workspaceServiceUrl(to.workspaceId), conversationId };
  }

  async function destinationOfMessage(message: AlertMessage): Promise<Destination> {
    return { serviceUrl: await workspaceServiceUrl(message.workspaceId), conversationId: baseConversationId(message.channelId) };
  }

  /** One call at a time per conversation, paced, retried while Teams says nothing was done. */
  async function send<T>(where: Destination, call: (client: ConnectorClient) => Promise<T>): Promise<T> {
    const client = await clientFor(where.serviceUrl);
    const key = `${where.serviceUrl}|${where.conversationId}`;
    return pacer.pace(key, () =>
      withRetry(() => call(client), {
        baseDelayMs: deps.retryBaseDelayMs,
        onBackoff: (waitMs, status) => {
          pacer.pauseKey(key, waitMs);
          logger.warn({ status, waitMs, conversationId: where.conversationId }, 'Teams asked us to slow down: waiting before trying again');
        },
      }),
    );
  }

  async function post(to: DeliveryTarget, activity: OutgoingActivity): Promise<PostedMessage> {
    const where = await destinationOf(to);
    const id = await send(where, (client) => postMessage(client, where.conversationId, activity));
    return { channelId: where.conversationId, messageId: id, threadId: id };
  }

  return {
    platform: 'teams',
    postAlert: (to: DeliveryTarget, view: AlertView) => post(to, cardMessage(renderAlertCard(view), alertSummary(view))),
    async updateAlert(message: AlertMessage, view: AlertView) {
      const where = await destinationOfMessage(message);
      await send(where, (client) => updateMessage(client, where.conversationId, message.messageId, cardMessage(renderAlertCard(view), alertSummary(view))));
    },
    async postThreadNote(message: AlertMessage, text: string) {
      const where = await destinationOfMessage(message);
      await send(where, (client) => postNote(client, where.conversationId, message.threadId ?? message.messageId, renderNote(text, 'teams')));
    },
    postDigest: (to: DeliveryTarget, digest: DigestView) => post(to, cardMessage(renderDigest(digest), `${digest.total} new alerts`)),
    async postScanStatus(to: DeliveryTarget, view: ScanStatusView, previous: PostedMessage | null) {
      const activity = cardMessage(renderScanStatus(view), scanSummary(view));
      if (!previous) return post(to, activity);
      const where = await destinationOf(to);
      await send(where, (client) => updateMessage(client, where.conversationId, previous.messageId, activity));
      return previous;
    },
    postHealthNotice: (to: DeliveryTarget, view: HealthNoticeView) => post(to, cardMessage(renderHealthNotice(view), healthSummary(view))),
  };
}
