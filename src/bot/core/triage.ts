/**
 * Triage: acknowledge, suppress, assign, resolve and reopen an alert, from any platform or the API.
 * The permission check, the state change (optimistic: it applies only to the version the actor
 * saw), its audit row and the refresh of every copy of the card commit in one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { JobQueue } from '../../jobs/job-queue.js';
import type { JobPayloads } from '../../jobs/queues.js';
import { hasStaleMessages, markRenderedAt, unmarkRendered, type AlertMessage } from '../../store/alert-messages.js';
import { lockAlert, transitionLockedAlert, type Alert, type AlertState } from '../../store/alerts.js';
import { appendAudit } from '../../store/audit.js';
import type { Db } from '../../store/db.js';
import { loadAlertView } from './alert-view.js';
import { can, deniedMessage, roleOf, type RoleConfig } from './permissions.js';
import { actorLabel, actorToken } from './capabilities.js';
import type { AlertView, ChatActor, MessageLocation, Platform, Role, TriageAction, TriageOutcome } from './types.js';

/**
 * Someone acting outside chat (the REST API): the role comes with them, from their API token or
 * JWT, instead of from a chat membership. `auditId` is `api:<token id>` or `jwt:<subject>`.
 */
export interface ServiceActor {
  tenantId: string;
  auditId: string;
  role: Role;
}

export type TriageActor = ChatActor | ServiceActor;

function isChatActor(actor: TriageActor): actor is ChatActor {
  return 'platform' in actor;
}

export interface CoreDeps {
  db: Db;
  queue: JobQueue<JobPayloads>;
  config: RoleConfig;
  clock?: () => Date;
}

/** The states an action may start from, and where it leads. */
const RULES: Record<TriageAction['kind'], { from: readonly AlertState[]; to: (current: AlertState) => AlertState }> = {
  acknowledge: { from: ['open'], to: () => 'acknowledged' },
  resolve: { from: ['open', 'acknowledged', 'suppressed'], to: () => 'resolved' },
  reopen: { from: ['acknowledged', 'suppressed', 'resolved'], to: () => 'open' },
  suppress: { from: ['open', 'acknowledged', 'suppressed'], to: () => 'suppressed' },
  assign: { from: ['open', 'acknowledged', 'suppressed'], to: (current) => current },
};

const PAST: Record<TriageAction['kind'], string> = {
  acknowledge: 'acknowledged',
  resolve: 'resolved',
  reopen: 'reopened',
  suppress: 'suppressed',
  assign: 'assigned',
};

/**
 * The thread note for a change, e.g. "Suppressed by {{actor:slack:T1:U1}} until 2026-12-12: noisy test
 * bucket". It is written once and shown on every platform's copies, so actors stay placeholders
 * that each platform renders (`renderNote`): a mention there, a name elsewhere.
 */
export function triageNote(action: TriageAction, actor: Pick<TriageActor, 'auditId'>, alert: Alert): string {
  const by = actorToken(actor.auditId);
  if (action.kind === 'suppress') {
    return `Suppressed by ${by} ${alert.suppressedUntil ? `until ${alert.suppressedUntil.toISOString().slice(0, 10)}` : 'with no end date'}: ${action.reason}`;
  }
  if (action.kind === 'assign') return action.assignee ? `Assigned to ${actorToken(action.assignee)} by ${by}` : `Unassigned by ${by}`;
  const past = PAST[action.kind];
  return `${past.charAt(0).toUpperCase()}${past.slice(1)} by ${by}`;
}

/** "It is now acknowledged by <@U1> (version 3).", for the person whose click came second (or API call: no platform, plain ids). */
function stateLine(view: AlertView, platform: Platform | null): string {
  const by = view.changedBy ? ` by ${platform ? actorLabel(view.changedBy, platform) : view.changedBy}` : '';
  return `It is now ${view.state}${by} (version ${view.version}).`;
}

/**
 * For a caller that claimed a copy (`TriageOutcome.copy`) and could not redraw it: the copy is
 * marked behind again and a refresh job redraws it and posts the note, with the usual retries.
 */
export async function returnCopy(deps: CoreDeps, tenantId: string, copy: AlertMessage, note: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    if (await unmarkRendered(tx, copy.id, copy.renderedVersion)) {
      await deps.queue.send('refresh', { tenantId, alertId: copy.alertId, version: copy.renderedVersion, note }, { tx });
    }
  });
}

