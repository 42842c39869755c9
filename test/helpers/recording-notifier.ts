/**
 * A chat platform for job tests: it records what it was asked to post or update instead of calling
 * a platform, and can be told to fail or hold calls.
 */
import { randomUUID } from 'node:crypto';
import type { AlertView, DeliveryTarget, DigestView, HealthNoticeView, Notifier, Platform, PostedMessage, ScanStatusView } from '../../src/bot/core/types.js';
import type { AlertMessage } from '../../src/store/alert-messages.js';

export type RecordedCall =
  | { kind: 'postAlert'; channelId: string; alertId: string; version: number }
  | { kind: 'updateAlert'; channelId: string; messageId: string; alertId: string; version: number; state: string }
  | { kind: 'postThreadNote'; channelId: string; messageId: string; threadId: string | null; text: string }
  | { kind: 'postDigest'; channelId: string; digest: DigestView }
  | { kind: 'postScanStatus'; channelId: string; view: ScanStatusView; previous: PostedMessage | null }
  | { kind: 'postHealthNotice'; channelId: string; view: HealthNoticeView };

/** Records every call; `failNext(channel, n)` makes its next n calls to that channel throw. */
export class RecordingNotifier implements Notifier {
  readonly calls: RecordedCall[] = [];
  private readonly failures = new Map<string, number>();
  /** Runs before each card update, to hold or fail it from the test. */
  beforeUpdate: (message: AlertMessage) => Promise<void> = async () => undefined;
  /** Runs while a card is being posted, before the platform answers. */
  beforePost: (view: AlertView) => Promise<void> = async () => undefined;

  constructor(readonly platform: Platform) {}

  failNext(channelId: string, times = 1): void {
    this.failures.set(channelId, times);
  }

  of<K extends RecordedCall['kind']>(kind: K, channelId?: string): Array<Extract<RecordedCall, { kind: K }>> {
    return this.calls.filter((c): c is Extract<RecordedCall, { kind: K }> => c.kind === kind && (channelId === undefined || c.channelId === channelId));
  }

  private refuse(channelId: string): void {
    const left = this.failures.get(channelId) ?? 0;
    if (left === 0) return;
    this.failures.set(channelId, left - 1);
    throw new Error(`${this.platform} refused ${channelId}`);
  }

  private posted(channelId: string): PostedMessage {
    const messageId = `${this.platform}-${randomUUID()}`;
    // Slack threads under the message itself; this platform says nothing about threads.
    return { channelId, messageId, threadId: this.platform === 'slack' ? messageId : null };
  }

  async postAlert(to: DeliveryTarget, view: AlertView): Promise<PostedMessage> {
    await this.beforePost(view);
    this.refuse(to.channelId);
    this.calls.push({ kind: 'postAlert', channelId: to.channelId, alertId: view.id, version: view.version });
    return this.posted(to.channelId);
  }

  async updateAlert(message: AlertMessage, view: AlertView): Promise<void> {
    await this.beforeUpdate(message);
    this.refuse(message.channelId);
    this.calls.push({ kind: 'updateAlert', channelId: message.channelId, messageId: message.messageId, alertId: view.id, version: view.version, state: view.state });
  }

  async postThreadNote(message: AlertMessage, text: string): Promise<void> {
    this.refuse(message.channelId);
    this.calls.push({ kind: 'postThreadNote', channelId: message.channelId, messageId: message.messageId, threadId: message.threadId, text });
  }

  async postDigest(to: DeliveryTarget, digest: DigestView): Promise<PostedMessage> {
    this.refuse(to.channelId);
    this.calls.push({ kind: 'postDigest', channelId: to.channelId, digest });
    return this.posted(to.channelId);
  }

  async postScanStatus(to: DeliveryTarget, view: ScanStatusView, previous: PostedMessage | null): Promise<PostedMessage> {
    this.refuse(to.channelId);
    this.calls.push({ kind: 'postScanStatus', channelId: to.channelId, view, previous });
    return previous ?? this.posted(to.channelId);
  }

  async postHealthNotice(to: DeliveryTarget, view: HealthNoticeView): Promise<PostedMessage> {
    this.refuse(to.channelId);
    this.calls.push({ kind: 'postHealthNotice', channelId: to.channelId, view });
    return this.posted(to.channelId);
  }
}
