/**
 * A click on a button or a pick in the assign menu. Suppress opens the modal at once (a modal
 * cannot be deferred); "Next page" runs the list command again; the rest are triage actions.
 */
import { isRecord } from '../../core/present.js';
import type { TriageAction } from '../../core/types.js';
import { NOT_IN_A_SERVER } from '../actor.js';
import { say, type Plan } from '../answer.js';
import { decodeComponentId, type AlertVerb } from '../custom-ids.js';
import type { Interaction } from '../interaction.js';
import { suppressModal } from '../modal.js';
import { renderNotice } from '../render.js';
import { answerCommand } from './command.js';
import type { HandlerDeps } from './deps.js';
import { applyTriage } from './triage-action.js';

export const NOT_UNDERSTOOD = 'This button is not one CloudSentinel understands (the message may be from an older version). Run `/sentinel alerts` for current ones.';

/** The assignee a user picker chose: the first value, or nobody when it was cleared. */
function pickedAssignee(data: Record<string, unknown>, guildId: string): string | null {
  const [first] = Array.isArray(data.values) ? (data.values as unknown[]) : [];
  return typeof first === 'string' && /^\d{1,25}$/.test(first) ? `discord:${guildId}:${first}` : null;
}

function actionOf(verb: Exclude<AlertVerb, 'suppress'>, data: Record<string, unknown>, guildId: string): TriageAction {
  switch (verb) {
    case 'acknowledge':
    case 'resolve':
    case 'reopen':
      return { kind: verb };
    case 'assign':
      return { kind: 'assign', assignee: pickedAssignee(data, guildId) };
  }
}

export function handleComponent(deps: HandlerDeps, interaction: Interaction): Plan {
  const id = decodeComponentId(interaction.data.custom_id);
  const { guildId, userId, channelId } = interaction;
  if (!id) return { defer: { kind: 'update' }, answer: say(renderNotice(NOT_UNDERSTOOD)) };
  if (!guildId || !userId || !channelId || !isRecord(interaction.data)) return { defer: { kind: 'update' }, answer: say(renderNotice(NOT_IN_A_SERVER)) };
  const located = { ...interaction, guildId, userId, channelId };
  if (id.kind === 'page') return { defer: { kind: 'message', ephemeral: true }, answer: answerCommand(deps, located, id.command) };
  if (id.verb === 'suppress') return { defer: { kind: 'update' }, answer: { kind: 'modal', modal: suppressModal(id.surface, id.ref, null) } };
  return { defer: { kind: 'update' }, answer: applyTriage(deps, located, id, actionOf(id.verb, interaction.data, guildId)) };
}
