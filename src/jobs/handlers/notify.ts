/**
 * Posts new alerts to the channels routed for them, and a chat-started scan's status to the channel
 * that asked. Safe to retry: a card already recorded in a channel is not posted there again, a
 * digest already posted for (scan, channel) is not posted again, and the status message is edited,
 * not re-posted. Channels are independent: one failing does not hold up the others; the job fails
 * afterwards, naming them, so the queue retries just what is missing.
 *
 * One gap no retry scheme closes: a post that succeeds on the platform but whose record is lost (the
 * process dies in between) is posted again by the retry.
 */
import { and, count, eq, gte, inArray } from 'drizzle-orm';
import { loadAlertViews } from '../../bot/core/alert-view.js';
import type { AlertView, DeliveryTarget, DigestView, Notifier, NotifierRegistry, Platform, ScanStatusView } from '../../bot/core/types.js';
import { AppError, isAppError } from '../../errors.js';
import { recordAlertMessage } from '../../store/alert-messages.js';
import { settledAlertVersion, type AlertSeverity } from '../../store/alerts.js';
import type { Executor } from '../../store/db.js';
import { getIntegration } from '../../store/integrations.js';
import { matchRoutes, type RoutingRule } from '../../store/routes.js';
import { claimScanStatusPost, getScan, setScanOriginMessage, type Scan } from '../../store/scans.js';
import { alertMessages, alerts, findings, severityEnum } from '../../store/schema.js';
import type { JobContext, JobHandler } from '../job-queue.js';
import type { JobPayloads } from '../queues.js';
import type { HandlerDeps } from './index.js';
import { postOnce } from './post-once.js';

export const DEFAULT_DIGEST_THRESHOLD = 10;
const DIGEST_TOP = 5;
const DIGEST_LIST_COMMAND = '/sentinel alerts open';
/** The audit action that marks a posted digest; it is also how a retry knows not to post it again. */
export const DIGEST_AUDIT_ACTION = 'notify.digest';
const DIGEST_TARGET_TYPE = 'digest';
/** Most severe first, as the enum is declared. */
const SEVERITIES = severityEnum.enumValues;

export interface NotifyDeps extends HandlerDeps {
  notifiers: NotifierRegistry;
  /** A channel getting more alerts than this from one job gets one digest instead of the cards. Default 10. */
  digestThreshold?: number;
}

/** What one channel gets from one job: the alerts routed to it that it has not shown yet. */
interface ChannelDelivery {
  platform: Platform;
  to: DeliveryTarget;
  views: AlertView[];
}

interface Task {
  name: string;
  run: () => Promise<void>;
}