/**
 * `from`: the card the action was taken on, if any; see `TriageOutcome.copy`.
 */
export async function triage(
  deps: CoreDeps,
  actor: TriageActor,
  request: { alertId: string; expectedVersion: number; action: TriageAction; from?: MessageLocation; correlationId?: string },
): Promise<TriageOutcome> {
  const { action } = request;
  const correlationId = request.correlationId ?? randomUUID();
  const platform = isChatActor(actor) ? actor.platform : null;
  const role = isChatActor(actor) ? await roleOf(deps.db, deps.config, actor) : actor.role;
  if (!can(role, 'alert:triage')) {
    await appendAudit(deps.db, {
      tenantId: actor.tenantId,
      actor: actor.auditId,
      action: `alert.${action.kind}`,
      targetType: 'alert',
      targetId: request.alertId,
      outcome: 'failure',
      details: { denied: true, role },
    });
    return { ok: false, reason: 'forbidden', message: deniedMessage(role, 'alert:triage') };
  }

  const outcome = await deps.db.transaction(async (tx) => {
    // Locked from here to the commit: a concurrent click on the same alert waits, then sees the new version.
    const current = await lockAlert(tx, request.alertId).catch(() => null);
    // Another tenant's alert is as absent as a deleted one.
    if (!current || current.tenantId !== actor.tenantId) return { kind: 'not_found' as const };
    if (current.version !== request.expectedVersion) return { kind: 'stale' as const };
    const rule = RULES[action.kind];
    if (!rule.from.includes(current.state)) return { kind: 'invalid' as const, state: current.state };
    const result = await transitionLockedAlert(tx, current, {
      alertId: current.id,
      expectedVersion: request.expectedVersion,
      to: rule.to(current.state),
      actor: actor.auditId,
      reason: action.kind === 'suppress' ? action.reason : undefined,
      suppressedUntil: action.kind === 'suppress' ? action.until : undefined,
      assignee: action.kind === 'assign' ? action.assignee : undefined,
    });
    if (!result.ok) return { kind: 'stale' as const };
    const note = triageNote(action, actor, result.alert);
    await appendAudit(tx, {
      tenantId: actor.tenantId,
      actor: actor.auditId,
      action: `alert.${action.kind}`,
      targetType: 'alert',
      targetId: current.id,
      details: {
        before: { state: result.before.state, version: result.before.version, assignee: result.before.assignee },
        after: { state: result.alert.state, version: result.alert.version, assignee: result.alert.assignee, suppressedUntil: result.alert.suppressedUntil },
        ...(action.kind === 'suppress' ? { reason: action.reason } : {}),
      },
    });
    // The card the action was taken on is claimed for the caller in this transaction: marked as
    // showing the new version before the refresh job can see the change, so the job, however fast,
    // skips it, and only the caller redraws it and notes the change under it.
    const copy = request.from ? await markRenderedAt(tx, request.from, current.id, result.alert.version) : null;
    // The other copies (other channels, Teams, Discord) are the refresh job's. With none, there is
    // no job: a card the notify job records meanwhile is checked there (settledAlertVersion).
    if (await hasStaleMessages(tx, current.id, result.alert.version)) {
      await deps.queue.send('refresh', { tenantId: actor.tenantId, alertId: current.id, version: result.alert.version, note }, { tx, correlationId });
    }
    return { kind: 'ok' as const, note, copy };
  });

  if (outcome.kind === 'not_found') return { ok: false, reason: 'not_found', message: 'That alert no longer exists.' };
  const view = await loadAlertView(deps.db, actor.tenantId, request.alertId);
  if (!view) return { ok: false, reason: 'not_found', message: 'That alert no longer exists.' };
  if (outcome.kind === 'stale') return { ok: false, reason: 'stale', view, message: `Someone acted on this alert first. ${stateLine(view, platform)}` };
  if (outcome.kind === 'invalid') return { ok: false, reason: 'invalid', view, message: `An alert that is ${outcome.state} cannot be ${PAST[action.kind]}. ${stateLine(view, platform)}` };
  return { ok: true, view, note: outcome.note, copy: outcome.copy };
}
