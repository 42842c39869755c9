/**
 * The platform-neutral vocabulary of chat-ops. Slack, Teams and Discord turn their requests into
 * these shapes, the core decides, and each platform renders what comes back in its own format. No
 * platform type (Block Kit, Adaptive Card, Discord embed) appears here or anywhere in the core.
 */
import type { Role } from '../../config.js';
import type { AlertMessage } from '../../store/alert-messages.js';
import type { AlertSeverity, AlertState } from '../../store/alerts.js';
import type { ChatPlatform } from '../../store/workspaces.js';

export type Platform = ChatPlatform;
export type { Role };

/** Who is acting, resolved to a tenant through their workspace. */
export interface ChatActor {
  platform: Platform;
  tenantId: string;
  /** The chat workspace row (Slack team, Teams tenant, Discord guild). */
  workspaceId: string;
  /** The workspace's own id (`T0123`), part of the audit actor. */
  workspaceExternalId: string;
  /** The user's id on the platform (`U0456`). */
  userId: string;
  /** How the audit log names them: `slack:T0123:U0456`. */
  auditId: string;
}

/** Where a command was typed, and where its replies and subscriptions go. */
export interface ChatChannel {
  id: string;
  /** Platform delivery data kept with a subscription (a Teams conversation reference, ...). */
  target?: Record<string, unknown>;
}

/** Everything a card shows about one alert, whatever the platform. */
export interface AlertView {
  id: string;
  version: number;
  state: AlertState;
  severity: AlertSeverity;
  riskScore: number;
  title: string;
  statusDetail: string;
  checkId: string;
  provider: string;
  service: string;
  resourceId: string;
  resourceType: string;
  region: string;
  /** The integration's name (`prod`), or null for a stored CLI scan. */
  integrationName: string | null;
  /** Cloud account, subscription, project or organisation, when known. */
  account: string | null;
  /** framework id → control ids */
  compliance: Record<string, string[]>;
  remediation: string;
  /** The CLI command that fixes it, when the check has one. */
  remediationCommand: string | null;
  firstSeenAt: Date;
  assignee: string | null;
  reason: string | null;
  suppressedUntil: Date | null;
  /** Who made the last change (`slack:T1:U1`, `scan`, `maintenance`, ...). */
  changedBy: string | null;
  updatedAt: Date;
}

/** Many alerts for one channel from one scan: counts and the top few, instead of a wall of cards. */
export interface DigestView {
  integrationName: string | null;
  scanId: string | null;
  total: number;
  bySeverity: Record<AlertSeverity, number>;
  top: AlertView[];
  /** The command that lists the rest. */
  listCommand: string;
}

/** The state of a scan as a chat message shows it (queued, progress, summary). */
export interface ScanStatusView {
  scanId: string;
  integrationName: string;
  status: 'queued' | 'running' | 'complete' | 'partial' | 'failed';
  progress: { done: number; total: number };
  summary: { failing: number; newFailing: number; resolved: number; bySeverity: Partial<Record<AlertSeverity, number>> } | null;
  error: string | null;
  requestedBy: string;
}

/** An integration whose connection test changed its verdict: it stopped working, or works again. */
export interface HealthNoticeView {
  integrationId: string;
  integrationName: string;
  provider: string;
  turned: 'unhealthy' | 'healthy';
  /** Why the test failed (never a secret: connection tests keep credentials out of their messages). */
  errorMessage: string | null;
  checkedAt: string;
}

/** The workspace's posture, for a home tab or a status card. */
export interface PostureView {
  openBySeverity: Record<AlertSeverity, number>;
  /** provider → open alerts */
  openByProvider: Record<string, number>;
  lastScans: Array<{ scanId: string; integrationName: string; status: string; finishedAt: Date | null; failing: number | null }>;
  integrations: Array<{ name: string; provider: string; status: string; health: string | null; lastScanAt: Date | null }>;
}

/** A command's answer, in neutral terms. */
export interface CommandReply {
  /** Only the person who typed it sees it (errors, help, lists), or the whole channel. */
  visibility: 'ephemeral' | 'channel';
  text: string;
  /** Alert cards to show below the text, with their buttons. */
  alerts?: AlertView[];
  /** The command that shows the next page, when there is one. */
  nextPage?: string;
}

export type TriageAction =
  | { kind: 'acknowledge' }
  | { kind: 'resolve' }
  | { kind: 'reopen' }
  | { kind: 'suppress'; reason: string; until: Date | null }
  | { kind: 'assign'; assignee: string | null };

export type TriageOutcome =
  /**
   * `copy`: the recorded card the action came from (`from`), claimed in the change's transaction: the
   * caller redraws it and notes the change under it, and the refresh job leaves it alone. Null when
   * the action came from elsewhere (a list, the API) or from a card that is not recorded.
   */
  | { ok: true; view: AlertView; note: string; copy: AlertMessage | null }
  /** Someone acted first (the card was stale), or the action does not apply to the current state. */
  | { ok: false; reason: 'stale' | 'invalid'; view: AlertView; message: string }
  | { ok: false; reason: 'forbidden' | 'not_found'; message: string };

/** The chat message an action was taken on. */
export interface MessageLocation {
  platform: Platform;
  channelId: string;
  messageId: string;
}

/** Where an alert is delivered: one routing rule's channel. */
export interface DeliveryTarget {
  workspaceId: string | null;
  channelId: string;
  target: Record<string, unknown>;
}

export interface PostedMessage {
  channelId: string;
  messageId: string;
  threadId: string | null;
}

/**
 * What the notify and refresh jobs need from a platform. Each platform implements it (paced to its
 * rate limits); server wiring hands the implementations to the jobs, which never import a platform.
 */
export interface Notifier {
  readonly platform: Platform;
  postAlert(to: DeliveryTarget, view: AlertView): Promise<PostedMessage>;
  updateAlert(message: AlertMessage, view: AlertView): Promise<void>;
  /** A line in the alert's thread (or below the card where there are no threads). */
  postThreadNote(message: AlertMessage, text: string): Promise<void>;
  postDigest(to: DeliveryTarget, digest: DigestView): Promise<PostedMessage>;
  /** Posts a scan status message, or updates the one posted before. */
  postScanStatus(to: DeliveryTarget, view: ScanStatusView, previous: PostedMessage | null): Promise<PostedMessage>;
  /** Tells a channel subscribed to an integration that it stopped working, or works again. */
  postHealthNotice(to: DeliveryTarget, view: HealthNoticeView): Promise<PostedMessage>;
}

export type NotifierRegistry = Partial<Record<Platform, Notifier>>;

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(['alert:view', 'alert:triage', 'scan:run', 'route:manage', 'role:manage']),
  responder: new Set(['alert:view', 'alert:triage', 'scan:run', 'route:manage']),
  viewer: new Set(['alert:view']),
};

export type Permission = 'alert:view' | 'alert:triage' | 'scan:run' | 'route:manage' | 'role:manage';
