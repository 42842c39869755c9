/**
 * Block Kit for Slack: alert cards, digests, command replies, scan status, the suppress modal and the
 * App Home tab. Pure functions from the neutral views of ../core/types.ts; no I/O, no clock unless
 * one is passed in.
 *
 * Every string that reaches Slack is cut to its Block Kit limit, because one field over a limit makes
 * Slack reject the whole message (`invalid_blocks`), and finding text (titles, details, resource ids)
 * comes from cloud APIs we do not control. Such text is escaped (`&`, `<`, `>`) before it goes into
 * mrkdwn, so it can never turn into a mention or a link.
 */
import type {
  ActionsBlock,
  ActionsBlockElement,
  Button,
  ContextBlock,
  HeaderBlock,
  HomeView,
  InputBlock,
  KnownBlock,
  ModalView,
  MrkdwnElement,
  PlainTextElement,
  PlainTextOption,
  SectionBlock,
  UsersSelect,
} from '@slack/types';
import type { AlertSeverity } from '../../store/alerts.js';
import { actorLabel } from '../core/capabilities.js';
import {
  ACTION_LABELS,
  DEFAULT_SUPPRESS_DURATION,
  SEVERITY_ORDER,
  STATE_ACTIONS,
  SUPPRESS_DURATIONS,
  SUPPRESS_REASON_MAX,
  complianceText,
  encodeAlertRef,
  isRecord,
  isVersion,
  parseSuppressInput,
  plural,
  progressOf,
  providerLabel,
  healthAdvice,
  healthHeadline,
  scanHeadline,
  truncate,
  type AlertRef,
  type SuppressDuration,
} from '../core/present.js';
import type { AlertView, CommandReply, DigestView, HealthNoticeView, PostureView, ScanStatusView } from '../core/types.js';

// ---------------------------------------------------------------------------------------------------
// Ids the app's listeners match on

export const ACTIONS = {
  acknowledge: 'alert.acknowledge',
  suppress: 'alert.suppress',
  assign: 'alert.assign',
  resolve: 'alert.resolve',
  reopen: 'alert.reopen',
  more: 'alerts.more',
} as const;

export const SUPPRESS_MODAL = 'alert.suppress.submit';

/** Where each suppress-modal input lands in `view.state.values[blockId][actionId]`. */
export const SUPPRESS_INPUTS = {
  reason: { blockId: 'reason', actionId: 'value' },
  duration: { blockId: 'duration', actionId: 'value' },
  until: { blockId: 'until', actionId: 'value' },
} as const;

/** Block Kit's limits (https://docs.slack.dev/reference/block-kit). */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  headerText: 150,
  fieldText: 2000,
  fields: 10,
  contextText: 2000,
  buttonValue: 2000,
  blockId: 255,
  /** The top-level `text` is allowed far more; this keeps notifications readable. */
  fallbackText: 3000,
} as const;

// ---------------------------------------------------------------------------------------------------
// Text helpers

/** Like `truncate`, but never ends inside a `<@U1>` mention, a `<!date…>` or an `&amp;` entity. */
function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = truncate(text, max).slice(0, -1);
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  const amp = cut.lastIndexOf('&');
  if (amp > cut.lastIndexOf(';')) cut = cut.slice(0, amp);
  return `${cut.trimEnd()}…`;
}

/** Text from outside (findings, reasons, names) made safe for mrkdwn. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Inline code: escaped, with backticks swapped for a look-alike so they cannot end the span. */
function code(text: string): string {
  return `\`${escapeMrkdwn(text).replace(/`/g, 'ˋ')}\``;
}

/** A code block holding `text`, cut so the whole block (fences included) fits `max`. */
function codeBlock(text: string, max: number): string {
  return `\`\`\`${truncate(escapeMrkdwn(text).replace(/```/g, 'ˋˋˋ'), max - 6)}\`\`\``;
}

/**
 * Long mrkdwn split into pieces of at most `max` characters: at a line break where one is near, a
 * code block left open is closed and reopened in the next piece.
 */
export function splitText(text: string, max: number = LIMITS.sectionText): string[] {
  const FENCE = '```';
  const budget = max - FENCE.length - 1;
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', budget);
    if (cut < budget / 2) cut = rest.lastIndexOf(' ', budget);
    if (cut < budget / 2) {
      cut = budget;
      const last = rest.charCodeAt(cut - 1);
      if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
    }
    let part = rest.slice(0, cut).trimEnd();
    rest = rest.slice(cut).replace(/^[ \n]/, '');
    if ((part.split(FENCE).length - 1) % 2 === 1) {
      part = `${part}\n${FENCE}`;
      rest = `${FENCE}\n${rest}`;
    }
    if (part.trim()) parts.push(part);
  }
  if (rest.trim()) parts.push(rest);
  return parts;
}

