/**
 * `/sentinel …` on every platform: parsing the text into a Command, and running it for an actor in
 * a channel. Answers are neutral CommandReply values that each platform renders; slow work (scans)
 * is queued, never run here.
 */
import { randomUUID } from 'node:crypto';
import { isAppError } from '../../errors.js';
import { startScan } from '../../jobs/start-scan.js';
import { listAlerts, type AlertSeverity, type AlertState } from '../../store/alerts.js';
import { appendAudit } from '../../store/audit.js';
import { findIntegrationByName, listIntegrations, type PublicIntegration } from '../../store/integrations.js';
import { setMemberRole } from '../../store/members.js';
import { listRoutesForChannel, removeRoute, upsertRoute } from '../../store/routes.js';
import { getScan, listScans, type Scan } from '../../store/scans.js';
import { listActiveSuppressionRules } from '../../store/suppressions.js';
import { loadAlertViews } from './alert-view.js';
import { can, deniedMessage, roleOf } from './permissions.js';
import type { CoreDeps } from './triage.js';
import type { ChatActor, ChatChannel, CommandReply, Permission, Role } from './types.js';

export const SEVERITIES: readonly AlertSeverity[] = ['critical', 'high', 'medium', 'low', 'info'];
const STATES = ['open', 'acknowledged', 'suppressed', 'resolved'] as const;
export const ALERTS_PAGE_SIZE = 5;

export type AlertsView = AlertState | 'mine';

export type Command =
  | { kind: 'help' }
  | { kind: 'scan'; integration: string }
  | { kind: 'status'; scanId: string | null }
  | { kind: 'alerts'; view: AlertsView; severity: AlertSeverity | null; page: number }
  | { kind: 'subscribe'; integration: string | null; minSeverity: AlertSeverity }
  | { kind: 'unsubscribe'; integration: string | null }
  | { kind: 'integrations' }
  | { kind: 'suppressions' }
  | { kind: 'role'; userId: string; role: Role }
  | { kind: 'unknown'; input: string; problem: string };

export const HELP = [
  '*CloudSentinel* — cloud misconfigurations, triaged here.',
  '`/sentinel scan <integration>` — start a scan; progress and the summary are posted in this channel',
  '`/sentinel status [scan-id]` — the latest scans, or one scan',
  '`/sentinel alerts [open|acknowledged|suppressed|resolved|mine] [critical|high|medium|low] [page N]` — alerts with their buttons',
  '`/sentinel subscribe <integration|all> [min-severity]` — post new alerts of an integration to this channel',
  '`/sentinel unsubscribe <integration|all>` — stop posting them here',
  '`/sentinel integrations` — connected clouds and their health',
  '`/sentinel suppressions` — active suppressions and when they end',
  '`/sentinel role <@user> <admin|responder|viewer>` — grant a role (admins)',
  '`/sentinel help` — this list',
].join('\n');

const unknown = (input: string, problem: string): Command => ({ kind: 'unknown', input, problem });
const isSeverity = (s: string | undefined): s is AlertSeverity => SEVERITIES.includes(s as AlertSeverity);

/** A user mention as Slack and Discord write it (`<@U123>`, `<@U123|name>`, `<@!123>`), or a bare id. */
export function mentionedUser(token: string): string | null {
  const mention = /^<@!?([A-Za-z0-9_-]+)(?:\|[^>]*)?>$/.exec(token);
  if (mention) return mention[1] ?? null;
  return null;
}

