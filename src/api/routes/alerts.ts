/**
 * Alerts: list with filters, read one, and triage them through the same core as a chat click — the
 * same state rules, optimistic version check, audit row and refresh of every chat copy.
 */
import type { z } from 'zod';
import { triage } from '../../bot/core/triage.js';
import type { TriageAction } from '../../bot/core/types.js';
import { AppError } from '../../errors.js';
import type { ApiDeps, ApiPrincipal } from '../context.js';
import { invalid, notFound } from '../errors.js';
import { findAlert, queryAlerts } from '../../store/alerts.js';
import { page } from '../paging.js';
import { defineRoute, type ApiRoute, type Output } from '../route.js';
import { AlertIdParams, AlertListResponse, AlertResponse, AssignBody, ListAlertsQuery, SuppressBody, TriageBody } from '../schemas.js';
import { alertView } from '../views.js';

/** A note's actor placeholders (`{{actor:api:…}}`) as plain ids: an API client has no platform to render mentions for. */
const plainNote = (note: string): string => note.replace(/\{\{actor:([^}]*)\}\}/g, (_, actor: string) => actor || 'someone');

async function runTriage(deps: ApiDeps, principal: ApiPrincipal, alertId: string, expectedVersion: number, action: TriageAction, correlationId: string) {
  const outcome = await triage(
    { db: deps.db, queue: deps.queue, config: deps.config, clock: deps.clock },
    { tenantId: principal.tenantId, auditId: principal.actor, role: principal.role },
    { alertId, expectedVersion, action, correlationId },
  );
  if (!outcome.ok) {
    if (outcome.reason === 'not_found') throw notFound('Alert', alertId);
    if (outcome.reason === 'forbidden') throw new AppError('AUTHORIZATION_ERROR', outcome.message);
    const field = outcome.reason === 'stale' ? 'expected_version' : undefined;
    throw new AppError('CONFLICT', outcome.message, { details: [{ code: 'CONFLICT', message: outcome.message, ...(field ? { field } : {}) }] });
  }
  const row = await findAlert(deps.db, principal.tenantId, alertId);
  if (!row) throw notFound('Alert', alertId);
  return { body: { success: true as const, data: alertView(row), message: plainNote(outcome.note) } };
}

type ActionKind = TriageAction['kind'];

const SUMMARIES: Record<ActionKind, string> = {
  acknowledge: 'Acknowledge an open alert',
  suppress: 'Suppress an alert (optionally until a date)',
  assign: 'Assign (or unassign) an alert',
  resolve: 'Resolve an alert',
  reopen: 'Reopen an alert',
};

function triageRoute<B extends z.ZodType>(kind: ActionKind, body: B, toAction: (body: Output<B>, now: Date) => { expectedVersion: number; action: TriageAction }): ApiRoute {
  return defineRoute({
    method: 'post',
    path: `/alerts/:alert_id/${kind}`,
    operationId: `${kind}Alert`,
    summary: SUMMARIES[kind],
    description: 'Applies only if the alert is still at `expected_version`; otherwise nothing changes and the answer is 409 CONFLICT with the alert\'s current state. Every chat copy of the alert is refreshed.',
    tag: 'Alerts',
    permission: 'alert:triage',
    action: `alert.${kind}`,
    params: AlertIdParams,
    body,
    response: { status: 200, description: 'The alert after the change', schema: AlertResponse },
    errors: [404, 409],
    async handler({ deps, principal, params, body: input, correlationId }) {
      const { expectedVersion, action } = toAction(input, (deps.clock ?? (() => new Date()))());
      return runTriage(deps, principal, params.alert_id, expectedVersion, action, correlationId);
    },
  });
}

export function alertRoutes(): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/alerts',
      operationId: 'listAlerts',
      summary: 'List alerts',
      description: 'Most severe first, then newest; filter by state, severity, integration and assignee; paged with limit and offset.',
      tag: 'Alerts',
      permission: 'alert:view',
      action: 'alert.list',
      query: ListAlertsQuery,
      response: { status: 200, description: 'A page of alerts', schema: AlertListResponse },
      async handler({ deps, principal, query }) {
        const rows = await queryAlerts(deps.db, {
          tenantId: principal.tenantId,
          states: query.state,
          severities: query.severity,
          integrationId: query.integration_id,
          assignee: query.assignee,
          limit: query.limit,
          offset: query.offset,
        });
        const { items, paging } = page(rows, query.limit, query.offset);
        return { body: { success: true as const, data: { alerts: items.map(alertView), paging } } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/alerts/:alert_id',
      operationId: 'getAlert',
      summary: 'Get an alert',
      tag: 'Alerts',
      permission: 'alert:view',
      action: 'alert.view',
      params: AlertIdParams,
      response: { status: 200, description: 'The alert with its finding', schema: AlertResponse },
      errors: [404],
      async handler({ deps, principal, params }) {
        const row = await findAlert(deps.db, principal.tenantId, params.alert_id);
        if (!row) throw notFound('Alert', params.alert_id);
        return { body: { success: true as const, data: alertView(row) } };
      },
    }),
    triageRoute('acknowledge', TriageBody, (body) => ({ expectedVersion: body.expected_version, action: { kind: 'acknowledge' } })),
    triageRoute('suppress', SuppressBody, (body, now) => {
      const until = body.until ? new Date(body.until) : null;
      if (until && until.getTime() <= now.getTime()) throw invalid('until', 'must be in the future');
      return { expectedVersion: body.expected_version, action: { kind: 'suppress', reason: body.reason, until } };
    }),
    triageRoute('assign', AssignBody, (body) => ({ expectedVersion: body.expected_version, action: { kind: 'assign', assignee: body.assignee } })),
    triageRoute('resolve', TriageBody, (body) => ({ expectedVersion: body.expected_version, action: { kind: 'resolve' } })),
    triageRoute('reopen', TriageBody, (body) => ({ expectedVersion: body.expected_version, action: { kind: 'reopen' } })),
  ];
}
