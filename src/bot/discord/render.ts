/**
 * Discord messages from the neutral views of ../core/types.ts: alert cards (an embed and its
 * buttons), lists, digests, command replies and scan status. Pure functions; no I/O, no clock
 * unless one is passed in.
 *
 * Discord rejects a whole message when one part is over a limit (a 1,025-character field, a sixth
 * action row, 6,001 characters of embeds), and finding text comes from cloud APIs we do not
 * control, so every string is cut to its limit and each message is checked as a whole.
 */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIAllowedMentions,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  type APIUserSelectComponent,
} from 'discord.js';
import type { AlertSeverity } from '../../store/alerts.js';
import { actorLabel } from '../core/capabilities.js';
import {
  ACTION_LABELS,
  SEVERITY_ORDER,
  STATE_ACTIONS,
  complianceText,
  plural,
  progressOf,
  providerLabel,
  healthAdvice,
  healthHeadline,
  scanHeadline,
  truncate,
  type CardAction,
} from '../core/present.js';
import type { AlertView, CommandReply, DigestView, HealthNoticeView, ScanStatusView } from '../core/types.js';
import { alertComponentId, pageComponentId, type Surface } from './custom-ids.js';
import { LIMITS, codeBlock, discordTime, escapeMarkdown, fromSlackMarkup, inlineCode, splitContent, defuseMassMentions, plainText } from './markdown.js';

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** A message body as both the REST API and interaction responses take it. */
export interface DiscordMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: ActionRow[];
  allowed_mentions: APIAllowedMentions;
}

/** Nobody is pinged by anything in a message, whatever its text says. */
export const NO_MENTIONS: APIAllowedMentions = { parse: [] };

/** Command replies can run long; past this many messages the text is cut. */
export const MAX_REPLY_MESSAGES = 5;

const SEVERITY_COLOR: Record<AlertSeverity, number> = {
  critical: 0xb71c1c,
  high: 0xe65100,
  medium: 0xf9a825,
  low: 0x1565c0,
  info: 0x9e9e9e,
};
const SEVERITY_EMOJI: Record<AlertSeverity, string> = { critical: '🔴', high: '🟠', medium: '🟡', low: '🔵', info: '⚪' };
const BUTTON_STYLE: Record<CardAction, ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success> = {
  acknowledge: ButtonStyle.Primary,
  suppress: ButtonStyle.Secondary,
  resolve: ButtonStyle.Success,
  reopen: ButtonStyle.Secondary,
};

const DISCORD_ACTOR = /^discord:[^:]+:(\d+)$/;

/** The Discord user id in an audit actor (`discord:<guild>:<user>` → `<user>`), or null for anyone else. */
export function discordUserOf(actor: string | null): string | null {
  return (actor && DISCORD_ACTOR.exec(actor)?.[1]) ?? null;
}

/** An audit actor as text: a mention for Discord users (which never pings in a card), escaped text otherwise. */
export function actorText(actor: string): string {
  return discordUserOf(actor) ? actorLabel(actor, 'discord') : escapeMarkdown(actorLabel(actor, 'discord'));
}

const severityTag = (severity: AlertSeverity): string => `${SEVERITY_EMOJI[severity]} ${severity.toUpperCase()}`;

/** Who changed the alert, when and why: "Acknowledged by <@1> · <t:…> · known test bucket". */
export function stateText(view: AlertView, now: Date = new Date()): string {
  const by = view.changedBy ? ` by ${actorText(view.changedBy)}` : '';
  const when = ` · ${discordTime(view.updatedAt)}`;
  const why = view.reason ? ` · ${escapeMarkdown(view.reason)}` : '';
  switch (view.state) {
    case 'open':
      if (view.changedBy === 'maintenance') return `Open · its suppression ended${when}`;
      if (!view.changedBy || view.changedBy === 'scan') return `Open · raised by a scan${when}`;
      return `Open · last changed${by}${when}${why}`;
    case 'acknowledged':
      return `Acknowledged${by}${when}${why}`;
    case 'suppressed': {
      const until = view.suppressedUntil
        ? `until ${discordTime(view.suppressedUntil)}${view.suppressedUntil <= now ? ' (ended; reopens shortly)' : ''}`
        : 'forever';
      return `Suppressed ${until}${by}${when}${why}`;
    }
    case 'resolved':
      return `Resolved${by}${when}${why}`;
  }
}

