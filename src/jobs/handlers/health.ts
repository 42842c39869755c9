/**
 * Tells the channels subscribed to an integration (its own routes and the catch-all ones, whatever
 * their minimum severity) that its connection stopped working, or works again. Channels are
 * independent, and each gets the notice once however often the job is retried.
 */
import type { DeliveryTarget, HealthNoticeView, NotifierRegistry } from '../../bot/core/types.js';
import { AppError, isAppError } from '../../errors.js';
import { getIntegration } from '../../store/integrations.js';
import { matchRoutes } from '../../store/routes.js';
import type { JobHandler } from '../job-queue.js';
import type { JobPayloads } from '../queues.js';
import type { HandlerDeps } from './index.js';
import { postOnce } from './post-once.js';

export const HEALTH_NOTICE_AUDIT_ACTION = 'notify.health';

export function healthNoticeHandler(deps: HandlerDeps & { notifiers: NotifierRegistry }): JobHandler<JobPayloads['health']> {
  return async (data, context) => {
    const integration = await getIntegration(deps.db, data.tenantId, data.integrationId).catch((error: unknown) => {
      if (isAppError(error) && error.code === 'NOT_FOUND') return null;
      throw error;
    });
    if (!integration) {
      context.logger.info({ integrationId: data.integrationId }, 'integration gone; health notice dropped');
      return;
    }
    const view: HealthNoticeView = {
      integrationId: integration.id,
      integrationName: integration.name,
      provider: integration.provider,
      turned: data.turned,
      errorMessage: data.errorMessage,
      checkedAt: data.checkedAt,
    };
    // 'critical' meets every minimum severity: a subscription hears about its integration's health.
    const routes = await matchRoutes(deps.db, data.tenantId, integration.id, 'critical');
    const channels = new Map(routes.map((rule) => [`${rule.platform}:${rule.channelId}`, rule]));
    const tasks = [...channels].flatMap(([where, rule]) => {
      const notifier = deps.notifiers[rule.platform];
      if (!notifier) return [];
      const to: DeliveryTarget = { workspaceId: rule.workspaceId, channelId: rule.channelId, target: rule.target };
      const mark = {
        tenantId: data.tenantId,
        action: HEALTH_NOTICE_AUDIT_ACTION,
        targetType: 'health-notice',
        targetId: `${integration.id}:${data.turned}:${data.checkedAt}:${where}`,
        details: { integrationId: integration.id, turned: data.turned, platform: rule.platform },
      };
      return [{ where, run: () => postOnce(deps.db, mark, () => notifier.postHealthNotice(to, view), context) }];
    });
    const results = await Promise.allSettled(tasks.map((task) => task.run()));
    const failed = tasks.filter((_, i) => results[i]?.status === 'rejected');
    if (failed.length === 0) return;
    throw new AppError('PROVIDER_ERROR', `The health notice for ${integration.name} could not be posted to ${failed.map((task) => task.where).join(', ')}; the retry posts only those.`, {
      cause: new AggregateError(results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []))),
    });
  };
}
