/**
 * A message to the bot is a command: `@CloudSentinel scan prod` in a channel or group chat, or just
 * `scan prod` in a personal chat. The bot's mention is taken out, other people's mentions become
 * their ids (for `role @user responder`), and the answer is posted in the conversation — in a
 * channel, as a reply to the command. Teams has no message only one person sees, so answers Slack
 * shows privately are visible to the conversation here.
 */
import { randomUUID } from 'node:crypto';
import { TurnContext, type Activity } from 'botbuilder';
import { parseCommand, runCommand } from '../../core/commands.js';
import { isRecord } from '../../core/present.js';
import { renderCommandReply } from '../cards.js';
import { actorOf, channelOf, userIdOf, workspaceOf } from '../identity.js';
import type { TeamsHandlerDeps } from './deps.js';

export const NO_TENANT = 'CloudSentinel works in Microsoft Teams conversations of an organisation (Entra tenant); this conversation has none.';

const ENTITIES: Record<string, string> = { '&nbsp;': ' ', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** Other people's `<at>Name</at>` mentions as `<@aad-object-id>`, the form the core's parser reads. */
function mentionsAsIds(activity: Partial<Activity>, text: string): string {
  let out = text;
  for (const entity of activity.entities ?? []) {
    if (entity.type !== 'mention' || !isRecord(entity.mentioned) || typeof entity.text !== 'string') continue;
    const mentioned = entity.mentioned;
    const id = typeof mentioned.aadObjectId === 'string' ? mentioned.aadObjectId : typeof mentioned.id === 'string' ? mentioned.id : null;
    if (id && mentioned.id !== activity.recipient?.id) out = out.split(entity.text).join(`<@${id}>`);
  }
  return out;
}

/** The command in a message: mentions resolved, markup and a leading `/sentinel` or `sentinel` dropped. */
export function commandText(activity: Partial<Activity>): string {
  const copy: Partial<Activity> = { ...activity, text: activity.text ?? '' };
  const withoutBot = activity.recipient ? TurnContext.removeRecipientMention(copy) : (copy.text ?? '');
  return mentionsAsIds(activity, withoutBot ?? '')
    .replace(/<at>[^<]*<\/at>/g, ' ')
    .replace(/<\/?[a-z][^>]*>/gi, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
    .trim()
    .replace(/^\/?sentinel\b\s*/i, '')
    .trim();
}

export async function onMessage(deps: TeamsHandlerDeps, context: TurnContext): Promise<void> {
  const activity = context.activity;
  const workspace = await workspaceOf(deps, activity);
  const userId = userIdOf(activity);
  if (!workspace || !userId) {
    await context.sendActivity(NO_TENANT);
    return;
  }
  const reply = await runCommand(deps, actorOf(workspace, userId), channelOf(activity), parseCommand(commandText(activity)), randomUUID());
  await context.sendActivity(renderCommandReply(reply, { now: (deps.clock ?? (() => new Date()))() }));
}