const plain = (text: string, max: number = LIMITS.sectionText): PlainTextElement => ({
  type: 'plain_text',
  text: truncate(text, max) || ' ',
  emoji: true,
});
const mrkdwn = (text: string, max: number): MrkdwnElement => ({ type: 'mrkdwn', text: truncateMrkdwn(text, max) || ' ' });
const header = (text: string): HeaderBlock => ({ type: 'header', text: plain(text, LIMITS.headerText) });
const section = (text: string): SectionBlock => ({ type: 'section', text: mrkdwn(text, LIMITS.sectionText) });
const context = (text: string): ContextBlock => ({ type: 'context', elements: [mrkdwn(text, LIMITS.contextText)] });
const field = (label: string, value: string): MrkdwnElement => mrkdwn(`*${label}*\n${value}`, LIMITS.fieldText);
/** A time every reader sees in their own time zone; the ISO form is the fallback for old clients. */
export function slackDate(date: Date, format = '{date_short_pretty} {time}'): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return 'an unknown time';
  return `<!date^${Math.floor(ms / 1000)}^${format}|${date.toISOString()}>`;
}

// ---------------------------------------------------------------------------------------------------
// Labels

const SEVERITY_EMOJI: Record<AlertSeverity, string> = {
  critical: ':red_circle:',
  high: ':large_orange_circle:',
  medium: ':large_yellow_circle:',
  low: ':large_blue_circle:',
  info: ':white_circle:',
};
/** Most severe first; keyed on the record above so a new severity cannot be forgotten. */
const SEVERITIES = SEVERITY_ORDER;

const SLACK_ACTOR = /^slack:[^:]+:([A-Za-z0-9]+)$/;

/** The Slack user id in an audit actor (`slack:T1:U1` → `U1`), or null for anyone else. */
export function slackUserOf(actor: string | null): string | null {
  return (actor && SLACK_ACTOR.exec(actor)?.[1]) ?? null;
}

/** An audit actor as mrkdwn: a mention for Slack users, readable text for everyone else. */
export function actorText(actor: string): string {
  return slackUserOf(actor) ? actorLabel(actor, 'slack') : escapeMrkdwn(actorLabel(actor, 'slack'));
}

/** Who changed the alert, when and why: "Acknowledged by <@U1> · <date> · known test bucket". */
export function stateText(view: AlertView, now: Date = new Date()): string {
  const by = view.changedBy ? ` by ${actorText(view.changedBy)}` : '';
  const when = ` · ${slackDate(view.updatedAt)}`;
  const why = view.reason ? ` · ${escapeMrkdwn(view.reason)}` : '';
  switch (view.state) {
    case 'open':
      if (view.changedBy === 'maintenance') return `Open · its suppression ended${when}`;
      if (!view.changedBy || view.changedBy === 'scan') return `Open · raised by a scan${when}`;
      return `Open · last changed${by}${when}${why}`;
    case 'acknowledged':
      return `Acknowledged${by}${when}${why}`;
    case 'suppressed': {
      const until = view.suppressedUntil
        ? `until ${slackDate(view.suppressedUntil)}${view.suppressedUntil <= now ? ' (ended; reopens shortly)' : ''}`
        : 'forever';
      return `Suppressed ${until}${by}${when}${why}`;
    }
    case 'resolved':
      return `Resolved${by}${when}${why}`;
  }
}

// ---------------------------------------------------------------------------------------------------
// Button values

/**
 * The actions block of one alert. Its block id carries the ref after a `|` because a users_select
 * has no value of its own: the assign listener reads the alert from `block_id.split('|')[1]`.
 */
function actionsBlockId(view: AlertRef): string {
  return truncate(`alert|${encodeAlertRef(view)}`, LIMITS.blockId);
}

// ---------------------------------------------------------------------------------------------------
// Alert cards

