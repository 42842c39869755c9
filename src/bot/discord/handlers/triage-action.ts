/**
 * A triage action from a button, picker or the suppress modal. On a card, the clicked message is
 * redrawn in place and — only if this click is the one that brought the recorded copy to the new
 * version — the change is noted under it; every other copy, on every platform, is refreshed by the
 * refresh job the core queued. Clicks in a list or digest are answered privately with the note and
 * the alert as it now is. A stale or refused click changes nothing and says why.
 */
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

export async function applyTriage(deps: HandlerDeps, interaction: Located, target: ActionTarget, action: TriageAction): Promise<Answer> {
  const actor = await actorOf(deps, interaction.guildId, interaction.userId);
  const card = target.surface === 'card' && interaction.message && !interaction.message.ephemeral && interaction.channelId ? { channelId: interaction.channelId, messageId: interaction.message.id } : null;
  const outcome = await triage(deps, actor, { alertId: target.ref.id, expectedVersion: target.ref.version, action, from: card ? { platform: 'discord', ...card } : undefined });
  const now = nowOf(deps);
  if (outcome.ok) {
    if (!card) return say(renderNotice(renderNote(outcome.note, 'discord'), outcome.view, { now }));
    // The response redraws the card; the copy this change claimed for the click gets its note.
    const { note, copy } = outcome;
    return {
      kind: 'update',
      message: renderAlertCard(outcome.view, { now }),
      afterwards: copy ? () => deps.notes.postThreadNote(copy, note) : undefined,
    };
  }
  if (!('view' in outcome)) return say(renderNotice(outcome.message));
  // Stale or not applicable: the card shows the alert as it now is, and the clicker hears why.
  if (card) return { kind: 'update', message: renderAlertCard(outcome.view, { now }), notice: renderNotice(outcome.message) };
  return say(renderNotice(outcome.message, outcome.view, { now }));
}
