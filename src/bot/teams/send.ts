/**
 * Calls to the Bot Framework connector (the Teams side of a conversation): post, reply in a thread,
 * update in place. Shared by the bot, inside a turn, and the notifier, outside any.
 *
 * The connector client already retries inside its HTTP pipeline (@azure/core-rest-pipeline: up to
 * three times, waiting out a 429's or 503's Retry-After, backing off on other 5xx). What that gives
 * up on, `withRetry` tries again a few times more, on answers that say nothing was done (429, 502,
 * 503, 504), waiting as Teams asks and telling the caller so it can hold the conversation back.
 * A 500 is not retried here: the message may exist, and a second post would duplicate it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Activity } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { isRecord } from '../core/present.js';
import { baseConversationId, isChannelConversation, threadConversationId } from './conversation.js';

const RETRYABLE = new Set([429, 502, 503, 504]);
const MAX_ATTEMPTS = 5;
const MAX_WAIT_MS = 60_000;

/** The HTTP status of a failed connector call, when it got an answer. */
export function statusOf(error: unknown): number | null {
  if (!isRecord(error)) return null;
  if (typeof error.statusCode === 'number') return error.statusCode;
  const response = error.response;
  return isRecord(response) && typeof response.status === 'number' ? response.status : null;
}

/** How long a failed call's answer asked us to wait (Retry-After, in seconds or as a date). */
export function retryAfterMs(error: unknown, now: number = Date.now()): number | null {
  if (!isRecord(error) || !isRecord(error.response)) return null;
  const headers = error.response.headers;
  let value: unknown = null;
  if (isRecord(headers) && typeof headers.get === 'function') value = (headers.get as (name: string) => unknown)('retry-after');
  else if (isRecord(headers)) value = headers['retry-after'];
  if (typeof value !== 'string' || !value.trim()) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export interface RetryOptions {
  /** Told before each wait, so the caller can pause the conversation for everyone. */
  onBackoff?: (waitMs: number, status: number) => void;
  /** First wait when no Retry-After is given; doubled each time. Default 1 s. */
  baseDelayMs?: number;
}

export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const base = options.baseDelayMs ?? 1000;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const status = statusOf(error);
      if (status === null || !RETRYABLE.has(status) || attempt >= MAX_ATTEMPTS) throw error;
      const wait = Math.min(MAX_WAIT_MS, retryAfterMs(error) ?? base * 2 ** (attempt - 1));
      options.onBackoff?.(wait, status);
      await sleep(wait);
    }
  }
}

/** A message to post: markdown text and/or cards. */
export type OutgoingActivity = Partial<Activity> & { type: 'message' };

export async function postMessage(client: ConnectorClient, conversationId: string, activity: OutgoingActivity): Promise<string> {
  const answer = await client.conversations.sendToConversation(baseConversationId(conversationId), activity);
  if (!answer.id) throw new Error('Teams accepted the message but gave no activity id.');
  return answer.id;
}

export async function updateMessage(client: ConnectorClient, conversationId: string, activityId: string, activity: OutgoingActivity): Promise<void> {
  await client.conversations.updateActivity(baseConversationId(conversationId), activityId, { ...activity, id: activityId });
}

/**
 * A line under a card: a reply in the card's thread in a channel; in a chat, which has no threads,
 * the next message.
 */
export async function postNote(client: ConnectorClient, conversationId: string, rootActivityId: string, text: string, conversationType?: string): Promise<void> {
  const activity: OutgoingActivity = { type: 'message', text, textFormat: 'markdown' };
  if (isChannelConversation(conversationId, conversationType)) {
    await client.conversations.replyToActivity(threadConversationId(conversationId, rootActivityId), rootActivityId, activity);
    return;
  }
  await client.conversations.sendToConversation(baseConversationId(conversationId), activity);
}
