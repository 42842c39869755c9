/**
 * A click on a card (Universal Actions: an `invoke` named `adaptiveCard/action`). The core decides;
 * the answer to the invoke is the card as the clicker should now see it, and a card CloudSentinel
 * posted (one it keeps a record of) is also updated in place for everyone, with the change noted in
 * its thread. The refresh job brings every other copy, on every platform, up to date.
 *
 * Suppress and Assign read their inline inputs from the action's data. A form with a problem (no
 * reason, a past date) comes back as the same card with the problem shown, and nothing changes.
 */
import type { TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { findAlertMessage, type AlertMessage } from '../../../store/alert-messages.js';
import { loadAlertView } from '../../core/alert-view.js';
import { renderNote } from '../../core/capabilities.js';
import { parseCommand, runCommand } from '../../core/commands.js';
import { isRecord, isVersion, parseSuppressInput } from '../../core/present.js';
import { returnCopy, triage } from '../../core/triage.js';
import type { AlertView, ChatActor, TriageAction } from '../../core/types.js';
import { attachment, cardResponse, errorResponse, INPUTS, messageResponse, renderAlertCard, renderCommandReply, VERBS, alertSummary } from '../cards.js';
import { baseConversationId } from '../conversation.js';
import { actorOf, channelOf, userIdOf, workspaceOf } from '../identity.js';
import { postNote, updateMessage } from '../send.js';
import { NO_TENANT } from './message.js';
import type { TeamsHandlerDeps } from './deps.js';

export type UniversalActionResponse =
  | ReturnType<typeof cardResponse>
  | ReturnType<typeof messageResponse>
  | ReturnType<typeof errorResponse>;

interface ActionRequest {
  verb: string;
  data: Record<string, unknown>;
}

/** `{ action: { type: 'Action.Execute', verb, data } }`, or null for anything else. */
export function readAction(value: unknown): ActionRequest | null {
  if (!isRecord(value) || !isRecord(value.action)) return null;
  const { type, verb, data } = value.action;
  if (type !== 'Action.Execute' || typeof verb !== 'string') return null;
  return { verb, data: isRecord(data) ? data : {} };
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The triage action a verb asks for, or a problem to show on the card. */
function triageActionOf(request: ActionRequest, actor: ChatActor, now: Date): TriageAction | { problem: string } | null {
  switch (request.verb) {
    case VERBS.acknowledge:
      return { kind: 'acknowledge' };
    case VERBS.resolve:
      return { kind: 'resolve' };
    case VERBS.reopen:
      return { kind: 'reopen' };
    case VERBS.assignMe:
      return { kind: 'assign', assignee: actor.auditId };
    case VERBS.assign: {
      // The people picker answers with the Entra object id of the person picked.
      const picked = text(request.data[INPUTS.assignee]).trim();
      if (!/^[A-Za-z0-9-]{1,64}$/.test(picked)) return { problem: 'Pick someone to assign the alert to.' };
      return { kind: 'assign', assignee: `teams:${actor.workspaceExternalId}:${picked}` };
    }
    case VERBS.suppress: {
      const parsed = parseSuppressInput({ reason: request.data[INPUTS.reason], duration: request.data[INPUTS.duration], date: request.data[INPUTS.date] }, now);
      if (!parsed.ok) return { problem: Object.values(parsed.errors).join(' ') };
      return { kind: 'suppress', reason: parsed.reason, until: parsed.until };
    }
    default:
      return null;
  }
}

/** The connector client of this turn, which botbuilder made for the conversation the click came from. */
function connectorOf(context: TurnContext): ConnectorClient {
  return context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
}

/** The card a click came from: the conversation and the activity id of the card. */
function clickedCard(context: TurnContext): { conversationId: string; cardId: string } | null {
  const cardId = context.activity.replyToId;
  const conversationId = baseConversationId(context.activity.conversation?.id ?? '');
  return cardId && conversationId ? { conversationId, cardId } : null;
}

/**
 * Shows `view` on the clicked card for everyone, when it is a card CloudSentinel posted. `claimed`:
 * the copy the change claimed for this click (`TriageOutcome.copy`), whose note goes under it here;
 * if the card cannot be updated, the copy goes back to the refresh job, which retries. Without a
 * claim (a stale card, which only shows the current state) nothing is noted: the change that did
 * happen owes its own note.
 */
async function showOnCard(deps: TeamsHandlerDeps, context: TurnContext, view: AlertView, claimed: { tenantId: string; copy: AlertMessage; note: string } | null): Promise<void> {
  const card = clickedCard(context);
  if (!card) return;
  // Lists answering a command are not recorded: the invoke answer updates them for the clicker.
  const record = claimed?.copy ?? (await findAlertMessage(deps.db, 'teams', card.conversationId, card.cardId));
  if (!record) return;
  const client = connectorOf(context);
  try {
    await updateMessage(client, card.conversationId, card.cardId, { type: 'message', summary: alertSummary(view), attachments: [attachment(renderAlertCard(view))] });
  } catch (error) {
    if (claimed) await returnCopy(deps, claimed.tenantId, claimed.copy, claimed.note);
    throw error;
  }
  if (claimed) await postNote(client, card.conversationId, record.threadId ?? card.cardId, renderNote(claimed.note, 'teams'), context.activity.conversation?.conversationType);
}

/** `Next page` and `Show them`: the command's answer, posted in the conversation. */
async function runMore(deps: TeamsHandlerDeps, context: TurnContext, actor: ChatActor, request: ActionRequest): Promise<UniversalActionResponse> {
  const command = text(request.data.command);
  if (!command) return errorResponse(400, 'This button carries no command.');
  const reply = await runCommand(deps, actor, channelOf(context.activity), parseCommand(command));
  await context.sendActivity(renderCommandReply(reply));
  return messageResponse('Posted below.');
}

export async function onCardAction(deps: TeamsHandlerDeps, context: TurnContext): Promise<UniversalActionResponse> {
  const request = readAction(context.activity.value);
  if (!request) return errorResponse(400, 'Not a card action CloudSentinel knows.');
  const workspace = await workspaceOf(deps, context.activity);
  const userId = userIdOf(context.activity);
  if (!workspace || !userId) return messageResponse(NO_TENANT);
  const actor = actorOf(workspace, userId);
  if (request.verb === VERBS.more) return runMore(deps, context, actor, request);

  const alertId = text(request.data.alertId);
  const version = request.data.version;
  if (!alertId || !isVersion(version)) return errorResponse(400, 'This card does not say which alert it shows.');
  const now = (deps.clock ?? (() => new Date()))();
  const action = triageActionOf(request, actor, now);
  if (!action) return errorResponse(400, `Unknown action \`${request.verb}\`.`);
  if ('problem' in action) {
    const view = await loadAlertView(deps.db, actor.tenantId, alertId);
    return view ? cardResponse(renderAlertCard(view, { now, message: action.problem })) : messageResponse('That alert no longer exists.');
  }

  const card = clickedCard(context);
  const from = card ? { platform: 'teams' as const, channelId: card.conversationId, messageId: card.cardId } : undefined;
  const outcome = await triage(deps, actor, { alertId, expectedVersion: version, action, from });
  if (outcome.ok) {
    await showOnCard(deps, context, outcome.view, outcome.copy ? { tenantId: actor.tenantId, copy: outcome.copy, note: outcome.note } : null);
    return cardResponse(renderAlertCard(outcome.view, { now }));
  }
  if ('view' in outcome) {
    // A stale card shows the alert as it now is, to everyone; the clicker also sees why nothing happened.
    await showOnCard(deps, context, outcome.view, null);
    return cardResponse(renderAlertCard(outcome.view, { now, message: outcome.message }));
  }
  const view = outcome.reason === 'forbidden' ? await loadAlertView(deps.db, actor.tenantId, alertId) : null;
  return view ? cardResponse(renderAlertCard(view, { now, message: outcome.message })) : messageResponse(outcome.message);
}