// ---------------------------------------------------------------------------------------------------
// Limits

const field = (name: string, value: string, inline = true): APIEmbedField => ({
  name: truncate(name, LIMITS.fieldName),
  value: truncate(value, LIMITS.fieldValue) || '\u200b',
  inline,
});

/** The characters Discord counts towards the 6,000 of a message's embeds. */
export function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0) + fields;
}

/** The embed cut down (description first, then the longest fields) until it takes at most `budget` characters. */
export function fitEmbed(embed: APIEmbed, budget: number): APIEmbed {
  const fitted: APIEmbed = { ...embed, fields: [...(embed.fields ?? [])].slice(0, LIMITS.embedFields) };
  let over = embedLength(fitted) - budget;
  if (over > 0 && fitted.description) {
    fitted.description = truncate(fitted.description, Math.max(1, fitted.description.length - over));
    over = embedLength(fitted) - budget;
  }
  while (over > 0 && fitted.fields && fitted.fields.length > 0) {
    const longest = fitted.fields.reduce((a, b) => (b.value.length > a.value.length ? b : a));
    if (longest.value.length <= 1) {
      fitted.fields.pop();
    } else {
      longest.value = truncate(longest.value, Math.max(1, longest.value.length - over));
    }
    over = embedLength(fitted) - budget;
  }
  return fitted;
}

// ---------------------------------------------------------------------------------------------------
// Components

function button(surface: Surface, kind: CardAction, view: AlertView, label: string): APIButtonComponentWithCustomId | null {
  const customId = alertComponentId(surface, kind, view);
  if (!customId) return null;
  return { type: ComponentType.Button, style: BUTTON_STYLE[kind], label: truncate(label, LIMITS.buttonLabel), custom_id: customId };
}

/** The triage buttons the alert's state allows; in a list they are numbered after their embed. */
function actionRow(view: AlertView, surface: Surface, number?: number): ActionRow | null {
  const prefix = number === undefined ? '' : `${number} · `;
  const buttons = STATE_ACTIONS[view.state]
    .map((kind) => button(surface, kind, view, `${prefix}${ACTION_LABELS[kind]}`))
    .filter((b): b is APIButtonComponentWithCustomId => b !== null)
    .slice(0, LIMITS.buttonsPerRow);
  return buttons.length > 0 ? { type: ComponentType.ActionRow, components: buttons } : null;
}

/** A user picker for assigning (a select fills a row of its own); none once the alert is resolved. */
function assignRow(view: AlertView): ActionRow | null {
  const customId = alertComponentId('card', 'assign', view);
  if (view.state === 'resolved' || !customId) return null;
  const assignee = discordUserOf(view.assignee);
  const picker: APIUserSelectComponent = {
    type: ComponentType.UserSelect,
    custom_id: customId,
    placeholder: 'Assign…',
    min_values: 0,
    max_values: 1,
    ...(assignee ? { default_values: [{ id: assignee, type: 'user' as const }] } : {}),
  } as APIUserSelectComponent;
  return { type: ComponentType.ActionRow, components: [picker] };
}

// ---------------------------------------------------------------------------------------------------
// Alert cards

function whereText(view: AlertView): string {
  const place = [view.account ? inlineCode(view.account) : null, escapeMarkdown(view.region)].filter(Boolean).join(' · ');
  return view.integrationName ? `${place}\nvia ${escapeMarkdown(view.integrationName)}` : place;
}

