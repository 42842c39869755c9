/**
 * The bot added to a team, a group chat or someone's personal chat: the tenant is registered (so
 * the notifier can reach it later) and a short welcome says how to start.
 */
import type { TurnContext } from 'botbuilder';
import { teamsMarkdown } from '../cards.js';
import { workspaceOf } from '../identity.js';
import type { TeamsHandlerDeps } from './deps.js';

export const WELCOME = [
  '*CloudSentinel* is here: cloud misconfigurations, triaged in this conversation.',
  'Mention me with a command, e.g. `@CloudSentinel scan prod`, `@CloudSentinel subscribe prod high` or `@CloudSentinel help` (in a personal chat, just `help`).',
].join('\n');

export async function onConversationUpdate(deps: TeamsHandlerDeps, context: TurnContext): Promise<void> {
  const activity = context.activity;
  const botId = activity.recipient?.id;
  const added = (activity.membersAdded ?? []).some((member) => member.id === botId);
  if (!added) return;
  await workspaceOf(deps, activity);
  await context.sendActivity({ type: 'message', text: teamsMarkdown(WELCOME), textFormat: 'markdown' });
}
