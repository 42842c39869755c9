/**
 * Slack's side of the Notifier: posting cards, digests and scan status, updating cards in place and
 * writing thread notes, with each workspace's own bot token. Messages to one channel go out at most
 * one per second (Slack's posting limit); a 429 pauses that channel for its Retry-After and the call
 * is retried by the Web API client, so nothing is dropped.
 */
import { webApi } from '@slack/bolt';
import type { SlackConfig } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { AlertMessage } from '../../store/alert-messages.js';
import type { Keyring } from '../../store/crypto.js';
import type { Db } from '../../store/db.js';
import { getWorkspaceBotToken } from '../../store/workspaces.js';
import { chatWorkspaces } from '../../store/schema.js';
import { eq } from 'drizzle-orm';
import { CAPABILITIES, renderNote } from '../core/capabilities.js';
import { createPacer } from '../core/pacing.js';
import type { AlertView, DeliveryTarget, DigestView, HealthNoticeView, Notifier, PostedMessage, ScanStatusView } from '../core/types.js';
import { renderAlertCard, renderDigest, renderHealthNotice, renderScanStatus } from './blocks.js';

export interface SlackNotifierDeps {
  db: Db;
  keyring: Keyring;
  slack: Pick<SlackConfig, 'apiUrl' | 'botToken'>;
  logger: Logger;
  /** Gap between two messages to one channel. Default: Slack's capabilities (1 s). */
  channelIntervalMs?: number;
}

export function createSlackNotifier(deps: SlackNotifierDeps): Notifier {
  const pacer = createPacer({ intervalMs: deps.channelIntervalMs ?? CAPABILITIES.slack.channelIntervalMs });
  const clients = new Map<string, webApi.WebClient>();

  async function clientFor(workspaceId: string | null): Promise<webApi.WebClient> {
    const key = workspaceId ?? 'single';
    const cached = clients.get(key);
    if (cached) return cached;
    let token = deps.slack.botToken;
    if (workspaceId) {
      const [workspace] = await deps.db.select().from(chatWorkspaces).where(eq(chatWorkspaces.id, workspaceId));
      if (workspace) token = (await getWorkspaceBotToken(deps.db, workspace, deps.keyring)) ?? token;
    }
    if (!token) throw new Error(`No Slack bot token for workspace ${key}.`);
    const client = new webApi.WebClient(token, {
      slackApiUrl: deps.slack.apiUrl,
      logger: undefined,
      retryConfig: { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 30_000 },
    });
    // Another caller racing here made its own client: keep the first, so one channel has one pace.
    const existing = clients.get(key);
    if (existing) return existing;
    client.on(webApi.WebClientEvent.RATE_LIMITED, (retryAfterSeconds: number, { url }: { url: string }) => {
      deps.logger.warn({ retryAfterSeconds, url }, 'Slack rate limit: waiting as asked');
    });
    clients.set(key, client);
    return client;
  }

  /** One message at a time per channel, one per second. */
  async function send<T>(workspaceId: string | null, channelId: string, call: (client: webApi.WebClient) => Promise<T>): Promise<T> {
    const client = await clientFor(workspaceId);
    return pacer.pace(`${workspaceId ?? 'single'}:${channelId}`, () => call(client));
  }

  const posted = (channelId: string, ts: string | undefined): PostedMessage => {
    if (!ts) throw new Error('Slack accepted the message but gave no ts.');
    return { channelId, messageId: ts, threadId: ts };
  };

  return {
    platform: 'slack',
    async postAlert(to: DeliveryTarget, view: AlertView) {
      const out = await send(to.workspaceId, to.channelId, (c) => c.chat.postMessage({ channel: to.channelId, ...renderAlertCard(view), unfurl_links: false }));
      return posted(to.channelId, out.ts);
    },
    async updateAlert(message: AlertMessage, view: AlertView) {
      await send(message.workspaceId, message.channelId, (c) => c.chat.update({ channel: message.channelId, ts: message.messageId, ...renderAlertCard(view) }));
    },
    async postThreadNote(message: AlertMessage, text: string) {
      await send(message.workspaceId, message.channelId, (c) => c.chat.postMessage({ channel: message.channelId, thread_ts: message.threadId ?? message.messageId, text: renderNote(text, 'slack') }));
    },
    async postDigest(to: DeliveryTarget, digest: DigestView) {
      const out = await send(to.workspaceId, to.channelId, (c) => c.chat.postMessage({ channel: to.channelId, ...renderDigest(digest), unfurl_links: false }));
      return posted(to.channelId, out.ts);
    },
    async postScanStatus(to: DeliveryTarget, view: ScanStatusView, previous: PostedMessage | null) {
      const rendered = renderScanStatus(view);
      if (previous) {
        await send(to.workspaceId, to.channelId, (c) => c.chat.update({ channel: to.channelId, ts: previous.messageId, ...rendered }));
        return previous;
      }
      const out = await send(to.workspaceId, to.channelId, (c) => c.chat.postMessage({ channel: to.channelId, ...rendered }));
      return posted(to.channelId, out.ts);
    },
    async postHealthNotice(to: DeliveryTarget, view: HealthNoticeView) {
      const out = await send(to.workspaceId, to.channelId, (c) => c.chat.postMessage({ channel: to.channelId, ...renderHealthNotice(view), unfurl_links: false }));
      return posted(to.channelId, out.ts);
    },
  };
}