function alertActions(view: AlertView): ActionsBlock {
  const value = truncate(encodeAlertRef(view), LIMITS.buttonValue);
  const elements: ActionsBlockElement[] = STATE_ACTIONS[view.state].map((kind): Button => ({
    type: 'button',
    action_id: ACTIONS[kind],
    text: plain(ACTION_LABELS[kind], 75),
    value,
    ...(kind === 'acknowledge' ? { style: 'primary' as const } : {}),
  }));
  if (view.state !== 'resolved') {
    const initialUser = slackUserOf(view.assignee);
    const picker: UsersSelect = {
      type: 'users_select',
      action_id: ACTIONS.assign,
      placeholder: plain('Assign…', 150),
      ...(initialUser ? { initial_user: initialUser } : {}),
    };
    elements.push(picker);
  }
  return { type: 'actions', block_id: actionsBlockId(view), elements };
}

const severityTag = (severity: AlertSeverity) => `${SEVERITY_EMOJI[severity]} ${severity.toUpperCase()}`;

/** "HIGH: S3 bucket allows public read — arn:aws:s3:::logs", for notifications and old clients. */
function alertFallback(view: AlertView): string {
  return truncate(escapeMrkdwn(`${view.severity.toUpperCase()}: ${view.title} — ${view.resourceId}`), LIMITS.fallbackText);
}

function whereText(view: AlertView): string {
  const place = [view.account ? code(view.account) : null, escapeMrkdwn(view.region)].filter(Boolean).join(' · ');
  return view.integrationName ? `${place}\nvia ${escapeMrkdwn(view.integrationName)}` : place;
}

/** One alert as a full card: what, where, how bad, who did what, how to fix it, and its buttons. */
export function renderAlertCard(view: AlertView, options: { now?: Date } = {}): { text: string; blocks: KnownBlock[] } {
  const now = options.now ?? new Date();
  const fields = [
    field('Resource', `${code(view.resourceId)}\n${escapeMrkdwn(view.resourceType)}`),
    field('Account / Region', whereText(view)),
    field('Risk score', `${view.riskScore.toFixed(1)} / 10`),
    field('First seen', slackDate(view.firstSeenAt)),
    field('State', stateText(view, now)),
    ...(view.assignee ? [field('Assignee', actorText(view.assignee))] : []),
  ].slice(0, LIMITS.fields);
  const blocks: KnownBlock[] = [
    header(`${severityTag(view.severity)} · ${view.title}`),
    { type: 'section', fields },
  ];
  if (view.statusDetail.trim()) blocks.push(section(escapeMrkdwn(view.statusDetail)));
  const compliance = complianceText(view.compliance);
  if (compliance) blocks.push(context(escapeMrkdwn(compliance)));
  if (view.remediation.trim()) blocks.push(section(`*Remediation*\n${escapeMrkdwn(view.remediation)}`));
  if (view.remediationCommand) blocks.push(section(codeBlock(view.remediationCommand, LIMITS.sectionText)));
  blocks.push(context(`Check ${code(view.checkId)} · ${escapeMrkdwn(providerLabel(view.provider))} ${escapeMrkdwn(view.service)}`));
  blocks.push(alertActions(view));
  return { text: alertFallback(view), blocks };
}

/** One alert in a list: a section (severity, title, resource, state) and its buttons. */
function compactCard(view: AlertView, now: Date): KnownBlock[] {
  const where = [escapeMrkdwn(view.region), view.integrationName ? escapeMrkdwn(view.integrationName) : null].filter(Boolean).join(' · ');
  const text = [
    `${severityTag(view.severity)} · *${escapeMrkdwn(view.title)}*`,
    `${code(view.resourceId)}${where ? ` · ${where}` : ''}`,
    `${stateText(view, now)}${view.assignee ? ` · assigned to ${actorText(view.assignee)}` : ''}`,
  ].join('\n');
  return [section(text), alertActions(view)];
}

/** Two copies of one alert would repeat a block id, and Slack rejects the message for that. */
function uniqueAlerts(views: readonly AlertView[]): AlertView[] {
  return [...new Map(views.map((view) => [view.id, view] as const)).values()];
}

function severityCounts(counts: Partial<Record<AlertSeverity, number>>, separator = ' · '): string {
  return SEVERITIES.filter((s) => (counts[s] ?? 0) > 0)
    .map((s) => `${SEVERITY_EMOJI[s]} ${counts[s] ?? 0} ${s}`)
    .join(separator);
}

// ---------------------------------------------------------------------------------------------------
// Digest and command replies