export function parseCommand(text: string): Command {
  const input = text.trim();
  const words = input.split(/\s+/).filter(Boolean);
  const [verb = 'help', ...args] = words;
  switch (verb.toLowerCase()) {
    case 'help':
      return { kind: 'help' };
    case 'scan':
      return args.length === 1 && args[0] ? { kind: 'scan', integration: args[0] } : unknown(input, 'Usage: `/sentinel scan <integration>`');
    case 'status':
      return args.length <= 1 ? { kind: 'status', scanId: args[0] ?? null } : unknown(input, 'Usage: `/sentinel status [scan-id]`');
    case 'alerts': {
      let view: AlertsView = 'open';
      let severity: AlertSeverity | null = null;
      let page = 1;
      for (let i = 0; i < args.length; i += 1) {
        const arg = (args[i] ?? '').toLowerCase();
        if (arg === 'mine' || (STATES as readonly string[]).includes(arg)) view = arg as AlertsView;
        else if (isSeverity(arg)) severity = arg;
        else if (arg === 'page' && /^\d+$/.test(args[i + 1] ?? '')) {
          page = Math.max(1, Number(args[i + 1]));
          i += 1;
        } else return unknown(input, `\`${args[i] ?? ''}\` is not a state, a severity or \`page N\`.`);
      }
      return { kind: 'alerts', view, severity, page };
    }
    case 'subscribe': {
      const [target, level] = args;
      if (!target || args.length > 2) return unknown(input, 'Usage: `/sentinel subscribe <integration|all> [min-severity]`');
      const minSeverity = level?.toLowerCase() ?? 'low';
      if (!isSeverity(minSeverity)) return unknown(input, `\`${level ?? ''}\` is not a severity: use critical, high, medium, low or info.`);
      return { kind: 'subscribe', integration: target.toLowerCase() === 'all' ? null : target, minSeverity };
    }
    case 'unsubscribe': {
      const [target] = args;
      if (!target || args.length > 1) return unknown(input, 'Usage: `/sentinel unsubscribe <integration|all>`');
      return { kind: 'unsubscribe', integration: target.toLowerCase() === 'all' ? null : target };
    }
    case 'integrations':
      return { kind: 'integrations' };
    case 'suppressions':
      return { kind: 'suppressions' };
    case 'role': {
      const [who, role] = args;
      const userId = who ? mentionedUser(who) : null;
      const wanted = role?.toLowerCase();
      if (!userId || (wanted !== 'admin' && wanted !== 'responder' && wanted !== 'viewer')) {
        return unknown(input, 'Usage: `/sentinel role @user <admin|responder|viewer>`');
      }
      return { kind: 'role', userId, role: wanted };
    }
    default:
      return unknown(input, `I don't know \`${verb}\`.`);
  }
}

const PERMISSION: Partial<Record<Command['kind'], Permission>> = {
  scan: 'scan:run',
  subscribe: 'route:manage',
  unsubscribe: 'route:manage',
  role: 'role:manage',
};

const ephemeral = (text: string, extra: Partial<CommandReply> = {}): CommandReply => ({ visibility: 'ephemeral', text, ...extra });

function scanLine(scan: Scan, names: Map<string, string>): string {
  const name = (scan.integrationId && names.get(scan.integrationId)) ?? scan.provider;
  const when = (scan.finishedAt ?? scan.startedAt ?? scan.createdAt).toISOString().replace('T', ' ').slice(0, 16);
  const progress = scan.status === 'running' && scan.progress.total > 0 ? ` ${Math.round((scan.progress.done / scan.progress.total) * 100)}%` : '';
  const summary = scan.summary ? ` — ${scan.summary.fail} failing (${scan.summary.new} new, ${scan.summary.resolved} resolved) over ${scan.summary.resources} resources` : '';
  const error = scan.error ? ` — ${scan.error}` : '';
  return `\`${scan.id}\` *${name}* ${scan.status}${progress} · ${when} UTC${summary}${error}`;
}

async function integrationNamed(deps: CoreDeps, actor: ChatActor, name: string): Promise<PublicIntegration | CommandReply> {
  const integration = await findIntegrationByName(deps.db, actor.tenantId, name);
  if (integration) return integration;
  const known = (await listIntegrations(deps.db, actor.tenantId)).map((i) => `\`${i.name}\``);
  return ephemeral(`There is no integration called \`${name}\`. ${known.length > 0 ? `Known: ${known.join(', ')}.` : 'None is connected yet: add one with `cloudsentinel integrations add` or the REST API.'}`);
}

const isReply = (value: unknown): value is CommandReply => typeof value === 'object' && value !== null && 'visibility' in value;

