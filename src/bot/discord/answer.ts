/**
 * What a handler decides, apart from how it reaches Discord. The endpoint turns an answer into the
 * interaction's HTTP response when it is ready within the deadline, or else into a deferred
 * response followed by webhook calls (see app.ts); handlers never see the difference.
 */
import type { APIModalInteractionResponseCallbackData } from 'discord.js';
import type { DiscordMessage } from './render.js';

export type Answer =
  /** New messages: the first answers the interaction, the rest follow. */
  | { kind: 'message'; messages: DiscordMessage[]; ephemeral: boolean; afterwards?: () => Promise<void> }
  /** The message the clicked component sits on, redrawn; `notice` goes to the clicker alone. */
  | { kind: 'update'; message: DiscordMessage; notice?: DiscordMessage; afterwards?: () => Promise<void> }
  | { kind: 'modal'; modal: APIModalInteractionResponseCallbackData };

/**
 * What Discord is told first when the answer takes too long. It must be chosen before the work is
 * done: a new message (and whether only the asker sees it), or an edit of the clicked message.
 */
export type Deferral = { kind: 'message'; ephemeral: boolean } | { kind: 'update' };

/** A handler's plan: the deferral to use if needed, and the answer — at once when it needs no I/O. */
export interface Plan {
  defer: Deferral;
  answer: Answer | Promise<Answer>;
}

export const say = (message: DiscordMessage, ephemeral = true): Answer => ({ kind: 'message', messages: [message], ephemeral });
