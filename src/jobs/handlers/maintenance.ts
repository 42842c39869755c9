import pLimit from 'p-limit';
import { isAppError } from '../../errors.js';
import { appendAudit } from '../../store/audit.js';
import { reopenExpiredSuppressions } from '../../store/alerts.js';
import { listIntegrations, type PublicIntegration } from '../../store/integrations.js';
import type { JobContext, JobHandler } from '../job-queue.js';
import type { JobPayloads, MaintenanceJob } from '../queues.js';
import { startScan } from '../start-scan.js';
import type { HandlerDeps } from './index.js';

/** Schedule keys for integration scans: `scan:<integration id>`. */
// pg-boss keys allow only letters, digits, dashes, underscores and dots.
export const SCAN_SCHEDULE_PREFIX = 'scan-';

/** How often every integration's connection is tested (cron, UTC). */
export const HEALTH_CHECK_CRON = '*/15 * * * *';
const HEALTH_CHECKS_AT_ONCE = 4;

/** Tests one integration's connection and records its health; null when its provider has no test. */
export type HealthCheck = (integration: PublicIntegration) => Promise<{ status: string; errorMessage: string | null; checkedAt: string } | null>;

export interface MaintenanceDeps extends HandlerDeps {
  checkHealth?: HealthCheck;
}

/**
 * Housekeeping on schedules. Each task is safe to run twice: state changes, their audit rows and
 * the jobs they cause commit in one transaction, so a retry finds nothing left to do.
 */
export function maintenanceHandler(deps: MaintenanceDeps): JobHandler<JobPayloads['maintenance']> {
  const clock = deps.clock ?? (() => new Date());

  async function reopenExpired(context: JobContext): Promise<void> {
    const reopened = await deps.db.transaction(async (tx) => {
      const alerts = await reopenExpiredSuppressions(tx, clock());
      for (const alert of alerts) {
        await appendAudit(tx, {
          tenantId: alert.tenantId,
          actor: 'maintenance',
          action: 'alert.suppression_expired',
          targetType: 'alert',
          targetId: alert.id,
          details: { after: { state: alert.state, version: alert.version } },
        });
      }
      await deps.queue.sendMany(
        'refresh',
        alerts.map((alert) => ({ tenantId: alert.tenantId, alertId: alert.id, version: alert.version })),
        { tx, correlationId: context.correlationId },
      );
      return alerts.length;
    });
    if (reopened > 0) context.logger.info({ reopened }, 're-opened alerts whose suppression expired');
  }

  /** Makes pg-boss's scan schedules match the integrations: added, changed and removed ones. */
  async function syncSchedules(context: JobContext): Promise<void> {
    const active = (await listIntegrations(deps.db)).filter((i) => i.status !== 'disabled');
    const wanted = new Map(active.map((i) => [`${SCAN_SCHEDULE_PREFIX}${i.id}`, i]));
    const existing = new Map((await deps.queue.schedules('maintenance')).filter((s) => s.key.startsWith(SCAN_SCHEDULE_PREFIX)).map((s) => [s.key, s.cron]));
    for (const [key, integration] of wanted) {
      if (existing.get(key) === integration.schedule) continue;
      await deps.queue.schedule('maintenance', integration.schedule, { task: 'scheduled-scan', tenantId: integration.tenantId, integrationId: integration.id }, key);
    }
    for (const key of existing.keys()) {
      if (!wanted.has(key)) await deps.queue.unschedule('maintenance', key);
    }
    context.logger.debug({ schedules: wanted.size }, 'scan schedules in step');
  }

  async function scheduledScan(job: Extract<MaintenanceJob, { task: 'scheduled-scan' }>, context: JobContext): Promise<void> {
    const started = await startScan(deps.db, deps.queue, {
      tenantId: job.tenantId,
      integrationId: job.integrationId,
      requestedBy: 'schedule',
      correlationId: context.correlationId,
    }).catch((error: unknown) => {
      // Removed or disabled since the schedule was made: the next schedule sync drops it; retrying cannot help.
      if (isAppError(error) && (error.code === 'NOT_FOUND' || error.code === 'CONFLICT')) {
        context.logger.info({ integrationId: job.integrationId, reason: error.message }, 'scheduled scan skipped');
        return null;
      }
      throw error;
    });
    if (!started) return;
    const { scan, coalesced } = started;
    if (coalesced) context.logger.info({ scanId: scan.id }, 'scheduled scan skipped: a scan of this integration is already queued or running');
  }

  /**
   * Tests every enabled integration (a few at a time), so one whose credentials were revoked or
   * whose role lost its trust shows as unhealthy before its next scan fails. The test records the
   * health and audits it. An integration turning unhealthy, or healthy again, is logged and told
   * to the channels subscribed to it (a `health` job; the first check of a new integration is
   * news only when it fails).
   */
  async function checkHealth(context: JobContext): Promise<void> {
    const test = deps.checkHealth;
    if (!test) return;
    const integrations = (await listIntegrations(deps.db)).filter((i) => i.status !== 'disabled');
    const limit = pLimit(HEALTH_CHECKS_AT_ONCE);
    const results = await Promise.all(
      integrations.map((integration) =>
        limit(async () => {
          const before = integration.health?.status ?? null;
          const after = await test(integration).catch((error: unknown) => {
            context.logger.warn({ err: error, integrationId: integration.id }, 'integration health check failed to run');
            return null;
          });
          const turned = !after ? null : after.status === 'unhealthy' && before !== 'unhealthy' ? 'unhealthy' : after.status === 'healthy' && before === 'unhealthy' ? 'healthy' : null;
          if (after && turned) {
            const fields = { integrationId: integration.id, name: integration.name, provider: integration.provider, error: after.errorMessage };
            if (turned === 'unhealthy') context.logger.warn(fields, 'integration turned unhealthy');
            else context.logger.info(fields, 'integration is healthy again');
            await deps.queue.send('health', { tenantId: integration.tenantId, integrationId: integration.id, turned, errorMessage: after.errorMessage, checkedAt: after.checkedAt }, { correlationId: context.correlationId });
          }
          return after;
        }),
      ),
    );
    context.logger.debug({ checked: results.filter(Boolean).length }, 'integration health checked');
  }

  return async (data, context) => {
    switch (data.task) {
      case 'check-health':
        return checkHealth(context);
      case 'reopen-expired-suppressions':
        return reopenExpired(context);
      case 'sync-schedules':
        return syncSchedules(context);
      case 'scheduled-scan':
        return scheduledScan(data, context);
    }
  };
}
