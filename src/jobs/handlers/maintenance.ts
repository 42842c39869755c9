import { reopenExpiredSuppressions } from '../../store/alerts.js';
import { appendAudit } from '../../store/audit.js';
import type { JobHandler } from '../job-queue.js';
import type { JobPayloads } from '../queues.js';
import type { HandlerDeps } from './index.js';

/**
 * Housekeeping on a schedule. Re-opening expired suppressions happens in one transaction with its
 * audit rows and the refresh jobs that update every card, so a retried job finds nothing left to do
 * and nothing is recorded twice.
 */
export function maintenanceHandler(deps: HandlerDeps): JobHandler<JobPayloads['maintenance']> {
  const clock = deps.clock ?? (() => new Date());
  return async (data, context) => {
    switch (data.task) {
      case 'reopen-expired-suppressions': {
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
            { tx, correlationId: data.correlationId },
          );
          return alerts.length;
        });
        if (reopened > 0) context.logger.info({ reopened }, 're-opened alerts whose suppression expired');
        return;
      }
    }
  };
}