/** One alert as a full embed: what, where, how bad, who did what, how to fix it. */
export function alertEmbed(view: AlertView, now: Date = new Date()): APIEmbed {
  const fields: APIEmbedField[] = [
    field('Resource', `${inlineCode(view.resourceId)}\n${escapeMarkdown(view.resourceType)}`),
    field('Account / Region', whereText(view)),
    field('Risk score', `${view.riskScore.toFixed(1)} / 10`),
    field('First seen', discordTime(view.firstSeenAt)),
    field('State', stateText(view, now), false),
  ];
  if (view.assignee) fields.push(field('Assignee', actorText(view.assignee)));
  const compliance = complianceText(view.compliance);
  if (compliance) fields.push(field('Compliance', escapeMarkdown(compliance), false));
  if (view.remediation.trim()) fields.push(field('Remediation', escapeMarkdown(view.remediation), false));
  if (view.remediationCommand) fields.push(field('Fix', codeBlock(view.remediationCommand, LIMITS.fieldValue, 'sh'), false));
  const embed: APIEmbed = {
    title: truncate(`${severityTag(view.severity)} · ${plainText(view.title)}`, LIMITS.embedTitle),
    color: SEVERITY_COLOR[view.severity],
    fields,
    footer: { text: truncate(plainText(`Check ${view.checkId} · ${providerLabel(view.provider)} ${view.service} · alert v${view.version}`), LIMITS.footer) },
    timestamp: view.updatedAt.toISOString(),
  };
  if (view.statusDetail.trim()) embed.description = truncate(escapeMarkdown(view.statusDetail), LIMITS.embedDescription);
  return fitEmbed(embed, LIMITS.embedsTotal);
}

/** The card: the embed, the buttons its state allows and, unless resolved, the assign picker. */
export function renderAlertCard(view: AlertView, options: { now?: Date } = {}): DiscordMessage {
  const rows = [actionRow(view, 'card'), assignRow(view)].filter((row): row is ActionRow => row !== null);
  return { content: '', embeds: [alertEmbed(view, options.now)], components: rows, allowed_mentions: NO_MENTIONS };
}

/** One alert in a list or digest: a short embed, numbered so its buttons can name it. */
function compactEmbed(view: AlertView, number: number, now: Date): APIEmbed {
  const where = [escapeMarkdown(view.region), view.integrationName ? escapeMarkdown(view.integrationName) : null].filter(Boolean).join(' · ');
  const lines = [
    `${inlineCode(view.resourceId)}${where ? ` · ${where}` : ''}`,
    `${stateText(view, now)}${view.assignee ? ` · assigned to ${actorText(view.assignee)}` : ''}`,
  ];
  return {
    title: truncate(`${number}. ${severityTag(view.severity)} · ${plainText(view.title)}`, LIMITS.embedTitle),
    color: SEVERITY_COLOR[view.severity],
    description: truncate(lines.join('\n'), 1000),
    footer: { text: truncate(`Check ${view.checkId} · risk ${view.riskScore.toFixed(1)}`, LIMITS.footer) },
  };
}

/** Two copies of one alert in one message would show twice with the same buttons. */
function uniqueAlerts(views: readonly AlertView[]): AlertView[] {
  return [...new Map(views.map((view) => [view.id, view] as const)).values()];
}

/**
 * Alerts as numbered embeds with a row of buttons each: as many as fit in 10 embeds, 5 rows and
 * 6,000 characters; the rest are counted in `left`.
 */
function alertList(views: readonly AlertView[], now: Date): { embeds: APIEmbed[]; rows: ActionRow[]; left: number } {
  const alerts = uniqueAlerts(views);
  const embeds: APIEmbed[] = [];
  const rows: ActionRow[] = [];
  let used = 0;
  for (const [i, view] of alerts.entries()) {
    const embed = compactEmbed(view, i + 1, now);
    const row = actionRow(view, 'list', i + 1);
    const rowsNeeded = row ? 1 : 0;
    if (embeds.length >= LIMITS.embedsPerMessage || rows.length + rowsNeeded > LIMITS.actionRows || used + embedLength(embed) > LIMITS.embedsTotal) break;
    embeds.push(embed);
    if (row) rows.push(row);
    used += embedLength(embed);
  }
  return { embeds, rows, left: alerts.length - embeds.length };
}

// ---------------------------------------------------------------------------------------------------
// Command replies and digests