export function notifyHandler(deps: NotifyDeps): JobHandler<JobPayloads['notify']> {
  const threshold = deps.digestThreshold ?? DEFAULT_DIGEST_THRESHOLD;

  async function postCards(notifier: Notifier, delivery: ChannelDelivery, tenantId: string): Promise<void> {
    // One at a time: the notifier paces a channel anyway, and the first failure (channel gone, rate
    // limit exhausted) stops the rest, which the retry picks up.
    for (const view of delivery.views) {
      const posted = await notifier.postAlert(delivery.to, view);
      await recordAlertMessage(deps.db, {
        alertId: view.id,
        workspaceId: delivery.to.workspaceId,
        platform: delivery.platform,
        channelId: posted.channelId,
        messageId: posted.messageId,
        threadId: posted.threadId ?? posted.messageId,
        renderedVersion: view.version,
      });
      // A triage that committed while the card was being posted found no copy of it to refresh.
      // The share lock waits for one still in flight, so a change is either seen here or saw this copy.
      const version = await settledAlertVersion(deps.db, view.id);
      if (version !== null && version > view.version) await deps.queue.send('refresh', { tenantId, alertId: view.id, version });
    }
  }

  function postDigestOnce(notifier: Notifier, delivery: ChannelDelivery, tenantId: string, digestKey: string, scanId: string | null, context: JobContext): Promise<void> {
    const mark = {
      tenantId,
      action: DIGEST_AUDIT_ACTION,
      targetType: DIGEST_TARGET_TYPE,
      targetId: `${digestKey}:${delivery.platform}:${delivery.to.channelId}`,
      details: { scanId, platform: delivery.platform, alerts: delivery.views.length },
    };
    return postOnce(deps.db, mark, () => notifier.postDigest(delivery.to, digestOf(delivery.views, scanId)), context);
  }

  async function postScanStatus(scan: Scan, context: JobContext): Promise<void> {
    const origin = scan.origin;
    if (!origin) return;
    const notifier = deps.notifiers[origin.platform];
    if (!notifier) {
      context.logger.debug({ scanId: scan.id, platform: origin.platform }, 'no notifier for the platform that asked for this scan; status not posted');
      return;
    }
    const to: DeliveryTarget = { workspaceId: origin.workspaceId, channelId: origin.channelId, target: origin.target };
    if (origin.messageId) {
      // Read now, not when the job started: edits from several jobs end on the newest state.
      await notifier.postScanStatus(to, await scanStatusView(deps.db, await getScan(deps.db, scan.id)), { channelId: origin.channelId, messageId: origin.messageId, threadId: null });
      return;
    }
    if (!(await claimScanStatusPost(deps.db, scan.id, context.id))) {
      // Another job is posting the first message; it shows the newest state once it has posted.
      context.logger.debug({ scanId: scan.id }, 'the scan status message is being posted by another job');
      return;
    }
    const view = await scanStatusView(deps.db, scan);
    const posted = await notifier.postScanStatus(to, view, null);
    await setScanOriginMessage(deps.db, scan.id, posted.messageId);
    // Jobs that came while this one was posting found the claim and left: show what they would have.
    const now = await scanStatusView(deps.db, await getScan(deps.db, scan.id));
    if (now.status !== view.status || now.progress.done !== view.progress.done) await notifier.postScanStatus(to, now, posted);
  }

  /** The scan to report on, or null when there is none of this tenant with a chat origin. */
  async function scanToReport(tenantId: string, scanId: string, context: JobContext): Promise<Scan | null> {
    const scan = await getScan(deps.db, scanId).catch((error: unknown) => {
      if (isAppError(error) && error.code === 'NOT_FOUND') return null;
      throw error;
    });
    if (!scan || scan.tenantId !== tenantId) {
      context.logger.info({ scanId }, 'scan not found in this tenant; no status to post');
      return null;
    }
    return scan.origin ? scan : null;
  }

  return async (data, context) => {
    const tasks: Task[] = [];
    for (const delivery of await planDeliveries(deps.db, data.tenantId, data.alertIds)) {
      const where = `${delivery.platform}:${delivery.to.channelId}`;
      const notifier = deps.notifiers[delivery.platform];
      if (!notifier) {
        context.logger.debug({ platform: delivery.platform, channelId: delivery.to.channelId }, 'no notifier for this platform in this process; channel skipped');
        continue;
      }
      if (delivery.views.length > threshold) {
        // A retry of the same job keeps its id, so a digest outside any scan is still posted once.
        const digestKey = data.scanId ?? `job-${context.id}`;
        tasks.push({ name: `digest to ${where}`, run: () => postDigestOnce(notifier, delivery, data.tenantId, digestKey, data.scanId ?? null, context) });
      } else {
        tasks.push({ name: `alerts to ${where}`, run: () => postCards(notifier, delivery, data.tenantId) });
      }
    }
    const scan = data.scanId ? await scanToReport(data.tenantId, data.scanId, context) : null;
    if (scan?.origin) tasks.push({ name: `scan status to ${scan.origin.platform}:${scan.origin.channelId}`, run: () => postScanStatus(scan, context) });

    const results = await Promise.allSettled(tasks.map((task) => task.run()));
    const failures = tasks.flatMap((task, i) => {
      const result = results[i];
      return result?.status === 'rejected' ? [{ name: task.name, error: result.reason as unknown }] : [];
    });
    if (failures.length === 0) {
      if (tasks.length > 0) context.logger.debug({ deliveries: tasks.length }, 'notified');
      return;
    }
    const list = failures.map((f) => `${f.name}: ${f.error instanceof Error ? f.error.message : String(f.error)}`).join('; ');
    throw new AppError('PROVIDER_ERROR', `Notifying failed for ${failures.length} of ${tasks.length} deliveries (${list}). What was posted is recorded; the retry posts only the rest.`, {
      cause: new AggregateError(failures.map((f) => f.error)),
    });
  };
}

/**
 * Which channel gets which alerts: the open ones, routed by their integration and severity, less
 * the ones a channel already shows (a retry, or an alert posted before), grouped by channel.
 */
