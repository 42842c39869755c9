/**
 * An incoming interaction, read defensively: Discord's JSON is trusted only for its shape once its
 * signature has been checked, and even then a field missing or of the wrong type makes the
 * interaction unreadable (null) rather than a crash further in.
 */
import { MessageFlags, type InteractionType } from 'discord.js';
import { isRecord } from '../core/present.js';

export interface Interaction {
  /** As sent; a type this version of Discord's API types does not know stays a number and is refused. */
  type: InteractionType;
  id: string;
  /** The interaction token: answers after the first go to `/webhooks/{application}/{token}`. */
  token: string;
  /** The server; null in a direct message. */
  guildId: string | null;
  channelId: string | null;
  /** `member.user.id` in a server, `user.id` in a direct message. */
  userId: string | null;
  data: Record<string, unknown>;
  /** The message a component (or a modal opened from one) sits on. */
  message: { id: string; ephemeral: boolean } | null;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function userIdOf(body: Record<string, unknown>): string | null {
  const member = body.member;
  if (isRecord(member) && isRecord(member.user)) return str(member.user.id);
  return isRecord(body.user) ? str(body.user.id) : null;
}

function messageOf(value: unknown): Interaction['message'] {
  if (!isRecord(value)) return null;
  const id = str(value.id);
  if (!id) return null;
  const flags = typeof value.flags === 'number' ? value.flags : 0;
  return { id, ephemeral: (flags & MessageFlags.Ephemeral) !== 0 };
}

export function readInteraction(body: unknown): Interaction | null {
  if (!isRecord(body)) return null;
  const { type } = body;
  const id = str(body.id);
  const token = str(body.token);
  if (typeof type !== 'number' || !Number.isInteger(type) || !id || !token) return null;
  const channelId = str(body.channel_id) ?? (isRecord(body.channel) ? str(body.channel.id) : null);
  return {
    type: type as InteractionType,
    id,
    token,
    guildId: str(body.guild_id),
    channelId,
    userId: userIdOf(body),
    data: isRecord(body.data) ? body.data : {},
    message: messageOf(body.message),
  };
}