function pagerButton(command: string): APIButtonComponentWithCustomId | null {
  const customId = pageComponentId(command);
  return customId ? { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Next page', custom_id: customId } : null;
}

/**
 * The "Next page" button added to a list's rows: in a row of its own when one is free, else at the
 * end of the last row (a list row holds at most three triage buttons, so there is room).
 */
function withPager(rows: ActionRow[], pager: APIButtonComponentWithCustomId): ActionRow[] {
  if (rows.length < LIMITS.actionRows) return [...rows, { type: ComponentType.ActionRow, components: [pager] }];
  const last = rows.at(-1);
  if (!last || last.components.length >= LIMITS.buttonsPerRow) return rows;
  return [...rows.slice(0, -1), { ...last, components: [...last.components, pager] }];
}

/** Text as message contents of at most 2,000 characters; past `MAX_REPLY_MESSAGES` it is cut. */
export function contentPieces(text: string): string[] {
  const pieces = splitContent(text);
  if (pieces.length <= MAX_REPLY_MESSAGES) return pieces;
  const kept = pieces.slice(0, MAX_REPLY_MESSAGES);
  const last = kept.length - 1;
  kept[last] = `${truncate(kept[last] ?? '', LIMITS.content - 1).replace(/…$/, '')}…`;
  return kept;
}

/**
 * A command's answer as one or more messages: its text (core markup made Discord markdown, split
 * at 2,000 characters), then its alerts as numbered embeds with their buttons, and a "Next page"
 * button. The first message is the interaction's answer; the others are follow-ups.
 */
export function renderCommandReply(reply: CommandReply, options: { now?: Date } = {}): DiscordMessage[] {
  const now = options.now ?? new Date();
  const pieces = contentPieces(defuseMassMentions(fromSlackMarkup(reply.text)));
  const messages: DiscordMessage[] = pieces.map((content) => ({ content, allowed_mentions: NO_MENTIONS }));
  const pager = reply.nextPage ? pagerButton(reply.nextPage) : null;
  const alerts = reply.alerts ?? [];
  if (alerts.length === 0 && !pager) return messages.length > 0 ? messages : [{ content: '(nothing to show)', allowed_mentions: NO_MENTIONS }];
  const last = messages.at(-1) ?? { content: '', allowed_mentions: NO_MENTIONS };
  if (messages.length === 0) messages.push(last);
  const list = alertList(alerts, now);
  last.embeds = list.embeds;
  last.components = pager ? withPager(list.rows, pager) : list.rows;
  if (list.left > 0) {
    const note = `\n…and ${plural(list.left, 'more alert')} not shown here.`;
    last.content = `${truncate(last.content ?? '', LIMITS.content - note.length)}${note}`;
  }
  return messages;
}

function severityCounts(counts: Partial<Record<AlertSeverity, number>>, separator = ' · '): string {
  return SEVERITY_ORDER.filter((s) => (counts[s] ?? 0) > 0)
    .map((s) => `${SEVERITY_EMOJI[s]} ${counts[s] ?? 0} ${s}`)
    .join(separator);
}

/** Many new alerts at once: counts, the top few with buttons, and the command that lists the rest. */
export function renderDigest(digest: DigestView, options: { now?: Date } = {}): DiscordMessage {
  const now = options.now ?? new Date();
  const heading = `**${digest.total} new alert${digest.total === 1 ? '' : 's'} from ${escapeMarkdown(digest.integrationName ?? 'a CLI scan')}**`;
  const counts = severityCounts(digest.bySeverity) || 'No open alerts by severity.';
  const head = `${heading}\n${counts}`;
  const list = alertList(digest.top, now);
  const footer = [
    list.embeds.length < digest.total ? `Showing the top ${list.embeds.length} of ${digest.total}.` : `All ${digest.total} shown.`,
    `See them all with ${inlineCode(digest.listCommand)}`,
    digest.scanId ? `scan ${inlineCode(digest.scanId)}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return { content: truncate(`${head}\n${footer}`, LIMITS.content), embeds: list.embeds, components: list.rows, allowed_mentions: NO_MENTIONS };
}

// ---------------------------------------------------------------------------------------------------
// Scan status

const SCAN_EMOJI: Record<ScanStatusView['status'], string> = { queued: '⏳', running: '🔄', complete: '✅', partial: '⚠️', failed: '❌' };
const SCAN_COLOR: Record<ScanStatusView['status'], number> = { queued: 0x9e9e9e, running: 0x1565c0, complete: 0x2e7d32, partial: 0xf9a825, failed: 0xb71c1c };

/** A scan's status message, posted when it is queued and edited as it runs and when it ends. */
export function renderScanStatus(view: ScanStatusView): DiscordMessage {
  const fields: APIEmbedField[] = [];
  let description: string;
  switch (view.status) {
    case 'queued':
    case 'running': {
      const { bar, count } = progressOf(view.progress);
      description = `\`${bar}\` ${count}`;
      break;
    }
    case 'complete':
    case 'partial': {
      const summary = view.summary;
      description = summary ? '' : '_No summary was recorded._';
      if (summary) {
        fields.push(field('Failing', String(summary.failing)), field('New', String(summary.newFailing)), field('Resolved', String(summary.resolved)));
        fields.push(field('By severity', severityCounts(summary.bySeverity, '\n') || 'nothing failing', false));
      }
      if (view.error) description = `${description}\n${codeBlock(view.error, 1500)}`.trim();
      break;
    }
    case 'failed':
      description = view.error ? codeBlock(view.error, 1500) : '_No error was recorded._';
      break;
  }
  const embed: APIEmbed = {
    title: truncate(`${SCAN_EMOJI[view.status]} ${scanHeadline(view, plainText(view.integrationName))}`, LIMITS.embedTitle),
    color: SCAN_COLOR[view.status],
    fields,
    footer: { text: truncate(`Scan ${view.scanId}`, LIMITS.footer) },
  };
  if (description) embed.description = description;
  const requested = `Requested by ${actorText(view.requestedBy)}`;
  return { content: truncate(requested, LIMITS.content), embeds: [fitEmbed(embed, LIMITS.embedsTotal - requested.length)], components: [], allowed_mentions: NO_MENTIONS };
}

