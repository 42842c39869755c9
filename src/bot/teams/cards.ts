/**
 * Adaptive Cards (schema 1.5) for Teams: alert cards with Universal Actions, digests, scan status,
 * and command replies. Pure functions from the neutral views of ../core/types.ts; no I/O.
 *
 * Teams has no modals, so what Slack asks in a dialog sits on the card: Suppress and Assign open
 * inline sub-cards (Action.ShowCard) holding their inputs and the Action.Execute that sends them.
 * Every Action.Execute carries the alert id and the version the card shows, so a click on a stale
 * card is told apart by the core.
 *
 * Text from outside (findings, reasons, names) is escaped before it reaches a TextBlock, which
 * reads markdown: a resource id must not turn into a link or bold text. The core's replies are
 * Slack-flavoured (`*bold*`); `teamsMarkdown` turns them into Teams markdown (`**bold**`).
 */
import type { AlertSeverity } from '../../store/alerts.js';
import { actorLabel, CAPABILITIES } from '../core/capabilities.js';
import {
  ACTION_LABELS,
  DEFAULT_SUPPRESS_DURATION,
  SEVERITY_ORDER,
  STATE_ACTIONS,
  SUPPRESS_DURATIONS,
  SUPPRESS_REASON_MAX,
  complianceText,
  plural,
  progressOf,
  providerLabel,
  healthAdvice,
  healthHeadline,
  scanHeadline,
  truncate,
  utcMinute,
  type CardAction,
} from '../core/present.js';
import type { AlertView, CommandReply, DigestView, HealthNoticeView, ScanStatusView } from '../core/types.js';

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** The verbs of the cards' Action.Execute buttons; the bot's invoke handler matches on them. */
export const VERBS = {
  acknowledge: 'alert.acknowledge',
  suppress: 'alert.suppress',
  assign: 'alert.assign',
  assignMe: 'alert.assignMe',
  resolve: 'alert.resolve',
  reopen: 'alert.reopen',
  more: 'alerts.more',
} as const;

/** The ids of the inline inputs, which Teams merges into the Execute's data. */
export const INPUTS = { reason: 'reason', duration: 'duration', date: 'date', assignee: 'assignee' } as const;

/** What each field may hold; the whole card stays far inside Teams' 28 KB message limit. */
export const LIMITS = {
  title: 300,
  fact: 1000,
  detail: 2000,
  remediation: 3000,
  command: 2000,
  message: 1000,
  replyText: CAPABILITIES.teams.maxTextLength,
  actions: CAPABILITIES.teams.maxButtonsPerMessage,
} as const;

/** One card element or action. Adaptive Cards are open JSON; these are the fields we set. */
export interface CardElement {
  type: string;
  [field: string]: unknown;
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  msteams?: { width: 'Full' };
}

export interface CardAttachment {
  contentType: typeof CARD_CONTENT_TYPE;
  content: AdaptiveCard;
}

/** A Teams message: markdown text and/or card attachments. */
export interface TeamsMessage {
  type: 'message';
  text?: string;
  textFormat?: 'markdown';
  attachments?: CardAttachment[];
  attachmentLayout?: 'list';
  summary?: string;
}

// ---------------------------------------------------------------------------------------------------
// Text

/**
 * Outside text made inert for Teams markdown: no emphasis, code, links, HTML or headings. Only the
 * characters that can start markup are escaped, since some Teams clients show a needless backslash.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+-])(?=\s)/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(?=\s)/gm, '$1\\.');
}

/** Inline code for outside text: backticks swapped for a look-alike so they cannot end the span. */
const code = (text: string): string => `\`${text.replace(/`/g, 'ˋ')}\``;

/**
 * The core's Slack-flavoured text as Teams markdown: `*bold*` → `**bold**`, `<@id>` → the Teams
 * mention style, and line breaks Teams keeps (it folds single newlines). Code spans stay as they are.
 */