/** Many new alerts at once: counts, the top few with buttons, and the command that lists the rest. */
export function renderDigest(digest: DigestView, options: { now?: Date } = {}): { text: string; blocks: KnownBlock[] } {
  const now = options.now ?? new Date();
  const heading = `${digest.total} new alert${digest.total === 1 ? '' : 's'} from ${digest.integrationName ?? 'a CLI scan'}`;
  const counts = severityCounts(digest.bySeverity);
  const top = uniqueAlerts(digest.top);
  const fixed = 3; // header, counts, footer
  const shown = top.slice(0, Math.floor((LIMITS.messageBlocks - fixed) / 2));
  const footer = [
    shown.length < digest.total ? `Showing the top ${shown.length} of ${digest.total}.` : `All ${digest.total} shown.`,
    `See them all with ${code(digest.listCommand)}`,
    digest.scanId ? `scan ${code(digest.scanId)}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const blocks: KnownBlock[] = [
    header(heading),
    section(counts || 'No open alerts by severity.'),
    ...shown.flatMap((view) => compactCard(view, now)),
    context(footer),
  ];
  const countsPlain = SEVERITIES.filter((s) => digest.bySeverity[s] > 0)
    .map((s) => `${digest.bySeverity[s]} ${s}`)
    .join(', ');
  return { text: truncate(escapeMrkdwn(countsPlain ? `${heading}: ${countsPlain}` : heading), LIMITS.fallbackText), blocks };
}

/**
 * A command's answer: its text (split to fit sections), its alerts as compact cards with buttons,
 * and a "Next page" button. Alerts that do not fit in 50 blocks are counted, not shown.
 */
export function renderCommandReply(reply: CommandReply, options: { now?: Date } = {}): { text: string; blocks: KnownBlock[] } {
  const now = options.now ?? new Date();
  const alerts = uniqueAlerts(reply.alerts ?? []);
  const pager = reply.nextPage ? 1 : 0;
  // The text is core mrkdwn (help, lists): it is already written for chat and is not escaped.
  let pieces = splitText(reply.text);
  const textRoom = LIMITS.messageBlocks - pager - (alerts.length > 0 ? 3 : 0);
  if (pieces.length > textRoom) {
    const last = truncate(pieces[textRoom - 1] ?? '', LIMITS.sectionText - 1);
    pieces = [...pieces.slice(0, textRoom - 1), last.endsWith('…') ? last : `${last}…`];
  }
  const blocks: KnownBlock[] = pieces.map(section);
  const room = LIMITS.messageBlocks - blocks.length - pager;
  const fit = alerts.length * 2 <= room ? alerts.length : Math.max(0, Math.floor((room - 1) / 2));
  blocks.push(...alerts.slice(0, fit).flatMap((view) => compactCard(view, now)));
  if (fit < alerts.length) blocks.push(context(`…and ${plural(alerts.length - fit, 'more alert')} not shown here.`));
  if (reply.nextPage) {
    blocks.push({
      type: 'actions',
      block_id: 'alerts.more',
      elements: [{ type: 'button', action_id: ACTIONS.more, text: plain('Next page', 75), value: truncate(reply.nextPage, LIMITS.buttonValue) }],
    });
  }
  const fallback = reply.text.trim() ? reply.text : plural(alerts.length, 'alert');
  return { text: truncate(fallback, LIMITS.fallbackText), blocks };
}

// ---------------------------------------------------------------------------------------------------
// Scan status

const SCAN_EMOJI: Record<ScanStatusView['status'], string> = {
  queued: ':hourglass_flowing_sand:',
  running: ':arrows_counterclockwise:',
  complete: ':white_check_mark:',
  partial: ':warning:',
  failed: ':x:',
};

/** A scan's status message, posted when it is queued and updated as it runs and when it ends. */
export function renderScanStatus(view: ScanStatusView): { text: string; blocks: KnownBlock[] } {
  const headline = scanHeadline(view, `*${escapeMrkdwn(view.integrationName)}*`);
  const blocks: KnownBlock[] = [section(`${SCAN_EMOJI[view.status]} ${headline}`)];
  let detail: string;
  switch (view.status) {
    case 'queued':
    case 'running':
    {
      const { bar, count } = progressOf(view.progress);
      detail = count;
      blocks.push(section(`\`${bar}\` ${count}`));
      break;
    }
    case 'complete':
    case 'partial': {
      const summary = view.summary;
      if (summary) {
        const fields = [
          field('Failing', String(summary.failing)),
          field('New', String(summary.newFailing)),
          field('Resolved', String(summary.resolved)),
          field('By severity', severityCounts(summary.bySeverity, '\n') || 'nothing failing'),
        ];
        blocks.push({ type: 'section', fields });
        detail = `${summary.failing} failing (${summary.newFailing} new), ${summary.resolved} resolved`;
      } else {
        detail = 'no summary recorded';
        blocks.push(section('_No summary was recorded._'));
      }
      if (view.error) blocks.push(section(codeBlock(view.error, LIMITS.sectionText)));
      break;
    }
    case 'failed':
      detail = view.error ?? 'no error recorded';
      blocks.push(section(view.error ? codeBlock(view.error, LIMITS.sectionText) : '_No error was recorded._'));
      break;
  }
  blocks.push(context(`Scan ${code(view.scanId)} · requested by ${actorText(view.requestedBy)}`));
  const text = `${scanHeadline(view, view.integrationName)}: ${detail}`;
  return { text: truncate(escapeMrkdwn(text), LIMITS.fallbackText), blocks };
}

