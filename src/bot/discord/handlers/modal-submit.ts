/**
 * The suppress modal sent back. A missing reason or an unreadable duration is answered privately
 * and changes nothing; a valid one suppresses the alert like a click would, updating the card the
 * modal was opened from.
 */
import { NOT_IN_A_SERVER } from '../actor.js';
import { say, type Plan } from '../answer.js';
import { decodeSuppressModalId } from '../custom-ids.js';
import type { Interaction } from '../interaction.js';
import { parseSuppressModal, suppressErrorText } from '../modal.js';
import { renderNotice } from '../render.js';
import { NOT_UNDERSTOOD } from './component.js';
import { nowOf, type HandlerDeps } from './deps.js';
import { applyTriage } from './triage-action.js';

export function handleModalSubmit(deps: HandlerDeps, interaction: Interaction): Plan {
  const target = decodeSuppressModalId(interaction.data.custom_id);
  const onCard = target?.surface === 'card' && interaction.message !== null && !interaction.message.ephemeral;
  const defer = onCard ? ({ kind: 'update' } as const) : ({ kind: 'message', ephemeral: true } as const);
  const { guildId, userId } = interaction;
  if (!target) return { defer, answer: say(renderNotice(NOT_UNDERSTOOD)) };
  if (!guildId || !userId) return { defer, answer: say(renderNotice(NOT_IN_A_SERVER)) };
  const parsed = parseSuppressModal(interaction.data.components, nowOf(deps));
  if (!parsed.ok) return { defer, answer: say(renderNotice(suppressErrorText(parsed.errors))) };
  const action = { kind: 'suppress', reason: parsed.reason, until: parsed.until } as const;
  return { defer, answer: applyTriage(deps, { ...interaction, guildId, userId }, target, action) };
}