export async function runCommand(
  deps: CoreDeps,
  actor: ChatActor,
  channel: ChatChannel,
  command: Command,
  correlationId: string = randomUUID(),
): Promise<CommandReply> {
  const needed = PERMISSION[command.kind];
  if (needed) {
    const role = await roleOf(deps.db, deps.config, actor);
    if (!can(role, needed)) return ephemeral(deniedMessage(role, needed));
  }
  try {
    return await dispatch(deps, actor, channel, command, correlationId);
  } catch (error) {
    // Refusals the store explains (a disabled integration, a channel routed elsewhere) are answers, not crashes.
    if (isAppError(error) && ['VALIDATION_ERROR', 'NOT_FOUND', 'CONFLICT'].includes(error.code)) return ephemeral(error.message);
    throw error;
  }
}

async function dispatch(deps: CoreDeps, actor: ChatActor, channel: ChatChannel, command: Command, correlationId: string): Promise<CommandReply> {
  switch (command.kind) {
    case 'help':
      return ephemeral(HELP);
    case 'unknown':
      return ephemeral(`${command.problem}\n\n${HELP}`);
    case 'scan': {
      const integration = await integrationNamed(deps, actor, command.integration);
      if (isReply(integration)) return integration;
      const { scan, coalesced } = await startScan(deps.db, deps.queue, {
        tenantId: actor.tenantId,
        integrationId: integration.id,
        requestedBy: actor.auditId,
        origin: { platform: actor.platform, workspaceId: actor.workspaceId, channelId: channel.id, target: channel.target ?? {} },
        correlationId,
      });
      return coalesced
        ? ephemeral(`A scan of *${integration.name}* is already ${scan.status}: \`${scan.id}\`. Its result will be posted where it was started.`)
        : ephemeral(`Scan \`${scan.id}\` of *${integration.name}* is queued. Progress and the summary will be posted in this channel.`);
    }
    case 'status': {
      const names = new Map((await listIntegrations(deps.db, actor.tenantId)).map((i) => [i.id, i.name]));
      if (command.scanId) {
        const scan = await getScan(deps.db, command.scanId).catch(() => null);
        if (!scan || scan.tenantId !== actor.tenantId) return ephemeral(`There is no scan \`${command.scanId}\`.`);
        return ephemeral(scanLine(scan, names));
      }
      const scans = await listScans(deps.db, { tenantId: actor.tenantId, limit: 5 });
      if (scans.length === 0) return ephemeral('No scans yet. Start one with `/sentinel scan <integration>`.');
      return ephemeral(`*Latest scans*\n${scans.map((s) => scanLine(s, names)).join('\n')}`);
    }
    case 'alerts': {
      const rows = await listAlerts(deps.db, {
        tenantId: actor.tenantId,
        states: command.view === 'mine' ? ['open', 'acknowledged', 'suppressed'] : [command.view],
        severities: command.severity ? [command.severity] : undefined,
        assignee: command.view === 'mine' ? actor.auditId : undefined,
        limit: ALERTS_PAGE_SIZE + 1,
        offset: (command.page - 1) * ALERTS_PAGE_SIZE,
      });
      const views = await loadAlertViews(deps.db, actor.tenantId, rows.slice(0, ALERTS_PAGE_SIZE).map((r) => r.id));
      const label = `${command.view === 'mine' ? 'assigned to you' : command.view}${command.severity ? `, ${command.severity}` : ''}`;
      if (views.length === 0) return ephemeral(command.page > 1 ? `No more alerts (${label}).` : `No alerts (${label}).`);
      const first = (command.page - 1) * ALERTS_PAGE_SIZE + 1;
      const next = rows.length > ALERTS_PAGE_SIZE ? `alerts ${command.view}${command.severity ? ` ${command.severity}` : ''} page ${command.page + 1}` : undefined;
      return ephemeral(`*Alerts ${label}* — ${first}–${first + views.length - 1}`, { alerts: views, ...(next ? { nextPage: next } : {}) });
    }
    case 'subscribe': {
      let integrationId: string | null = null;
      let name = 'every integration';
      if (command.integration) {
        const integration = await integrationNamed(deps, actor, command.integration);
        if (isReply(integration)) return integration;
        integrationId = integration.id;
        name = `*${integration.name}*`;
      }
      await deps.db.transaction(async (tx) => {
        const route = await upsertRoute(tx, {
          tenantId: actor.tenantId,
          workspaceId: actor.workspaceId,
          platform: actor.platform,
          channelId: channel.id,
          integrationId,
          minSeverity: command.minSeverity,
          target: channel.target ?? {},
          createdBy: actor.auditId,
        });
        await appendAudit(tx, { tenantId: actor.tenantId, actor: actor.auditId, action: 'route.subscribe', targetType: 'route', targetId: route.id, details: { channelId: channel.id, integrationId, minSeverity: command.minSeverity } });
      });
      return { visibility: 'channel', text: `This channel now receives new alerts of ${name} at ${command.minSeverity} severity or above.` };
    }
    case 'unsubscribe': {
      let integrationId: string | null = null;
      if (command.integration) {
        const integration = await integrationNamed(deps, actor, command.integration);
        if (isReply(integration)) return integration;
        integrationId = integration.id;
      }
      const routes = await listRoutesForChannel(deps.db, actor.platform, channel.id);
      const route = routes.find((r) => r.tenantId === actor.tenantId && r.integrationId === integrationId);
      if (!route) return ephemeral(`This channel was not subscribed to ${command.integration ? `\`${command.integration}\`` : '`all`'}.`);
      await deps.db.transaction(async (tx) => {
        await removeRoute(tx, actor.platform, channel.id, integrationId);
        await appendAudit(tx, { tenantId: actor.tenantId, actor: actor.auditId, action: 'route.unsubscribe', targetType: 'route', targetId: route.id, details: { channelId: channel.id, integrationId } });
      });
      return { visibility: 'channel', text: `This channel no longer receives alerts of ${command.integration ? `*${command.integration}*` : 'every integration'}.` };
    }
    case 'integrations': {
      const integrations = await listIntegrations(deps.db, actor.tenantId);
      if (integrations.length === 0) return ephemeral('No integrations yet: add one with `cloudsentinel integrations add` or the REST API.');
      const lines = integrations.map((i) => {
        const health = i.health ? `${i.health.status}${i.health.errorMessage ? ` (${i.health.errorMessage})` : ''}` : 'not tested';
        const scanned = i.lastScanAt ? `last scan ${i.lastScanAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'never scanned';
        return `*${i.name}* · ${i.provider} · ${i.status} · ${health} · ${scanned}`;
      });
      return ephemeral(`*Integrations*\n${lines.join('\n')}`);
    }
    case 'suppressions': {
      const now = (deps.clock ?? (() => new Date()))();
      const suppressed = await listAlerts(deps.db, { tenantId: actor.tenantId, states: ['suppressed'], limit: 20 });
      const rules = await listActiveSuppressionRules(deps.db, actor.tenantId, now);
      const until = (d: Date | null) => (d ? `until ${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'forever');
      const lines = [
        ...suppressed.map((a) => `• *${a.title}* — \`${a.resourceId}\` · ${until(a.suppressedUntil)} · ${a.reason ?? ''}`),
        ...rules.map((r) => `• Rule: ${r.checkId ?? 'any check'} on ${r.resourcePattern ?? 'any resource'} · ${until(r.expiresAt)} · ${r.reason}`),
      ];
      if (lines.length === 0) return ephemeral('Nothing is suppressed.');
      return ephemeral(`*Active suppressions*\n${lines.join('\n')}`);
    }
    case 'role': {
      await deps.db.transaction(async (tx) => {
        await setMemberRole(tx, { tenantId: actor.tenantId, platform: actor.platform, externalUserId: command.userId, role: command.role, grantedBy: actor.auditId });
        await appendAudit(tx, { tenantId: actor.tenantId, actor: actor.auditId, action: 'member.role', targetType: 'member', targetId: `${actor.platform}:${command.userId}`, details: { role: command.role } });
      });
      return { visibility: 'channel', text: `<@${command.userId}> is now ${command.role === 'admin' ? 'an admin' : `a ${command.role}`}.` };
    }
  }
}