/** An integration that stopped working, or works again, told to the channels subscribed to it. */
export function renderHealthNotice(view: HealthNoticeView): { text: string; blocks: KnownBlock[] } {
  const emoji = view.turned === 'unhealthy' ? ':rotating_light:' : ':white_check_mark:';
  const blocks: KnownBlock[] = [section(`${emoji} ${healthHeadline(view, `*${escapeMrkdwn(view.integrationName)}*`)}`)];
  if (view.errorMessage) blocks.push(section(codeBlock(view.errorMessage, LIMITS.sectionText)));
  blocks.push(context(escapeMrkdwn(healthAdvice(view))));
  return { text: truncate(escapeMrkdwn(`${healthHeadline(view, view.integrationName)}${view.errorMessage ? `: ${view.errorMessage}` : ''}`), LIMITS.fallbackText), blocks };
}

// ---------------------------------------------------------------------------------------------------
// The suppress modal

export interface SuppressMetadata {
  alertId: string;
  version: number;
  channelId: string;
  /** The card to update after the submission; null when the card was ephemeral. */
  messageTs: string | null;
}

const durationOption = (duration: SuppressDuration): PlainTextOption => ({ text: plain(SUPPRESS_DURATIONS[duration], 75), value: duration });

/** The modal that asks why and for how long, opened from a card's "Suppress…" button. */
export function suppressModal(ref: AlertRef, meta: { channelId: string; messageTs: string | null; title: string }): ModalView {
  const metadata: SuppressMetadata = { alertId: ref.id, version: ref.version, channelId: meta.channelId, messageTs: meta.messageTs };
  const { reason, duration, until } = SUPPRESS_INPUTS;
  const blocks: InputBlock[] = [
    {
      type: 'input',
      block_id: reason.blockId,
      label: plain('Reason'),
      element: {
        type: 'plain_text_input',
        action_id: reason.actionId,
        multiline: true,
        max_length: SUPPRESS_REASON_MAX,
        placeholder: plain('Why is it safe to ignore this alert?', 150),
      },
    },
    {
      type: 'input',
      block_id: duration.blockId,
      label: plain('For how long'),
      element: {
        type: 'static_select',
        action_id: duration.actionId,
        options: (Object.keys(SUPPRESS_DURATIONS) as SuppressDuration[]).map(durationOption),
        initial_option: durationOption(DEFAULT_SUPPRESS_DURATION),
      },
    },
    {
      type: 'input',
      block_id: until.blockId,
      optional: true,
      label: plain('Until'),
      hint: plain('Only used with “Until a date”: the alert reopens at the end of that day (UTC).'),
      element: { type: 'datepicker', action_id: until.actionId, placeholder: plain('Pick a date', 150) },
    },
  ];
  return {
    type: 'modal',
    callback_id: SUPPRESS_MODAL,
    private_metadata: JSON.stringify(metadata),
    title: plain('Suppress alert', 24),
    submit: plain('Suppress', 24),
    close: plain('Cancel', 24),
    blocks: [context(`*${escapeMrkdwn(meta.title)}*`), ...blocks],
  };
}

/** `values[blockId][actionId]` of a view submission, or null when the shape is not there. */
function inputState(values: unknown, input: { blockId: string; actionId: string }): Record<string, unknown> | null {
  if (!isRecord(values)) return null;
  const block = values[input.blockId];
  if (!isRecord(block)) return null;
  const action = block[input.actionId];
  return isRecord(action) ? action : null;
}

export type SuppressSubmission = { ok: true; reason: string; until: Date | null } | { ok: false; errors: Record<string, string> };

/**
 * Reads the suppress modal's `view.state.values`. Errors are keyed by block id, ready for
 * `ack({ response_action: 'errors', errors })`. A picked date is ignored unless the duration is
 * "Until a date", since Slack gives no way to clear a datepicker.
 */
