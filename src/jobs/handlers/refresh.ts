/**
 * Makes every chat copy of an alert show its current state, on every platform, and adds the note
 * ("acknowledged by …") to each copy's thread. The job's version is the change that caused it; if
 * the alert has changed again since, the copies are brought to the newest version all the same.
 *
 * Safe to retry: each copy is marked with the version it shows as soon as it is updated, so a retry
 * touches only the copies still behind, and the note goes only to copies this attempt updated — it
 * is never posted twice. Platforms run side by side: one that fails (a 429 that exhausted its
 * retries) neither delays nor stops the others; the job fails afterwards so the queue retries it.
 *
 * A note belongs to its change: a copy is recorded at the version of the change this job is for,
 * even when it was shown something newer, so the newer change's job still finds it behind and
 * posts its own note.
 */
import { loadAlertView } from '../../bot/core/alert-view.js';
import type { AlertView, Notifier, NotifierRegistry, Platform } from '../../bot/core/types.js';
import { AppError } from '../../errors.js';
import { markRendered, staleMessages, type AlertMessage } from '../../store/alert-messages.js';
import type { JobContext, JobHandler } from '../job-queue.js';
import type { JobPayloads } from '../queues.js';
import type { HandlerDeps } from './index.js';

export interface RefreshDeps extends HandlerDeps {
  notifiers: NotifierRegistry;
}

interface CopyFailure {
  message: AlertMessage;
  error: unknown;
}

export function refreshHandler(deps: RefreshDeps): JobHandler<JobPayloads['refresh']> {
  /**
   * Updates one copy, records it, then queues the note if this attempt was the one that updated it.
   * The note is never posted twice: only the attempt that marked the copy queues it, and a note
   * job is not retried.
   */
  async function refreshCopy(notifier: Notifier, tenantId: string, changeVersion: number, message: AlertMessage, view: AlertView, note: string | undefined, context: JobContext): Promise<void> {
    // The update waits its turn in the channel's pace; meanwhile a click may have shown a newer
    // version on this very card. Whatever was sent last must be the newest, so check after sending
    // and send again until nothing newer exists.
    let shown = view;
    for (let round = 0; round < 5; round += 1) {
      await notifier.updateAlert(message, shown);
      const latest = await loadAlertView(deps.db, tenantId, view.id);
      if (!latest || latest.version <= shown.version) break;
      shown = latest;
    }
    // Marked with the version of the change this job is for, not a newer one it happened to show:
    // the note goes with that change, and the newer change's click handler or job still finds the
    // copy behind and posts its own note.
    const updated = await markRendered(deps.db, message.id, Math.min(changeVersion, shown.version));
    if (!note || !updated) return;
    // The note goes through its own job: posting it waits out the channel's pace (a second on
    // Slack and Discord), which must not hold this worker from the next change's card updates.
    await deps.queue.send('note', { tenantId, messageId: message.id, text: note }, { correlationId: context.correlationId }).catch((error: unknown) => {
      context.logger.warn({ err: error, alertId: view.id, platform: message.platform, channelId: message.channelId }, 'card updated, but its thread note could not be queued');
    });
  }

  /** Every copy on one platform; the copies are independent, so one failing does not stop the rest. */
  async function refreshPlatform(platform: Platform, tenantId: string, changeVersion: number, messages: AlertMessage[], view: AlertView, note: string | undefined, context: JobContext): Promise<CopyFailure[]> {
    const notifier = deps.notifiers[platform];
    if (!notifier) {
      context.logger.debug({ platform, copies: messages.length }, 'no notifier for this platform in this process; copies left as they are');
      return [];
    }
    const results = await Promise.allSettled(messages.map((message) => refreshCopy(notifier, tenantId, changeVersion, message, view, note, context)));
    return messages.flatMap((message, i) => {
      const result = results[i];
      return result?.status === 'rejected' ? [{ message, error: result.reason as unknown }] : [];
    });
  }

  return async (data, context) => {
    const view = await loadAlertView(deps.db, data.tenantId, data.alertId);
    if (!view) {
      context.logger.info({ alertId: data.alertId }, 'alert not found in this tenant; nothing to refresh');
      return;
    }
    if (view.version > data.version) context.logger.debug({ alertId: view.id, asked: data.version, current: view.version }, 'alert changed again since; refreshing to the current version');
    const stale = await staleMessages(deps.db, view.id, view.version);
    if (stale.length === 0) return;

    const byPlatform = new Map<Platform, AlertMessage[]>();
    for (const message of stale) byPlatform.set(message.platform, [...(byPlatform.get(message.platform) ?? []), message]);
    const failures = (await Promise.all([...byPlatform].map(([platform, messages]) => refreshPlatform(platform, data.tenantId, data.version, messages, view, data.note, context)))).flat();
    if (failures.length === 0) return;

    const list = failures.map((f) => `${f.message.platform}:${f.message.channelId}/${f.message.messageId}: ${f.error instanceof Error ? f.error.message : String(f.error)}`).join('; ');
    throw new AppError('PROVIDER_ERROR', `Refreshing alert ${view.id} failed for ${failures.length} of ${stale.length} copies (${list}). The updated copies are recorded; the retry updates only the rest.`, {
      cause: new AggregateError(failures.map((f) => f.error)),
    });
  };
}
