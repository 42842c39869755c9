/**
 * A triage action from a button, picker or the suppress modal. On a card, the clicked message is
 * redrawn in place and — only if this click is the one that brought the recorded copy to the new
 * version — the change is noted under it; every other copy, on every platform, is refreshed by the
 * refresh job the core queued. Clicks in a list or digest are answered privately with the note and
 * the alert as it now is. A stale or refused click changes nothing and says why.
 */
import { findAlertMessage, markRendered } from '../../../store/alert-messages.js';
import { renderNote } from '../../core/capabilities.js';
import type { AlertRef } from '../../core/present.js';
import { triage } from '../../core/triage.js';
import type { TriageAction } from '../../core/types.js';
import { actorOf } from '../actor.js';
import { say, type Answer } from '../answer.js';
import type { Surface } from '../custom-ids.js';
import type { Interaction } from '../interaction.js';
import { renderAlertCard, renderNotice } from '../render.js';
import { nowOf, type HandlerDeps } from './deps.js';

export interface ActionTarget {
  surface: Surface;
  ref: AlertRef;
}

type Located = Interaction & { guildId: string; userId: string };

/** Notes the change under the card, if this copy was not already brought up to date by the refresh job. */
async function noteUnderCard(deps: HandlerDeps, channelId: string, messageId: string, version: number, note: string): Promise<void> {
  const record = await findAlertMessage(deps.db, 'discord', channelId, messageId);
  if (!record) return;
  if (await markRendered(deps.db, record.id, version)) await deps.notes.postThreadNote(record, note);
}

export async function applyTriage(deps: HandlerDeps, interaction: Located, target: ActionTarget, action: TriageAction): Promise<Answer> {
  const actor = await actorOf(deps, interaction.guildId, interaction.userId);
  const outcome = await triage(deps, actor, { alertId: target.ref.id, expectedVersion: target.ref.version, action });
  const now = nowOf(deps);
  const card = target.surface === 'card' && interaction.message && !interaction.message.ephemeral && interaction.channelId ? { channelId: interaction.channelId, messageId: interaction.message.id } : null;
  if (outcome.ok) {
    if (!card) return say(renderNotice(renderNote(outcome.note, 'discord'), outcome.view, { now }));
    const { note } = outcome;
    return {
      kind: 'update',
      message: renderAlertCard(outcome.view, { now }),
      afterwards: () => noteUnderCard(deps, card.channelId, card.messageId, target.ref.version + 1, note),
    };
  }
  if (!('view' in outcome)) return say(renderNotice(outcome.message));
  // Stale or not applicable: the card shows the alert as it now is, and the clicker hears why.
  if (card) return { kind: 'update', message: renderAlertCard(outcome.view, { now }), notice: renderNotice(outcome.message) };
  return say(renderNotice(outcome.message, outcome.view, { now }));
}