export function parseSuppressSubmission(values: unknown, now: Date): SuppressSubmission {
  const option = inputState(values, SUPPRESS_INPUTS.duration)?.selected_option;
  const parsed = parseSuppressInput(
    {
      reason: inputState(values, SUPPRESS_INPUTS.reason)?.value,
      duration: isRecord(option) ? option.value : undefined,
      date: inputState(values, SUPPRESS_INPUTS.until)?.selected_date,
    },
    now,
  );
  if (parsed.ok) return parsed;
  const blockOf = { reason: SUPPRESS_INPUTS.reason.blockId, duration: SUPPRESS_INPUTS.duration.blockId, date: SUPPRESS_INPUTS.until.blockId };
  return { ok: false, errors: Object.fromEntries(Object.entries(parsed.errors).map(([field, error]) => [blockOf[field as keyof typeof blockOf], error])) };
}

/** The modal's private_metadata back, or null when it is not what `suppressModal` wrote. */
export function parsePrivateMetadata(s: string): SuppressMetadata | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(s);
  } catch {
    return null;
  }
  if (!isRecord(parsed)) return null;
  const { alertId, version, channelId, messageTs } = parsed;
  if (typeof alertId !== 'string' || !alertId || !isVersion(version) || typeof channelId !== 'string') return null;
  if (messageTs !== null && typeof messageTs !== 'string') return null;
  return { alertId, version, channelId, messageTs };
}

// ---------------------------------------------------------------------------------------------------
// App Home

const HEALTH_EMOJI: Record<string, string> = {
  healthy: ':large_green_circle:',
  degraded: ':large_yellow_circle:',
  unhealthy: ':red_circle:',
};
const RUN_EMOJI: Record<string, string> = { ...SCAN_EMOJI, cancelled: ':no_entry_sign:' };

/** A titled list as sections, split to fit; an empty list shows `empty` instead. */
function listSections(title: string, lines: string[], empty: string): SectionBlock[] {
  return splitText(`*${title}*\n${lines.length > 0 ? lines.join('\n') : empty}`).slice(0, 10).map(section);
}

/** The App Home tab: open alerts by severity and provider, the last scans, integrations' health. */
export function renderHome(posture: PostureView): HomeView {
  const open = SEVERITIES.reduce((sum, s) => sum + posture.openBySeverity[s], 0);
  const providers = Object.entries(posture.openByProvider)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([provider, n]) => `${escapeMrkdwn(providerLabel(provider))} · ${n}`);
  const scans = posture.lastScans.map((scan) =>
    [
      `${RUN_EMOJI[scan.status] ?? ':grey_question:'} *${escapeMrkdwn(scan.integrationName)}*`,
      escapeMrkdwn(scan.status),
      scan.failing === null ? null : `${scan.failing} failing`,
      scan.finishedAt ? slackDate(scan.finishedAt) : null,
    ]
      .filter(Boolean)
      .join(' · '),
  );
  const integrations = posture.integrations.map((i) =>
    [
      `${(i.health && HEALTH_EMOJI[i.health]) ?? ':white_circle:'} *${escapeMrkdwn(i.name)}*`,
      escapeMrkdwn(providerLabel(i.provider)),
      escapeMrkdwn(i.status),
      i.health ? `health ${escapeMrkdwn(i.health)}` : null,
      `last scan ${i.lastScanAt ? slackDate(i.lastScanAt) : 'never'}`,
    ]
      .filter(Boolean)
      .join(' · '),
  );
  const blocks: KnownBlock[] = [
    header('CloudSentinel'),
    {
      type: 'section',
      text: mrkdwn(`*Open alerts* · ${open}`, LIMITS.sectionText),
      fields: SEVERITIES.map((s) => field(`${SEVERITY_EMOJI[s]} ${s.charAt(0).toUpperCase()}${s.slice(1)}`, String(posture.openBySeverity[s]))),
    },
    ...listSections('By provider', providers, '_No open alerts._'),
    { type: 'divider' },
    ...listSections('Last scans', scans, '_No scans yet._'),
    { type: 'divider' },
    ...listSections('Integrations', integrations, '_No integrations connected yet._'),
    context(
      '`/sentinel alerts` list alerts · `/sentinel scan <integration>` start a scan · `/sentinel status` latest scans · `/sentinel subscribe <integration>` post new alerts to a channel · `/sentinel help` everything else',
    ),
  ];
  return { type: 'home', blocks };
}