/** An integration that stopped working, or works again, told to the channels subscribed to it. */
export function renderHealthNotice(view: HealthNoticeView): DiscordMessage {
  const unhealthy = view.turned === 'unhealthy';
  const embed: APIEmbed = {
    title: truncate(`${unhealthy ? '🚨' : '✅'} ${healthHeadline(view, plainText(view.integrationName))}`, LIMITS.embedTitle),
    color: unhealthy ? SCAN_COLOR.failed : SCAN_COLOR.complete,
    footer: { text: truncate(healthAdvice(view), LIMITS.footer) },
  };
  if (view.errorMessage) embed.description = codeBlock(view.errorMessage, 1500);
  return { embeds: [embed], components: [], allowed_mentions: NO_MENTIONS };
}

// ---------------------------------------------------------------------------------------------------
// Notes and short answers

/**
 * A thread note as a reply under its card. The note names people as placeholders; only someone an
 * alert was just assigned to is pinged, so they hear about it — nobody else, whatever the text says.
 */
export function renderNoteMessage(rendered: string, note: string): DiscordMessage {
  const assignee = /^Assigned to \{\{actor:(discord:[^}]+)\}\}/.exec(note)?.[1] ?? null;
  const ping = discordUserOf(assignee);
  return {
    content: truncate(defuseMassMentions(rendered), LIMITS.content),
    allowed_mentions: { parse: [], replied_user: false, ...(ping ? { users: [ping] } : {}) },
  };
}

/** A plain answer (a refusal, a note for the clicker), with the alert's current card when given. */
export function renderNotice(text: string, view?: AlertView, options: { now?: Date } = {}): DiscordMessage {
  const content = truncate(defuseMassMentions(fromSlackMarkup(text)), LIMITS.content);
  if (!view) return { content, allowed_mentions: NO_MENTIONS };
  const row = actionRow(view, 'list');
  return { content, embeds: [alertEmbed(view, options.now)], components: row ? [row] : [], allowed_mentions: NO_MENTIONS };
}