export function teamsMarkdown(text: string): string {
  return text
    .split(/(```[\s\S]*?```|`[^`\n]*`)/)
    .map((part, index) => {
      if (index % 2 === 1) return part;
      return part
        .replace(/(^|[^*\w])\*([^*\n]+?)\*(?=[^*\w]|$)/g, '$1**$2**')
        .replace(/<@([A-Za-z0-9_-]+)(?:\|[^>]*)?>/g, (_, id: string) => CAPABILITIES.teams.mention(id))
        .replace(/\n/g, '\n\n');
    })
    .join('');
}

const textBlock = (text: string, extra: Record<string, unknown> = {}): CardElement => ({ type: 'TextBlock', text, wrap: true, ...extra });

function card(body: CardElement[], actions: CardElement[] = []): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: SCHEMA, version: '1.5', body, ...(actions.length > 0 ? { actions: actions.slice(0, LIMITS.actions) } : {}), msteams: { width: 'Full' } };
}

export const attachment = (content: AdaptiveCard): CardAttachment => ({ contentType: CARD_CONTENT_TYPE, content });

// ---------------------------------------------------------------------------------------------------
// Labels

const SEVERITY_ICON: Record<AlertSeverity, string> = { critical: '🔴', high: '🟠', medium: '🟡', low: '🔵', info: '⚪' };
const SEVERITY_STYLE: Record<AlertSeverity, string> = { critical: 'attention', high: 'attention', medium: 'warning', low: 'accent', info: 'default' };

const severityTag = (severity: AlertSeverity): string => `${SEVERITY_ICON[severity]} ${severity.toUpperCase()}`;

/** An audit actor as Teams text: a bold id for Teams users, a readable escaped name otherwise. */
function actorText(actor: string): string {
  const label = actorLabel(actor, 'teams');
  return actor.startsWith('teams:') ? label : escapeMarkdown(label);
}

/** Who changed the alert, when and why: "Acknowledged by **<aad id>** · 2026-12-05 14:03 UTC · known bucket". */
export function stateText(view: AlertView, now: Date = new Date()): string {
  const by = view.changedBy ? ` by ${actorText(view.changedBy)}` : '';
  const when = ` · ${utcMinute(view.updatedAt)}`;
  const why = view.reason ? ` · ${escapeMarkdown(truncate(view.reason, LIMITS.fact))}` : '';
  switch (view.state) {
    case 'open':
      if (view.changedBy === 'maintenance') return `Open · its suppression ended${when}`;
      if (!view.changedBy || view.changedBy === 'scan') return `Open · raised by a scan${when}`;
      return `Open · last changed${by}${when}${why}`;
    case 'acknowledged':
      return `Acknowledged${by}${when}${why}`;
    case 'suppressed': {
      const until = view.suppressedUntil
        ? `until ${utcMinute(view.suppressedUntil)}${view.suppressedUntil <= now ? ' (ended; reopens shortly)' : ''}`
        : 'forever';
      return `Suppressed ${until}${by}${when}${why}`;
    }
    case 'resolved':
      return `Resolved${by}${when}${why}`;
  }
}

// ---------------------------------------------------------------------------------------------------
// Alert cards

/** What an Action.Execute on an alert carries. */
export interface AlertActionData {
  alertId: string;
  version: number;
}

const execute = (title: string, verb: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}): CardElement => ({ type: 'Action.Execute', title, verb, data, ...extra });

function suppressForm(ref: AlertActionData): CardElement {
  const choices = Object.entries(SUPPRESS_DURATIONS).map(([value, title]) => ({ title, value }));
  return {
    type: 'Action.ShowCard',
    title: ACTION_LABELS.suppress,
    card: card([
      { type: 'Input.Text', id: INPUTS.reason, label: 'Why can it be suppressed?', placeholder: 'e.g. test bucket, public on purpose', isRequired: true, errorMessage: 'Say why this alert can be suppressed.', maxLength: SUPPRESS_REASON_MAX, isMultiline: true },
      { type: 'Input.ChoiceSet', id: INPUTS.duration, label: 'For how long', style: 'compact', value: DEFAULT_SUPPRESS_DURATION, choices, isRequired: true },
      { type: 'Input.Date', id: INPUTS.date, label: 'Until (with "Until a date")' },
    ], [execute('Suppress', VERBS.suppress, { ...ref })]),
  };
}

function assignForm(ref: AlertActionData): CardElement {
  return {
    type: 'Action.ShowCard',
    title: 'Assign…',
    card: card([
      { type: 'Input.ChoiceSet', id: INPUTS.assignee, label: 'Assign to', placeholder: 'Search people', style: 'filtered', isRequired: true, errorMessage: 'Pick someone.', choices: [], 'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' } },
    ], [execute('Assign', VERBS.assign, { ...ref })]),
  };
}

/** The buttons for the alert's state, then Assign… and Assign to me while it is unresolved. */
export function alertActions(view: AlertView): CardElement[] {
  const ref: AlertActionData = { alertId: view.id, version: view.version };
  const buttons = STATE_ACTIONS[view.state].map((kind: CardAction): CardElement =>
    kind === 'suppress' ? suppressForm(ref) : execute(ACTION_LABELS[kind], VERBS[kind], { ...ref }, kind === 'acknowledge' ? { style: 'positive' } : {}),
  );
  if (view.state !== 'resolved') buttons.push(assignForm(ref), execute('Assign to me', VERBS.assignMe, { ...ref }));
  return buttons.slice(0, LIMITS.actions);
}

function facts(view: AlertView, now: Date): CardElement {
  const where = [view.account ? code(view.account) : null, escapeMarkdown(view.region)].filter(Boolean).join(' · ');
  const rows: Array<[string, string]> = [
    ['Resource', `${code(truncate(view.resourceId, LIMITS.fact))} (${escapeMarkdown(view.resourceType)})`],
    ['Account / Region', view.integrationName ? `${where} via ${escapeMarkdown(view.integrationName)}` : where],
    ['Risk score', `${view.riskScore.toFixed(1)} / 10`],
    ['First seen', utcMinute(view.firstSeenAt)],
    ['State', stateText(view, now)],
    ...(view.assignee ? [['Assignee', actorText(view.assignee)] as [string, string]] : []),
  ];
  return { type: 'FactSet', facts: rows.map(([title, value]) => ({ title, value })) };
}

/**
 * A line shown on top of a card: why a click did nothing, or what went wrong with the form. The core
 * writes these (names in them are already in Teams' style), so they are markdown, not outside text.
 */
const notice = (text: string): CardElement => textBlock(teamsMarkdown(truncate(text, LIMITS.message)), { color: 'attention', weight: 'bolder' });

/**
 * One alert as a full card: what, where, how bad, who did what, how to fix it, and its actions.
 * `compact` (lists) leaves out the remediation; `message` is shown above everything.
 */
export function renderAlertCard(view: AlertView, options: { now?: Date; compact?: boolean; message?: string } = {}): AdaptiveCard {
  const now = options.now ?? new Date();
  const body: CardElement[] = [];
  if (options.message) body.push(notice(options.message));
  body.push({
    type: 'Container',
    style: SEVERITY_STYLE[view.severity],
    bleed: true,
    items: [textBlock(`${severityTag(view.severity)} · ${escapeMarkdown(truncate(view.title, LIMITS.title))}`, { weight: 'bolder', size: 'medium' })],
  });
  body.push(facts(view, now));
  if (!options.compact) {
    if (view.statusDetail.trim()) body.push(textBlock(escapeMarkdown(truncate(view.statusDetail, LIMITS.detail)), { isSubtle: true }));
    const compliance = complianceText(view.compliance);
    if (compliance) body.push(textBlock(escapeMarkdown(truncate(compliance, LIMITS.detail)), { isSubtle: true, size: 'small' }));
    if (view.remediation.trim()) body.push(textBlock('**Remediation**', { spacing: 'medium' }), textBlock(escapeMarkdown(truncate(view.remediation, LIMITS.remediation))));
    if (view.remediationCommand) body.push(textBlock(truncate(view.remediationCommand, LIMITS.command), { fontType: 'monospace' }));
  }
  body.push(textBlock(`Check ${code(view.checkId)} · ${escapeMarkdown(providerLabel(view.provider))} ${escapeMarkdown(view.service)}`, { isSubtle: true, size: 'small' }));
  return card(body, alertActions(view));
}

/** The plain-text line a notification or an old client shows for an alert. */
export function alertSummary(view: AlertView): string {
  return truncate(`${view.severity.toUpperCase()}: ${view.title} — ${view.resourceId}`, 300);
}

// ---------------------------------------------------------------------------------------------------
// Digest, scan status, command replies

function severityCounts(counts: Partial<Record<AlertSeverity, number>>): string {
  return SEVERITY_ORDER.filter((s) => (counts[s] ?? 0) > 0)
    .map((s) => `${SEVERITY_ICON[s]} ${counts[s] ?? 0} ${s}`)
    .join(' · ');
}

/**
 * Many new alerts at once: counts and the top few as lines. A digest holds no per-alert buttons
 * (Teams allows six actions a card); one button lists the alerts with theirs.
 */
export function renderDigest(digest: DigestView, options: { now?: Date } = {}): AdaptiveCard {
  const now = options.now ?? new Date();
  const heading = `${plural(digest.total, 'new alert')} from ${escapeMarkdown(digest.integrationName ?? 'a CLI scan')}`;
  const top = [...new Map(digest.top.map((view) => [view.id, view] as const)).values()];
  const lines = top.map((view) => `${severityTag(view.severity)} · **${escapeMarkdown(truncate(view.title, LIMITS.title))}** · ${code(truncate(view.resourceId, 200))} · ${stateText(view, now)}`);
  const listCommand = digest.listCommand.replace(/^\/sentinel\s+/, '');
  const footer = [
    top.length < digest.total ? `Showing the top ${top.length} of ${digest.total}.` : `All ${digest.total} shown.`,
    `See them all with ${code(`@CloudSentinel ${listCommand}`)}`,
    digest.scanId ? `scan ${code(digest.scanId)}` : null,
  ].filter(Boolean).join(' · ');
  return card(
    [
      textBlock(heading, { weight: 'bolder', size: 'medium' }),
      textBlock(severityCounts(digest.bySeverity) || 'No open alerts by severity.'),
      ...lines.map((line) => textBlock(line, { separator: true })),
      textBlock(footer, { isSubtle: true, size: 'small' }),
    ],
    [execute('Show them with their actions', VERBS.more, { command: listCommand })],
  );
}

const SCAN_ICON: Record<ScanStatusView['status'], string> = { queued: '⏳', running: '🔄', complete: '✅', partial: '⚠️', failed: '❌' };

/** A scan's status message, posted when it is queued and updated as it runs and when it ends. */
export function renderScanStatus(view: ScanStatusView): AdaptiveCard {
  const body: CardElement[] = [textBlock(`${SCAN_ICON[view.status]} ${scanHeadline(view, `**${escapeMarkdown(view.integrationName)}**`)}`, { weight: 'bolder' })];
  if (view.status === 'queued' || view.status === 'running') {
    const { bar, count } = progressOf(view.progress);
    body.push(textBlock(`${bar} ${count}`, { fontType: 'monospace' }));
  } else if (view.status !== 'failed') {
    const summary = view.summary;
    body.push(
      summary
        ? { type: 'FactSet', facts: [
            { title: 'Failing', value: String(summary.failing) },
            { title: 'New', value: String(summary.newFailing) },
            { title: 'Resolved', value: String(summary.resolved) },
            { title: 'By severity', value: severityCounts(summary.bySeverity) || 'nothing failing' },
          ] }
        : textBlock('_No summary was recorded._'),
    );
  }
  if (view.error) body.push(textBlock(escapeMarkdown(truncate(view.error, LIMITS.detail)), { fontType: 'monospace', color: 'attention' }));
  else if (view.status === 'failed') body.push(textBlock('_No error was recorded._'));
  body.push(textBlock(`Scan ${code(view.scanId)} · requested by ${actorText(view.requestedBy)}`, { isSubtle: true, size: 'small' }));
  return card(body);
}

/** An integration that stopped working, or works again, told to the conversations subscribed to it. */
export function renderHealthNotice(view: HealthNoticeView): AdaptiveCard {
  const unhealthy = view.turned === 'unhealthy';
  const body: CardElement[] = [textBlock(`${unhealthy ? '🚨' : '✅'} ${healthHeadline(view, `**${escapeMarkdown(view.integrationName)}**`)}`, { weight: 'bolder', ...(unhealthy ? { color: 'attention' } : {}) })];
  if (view.errorMessage) body.push(textBlock(escapeMarkdown(truncate(view.errorMessage, LIMITS.detail)), { fontType: 'monospace' }));
  body.push(textBlock(escapeMarkdown(healthAdvice(view)), { isSubtle: true, size: 'small' }));
  return card(body);
}

/** The plain-text line for a health notice. */
export function healthSummary(view: HealthNoticeView): string {
  return healthHeadline(view, view.integrationName);
}

/** The plain-text line for a scan status notification. */
export function scanSummary(view: ScanStatusView): string {
  return scanHeadline(view, view.integrationName);
}

/**
 * A command's answer as one message: the text as Teams markdown, each alert as its own card (so each
 * keeps within the six actions a card may have), and a card with a "Next page" button.
 */
export function renderCommandReply(reply: CommandReply, options: { now?: Date } = {}): TeamsMessage {
  const cards = [...new Map((reply.alerts ?? []).map((view) => [view.id, view] as const)).values()].map((view) => attachment(renderAlertCard(view, { now: options.now, compact: true })));
  if (reply.nextPage) cards.push(attachment(card([textBlock('More alerts match.', { isSubtle: true })], [execute('Next page', VERBS.more, { command: reply.nextPage })])));
  // The core writes commands as Slack types them; in Teams they are typed to the bot.
  const text = truncate(teamsMarkdown(reply.text.replace(/`\/sentinel /g, '`@CloudSentinel ')), LIMITS.replyText);
  return { type: 'message', text, textFormat: 'markdown', ...(cards.length > 0 ? { attachments: cards, attachmentLayout: 'list' } : {}) };
}

/** The Universal Action answer that puts `card` in place of the one clicked. */
export function cardResponse(content: AdaptiveCard): { statusCode: 200; type: typeof CARD_CONTENT_TYPE; value: AdaptiveCard } {
  return { statusCode: 200, type: CARD_CONTENT_TYPE, value: content };
}

/** The Universal Action answer that shows the clicker a message and leaves the card as it is. */
export function messageResponse(text: string): { statusCode: 200; type: 'application/vnd.microsoft.activity.message'; value: string } {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: truncate(text, LIMITS.message) };
}

/** The Universal Action answer for a request that could not be read. */
export function errorResponse(statusCode: 400 | 500, message: string): { statusCode: 400 | 500; type: 'application/vnd.microsoft.error'; value: { code: string; message: string } } {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code: statusCode === 400 ? 'BadRequest' : 'InternalError', message } };
}
