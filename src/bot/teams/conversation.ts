/**
 * Where Teams messages go. A subscription keeps a conversation reference (service URL, conversation,
 * bot account) as its delivery target, so cards can be posted proactively long after the command; a
 * posted card is remembered only by conversation and activity id, so updates and thread notes find
 * the service URL again in the workspace (the Teams tenant) the bot saw it from.
 */
import type { ConversationAccount } from 'botbuilder';
import type { Activity } from 'botbuilder';
import { isRecord } from '../core/present.js';

/** What proactive posting needs to reach a conversation: a Bot Framework conversation reference, trimmed. */
export interface TeamsTarget {
  channelId: 'msteams';
  serviceUrl: string;
  conversation: { id: string; conversationType?: string; tenantId?: string; isGroup?: boolean };
  bot?: { id: string; name?: string };
}

/**
 * A channel conversation id with the thread it was typed in (`19:x@thread.tacv2;messageid=123`) →
 * the channel itself, which is what a subscription and a posted card belong to.
 */
export function baseConversationId(id: string): string {
  return id.split(';messageid=')[0] ?? id;
}

/** The conversation of one thread of a channel: replies posted to it land under the root message. */
export function threadConversationId(channelConversationId: string, rootActivityId: string): string {
  return `${baseConversationId(channelConversationId)};messageid=${rootActivityId}`;
}

/**
 * Whether a conversation is a channel (threads of replies) rather than a chat. The conversation type
 * is known when the bot saw the conversation; a stored message has only its id, and Teams names
 * channels `19:…@thread.tacv2` (or `@thread.skype` for older teams).
 */
export function isChannelConversation(id: string, conversationType?: string): boolean {
  if (conversationType) return conversationType === 'channel';
  return /@thread\.(tacv2|skype)$/.test(baseConversationId(id));
}

/** What the Bot Framework Emulator's conversations count as: it has no Entra tenant of its own. */
export const EMULATOR_TENANT = 'emulator';

/** The Teams (Entra) tenant of an activity. */
export function tenantOf(activity: Partial<Activity>): string | null {
  const fromConversation = activity.conversation?.tenantId;
  if (typeof fromConversation === 'string' && fromConversation) return fromConversation;
  const channelData: unknown = activity.channelData;
  const tenant = isRecord(channelData) && isRecord(channelData.tenant) ? channelData.tenant.id : null;
  if (typeof tenant === 'string' && tenant) return tenant;
  return activity.channelId === 'emulator' ? EMULATOR_TENANT : null;
}

/** The conversation reference of the conversation an activity came from. */
export function targetOf(activity: Partial<Activity>): TeamsTarget {
  const conversation: Partial<ConversationAccount> = activity.conversation ?? {};
  const id = baseConversationId(conversation.id ?? '');
  const tenantId = tenantOf(activity) ?? undefined;
  return {
    channelId: 'msteams',
    serviceUrl: activity.serviceUrl ?? '',
    conversation: {
      id,
      ...(conversation.conversationType ? { conversationType: conversation.conversationType } : {}),
      ...(tenantId ? { tenantId } : {}),
      ...(conversation.isGroup !== undefined ? { isGroup: conversation.isGroup } : {}),
    },
    ...(activity.recipient?.id ? { bot: { id: activity.recipient.id, ...(activity.recipient.name ? { name: activity.recipient.name } : {}) } } : {}),
  };
}

/** A stored target read back; null when it is not one (a route made by another version, say). */
export function readTarget(value: unknown): TeamsTarget | null {
  if (!isRecord(value) || typeof value.serviceUrl !== 'string' || !value.serviceUrl || !isRecord(value.conversation)) return null;
  const { id, conversationType, tenantId, isGroup } = value.conversation;
  if (typeof id !== 'string' || !id) return null;
  const bot = isRecord(value.bot) && typeof value.bot.id === 'string' ? { id: value.bot.id, ...(typeof value.bot.name === 'string' ? { name: value.bot.name } : {}) } : undefined;
  return {
    channelId: 'msteams',
    serviceUrl: value.serviceUrl,
    conversation: {
      id,
      ...(typeof conversationType === 'string' ? { conversationType } : {}),
      ...(typeof tenantId === 'string' ? { tenantId } : {}),
      ...(typeof isGroup === 'boolean' ? { isGroup } : {}),
    },
    ...(bot ? { bot } : {}),
  };
}