async function planDeliveries(db: Executor, tenantId: string, alertIds: readonly string[]): Promise<ChannelDelivery[]> {
  const views = (await loadAlertViews(db, tenantId, alertIds)).filter((view) => view.state === 'open').sort(bySeverityThenRisk);
  if (views.length === 0) return [];
  const ids = views.map((view) => view.id);
  const integrationOf = await integrationsOfAlerts(db, tenantId, ids);
  const shown = await channelsShowing(db, ids);
  const routeCache = new Map<string, Promise<RoutingRule[]>>();
  const routesFor = (integrationId: string | null, severity: AlertSeverity): Promise<RoutingRule[]> => {
    const key = `${integrationId ?? '-'}:${severity}`;
    let routes = routeCache.get(key);
    if (!routes) {
      routes = matchRoutes(db, tenantId, integrationId, severity);
      routeCache.set(key, routes);
    }
    return routes;
  };

  const byChannel = new Map<string, ChannelDelivery>();
  for (const view of views) {
    for (const rule of await routesFor(integrationOf.get(view.id) ?? null, view.severity)) {
      const channel = channelKey(rule.platform, rule.channelId);
      if (shown.has(`${view.id}|${channel}`)) continue;
      let delivery = byChannel.get(channel);
      if (!delivery) {
        delivery = { platform: rule.platform, to: { workspaceId: rule.workspaceId, channelId: rule.channelId, target: rule.target }, views: [] };
        byChannel.set(channel, delivery);
      }
      // Two rules for one channel (the integration's and the catch-all) still make one card.
      if (delivery.views.at(-1)?.id !== view.id) delivery.views.push(view);
    }
  }
  return [...byChannel.values()];
}

function channelKey(platform: Platform, channelId: string): string {
  return `${platform}:${channelId}`;
}

/** alert id → the integration of its finding (null for a stored CLI scan). */
async function integrationsOfAlerts(db: Executor, tenantId: string, alertIds: string[]): Promise<Map<string, string | null>> {
  const rows = await db
    .select({ alertId: alerts.id, integrationId: findings.integrationId })
    .from(alerts)
    .innerJoin(findings, eq(findings.id, alerts.findingId))
    .where(and(eq(alerts.tenantId, tenantId), inArray(alerts.id, alertIds)));
  return new Map(rows.map((row) => [row.alertId, row.integrationId]));
}

/** `alertId|platform:channel` for every channel that already shows one of the alerts. */
async function channelsShowing(db: Executor, alertIds: string[]): Promise<Set<string>> {
  const rows = await db
    .select({ alertId: alertMessages.alertId, platform: alertMessages.platform, channelId: alertMessages.channelId })
    .from(alertMessages)
    .where(inArray(alertMessages.alertId, alertIds));
  return new Set(rows.map((row) => `${row.alertId}|${channelKey(row.platform, row.channelId)}`));
}

function bySeverityThenRisk(a: AlertView, b: AlertView): number {
  return SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || b.riskScore - a.riskScore;
}

function emptyCounts(): Record<AlertSeverity, number> {
  return Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<AlertSeverity, number>;
}

/** `views` come sorted most severe first. */
function digestOf(views: AlertView[], scanId: string | null): DigestView {
  const bySeverity = emptyCounts();
  for (const view of views) bySeverity[view.severity] += 1;
  const names = new Set(views.map((view) => view.integrationName));
  return {
    integrationName: names.size === 1 ? (views[0]?.integrationName ?? null) : null,
    scanId,
    total: views.length,
    bySeverity,
    top: views.slice(0, DIGEST_TOP),
    listCommand: DIGEST_LIST_COMMAND,
  };
}

const STATUS: Record<Scan['status'], ScanStatusView['status']> = {
  queued: 'queued',
  running: 'running',
  complete: 'complete',
  partial: 'partial',
  failed: 'failed',
  cancelled: 'failed',
};

export async function scanStatusView(db: Executor, scan: Scan): Promise<ScanStatusView> {
  const integration = scan.integrationId ? await getIntegration(db, scan.tenantId, scan.integrationId).catch(() => null) : null;
  const summary = scan.summary;
  return {
    scanId: scan.id,
    integrationName: integration?.name ?? scan.provider,
    status: STATUS[scan.status],
    progress: { done: scan.progress.done, total: scan.progress.total },
    summary: summary
      ? { failing: summary.fail, newFailing: summary.new + summary.regressed, resolved: summary.resolved, bySeverity: await openedBySeverity(db, scan) }
      : null,
    error: scan.error ?? (scan.status === 'cancelled' ? 'The scan was cancelled.' : null),
    requestedBy: scan.requestedBy,
  };
}

/**
 * The alerts this scan opened (or reopened) that are still open, by severity: the alerts of the
 * findings it saw last whose current episode began after the scan started.
 */
async function openedBySeverity(db: Executor, scan: Scan): Promise<Partial<Record<AlertSeverity, number>>> {
  const since = scan.startedAt ?? scan.createdAt;
  const rows = await db
    .select({ severity: alerts.severity, n: count() })
    .from(alerts)
    .innerJoin(findings, eq(findings.id, alerts.findingId))
    .where(and(eq(alerts.tenantId, scan.tenantId), eq(findings.lastScanId, scan.id), eq(alerts.state, 'open'), gte(alerts.openedAt, since)))
    .groupBy(alerts.severity);
  return Object.fromEntries(rows.map((row) => [row.severity, row.n]));
}
