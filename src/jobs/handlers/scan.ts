import { isAppError } from '../../errors.js';
import type { ScannerRegistry } from '../../scanning/scanner.js';
import { appendAudit } from '../../store/audit.js';
import type { Keyring } from '../../store/crypto.js';
import { getIntegration, readCredentials, updateIntegration } from '../../store/integrations.js';
import { finishScan, getScan, markScanRunning, updateScanProgress } from '../../store/scans.js';
import type { JobHandler } from '../job-queue.js';
import type { JobPayloads } from '../queues.js';
import { recordScanResults } from '../record-scan.js';
import type { HandlerDeps } from './index.js';

const PROGRESS_EVERY_MS = 2000;

/**
 * Runs one scan of a stored integration and records it. A retried job picks up the same scan row;
 * recording is idempotent, and a scan that already finished is left alone.
 */
export function scanHandler(deps: HandlerDeps & { keyring: Keyring; scanners: ScannerRegistry }): JobHandler<JobPayloads['scan']> {
  const clock = deps.clock ?? (() => new Date());
  return async (data, context) => {
    const existing = await getScan(deps.db, data.scanId);
    if (existing.finishedAt) {
      context.logger.info({ scanId: data.scanId, status: existing.status }, 'scan already finished; nothing to do');
      return;
    }
    const integration = await getIntegration(deps.db, data.tenantId, data.integrationId);
    const scanner = deps.scanners[integration.provider];
    await markScanRunning(deps.db, data.scanId);
    try {
      if (!scanner) throw new Error(`Scanning ${integration.provider} is not available in this version.`);
      const credentials = await readCredentials(deps.db, deps.keyring, integration);
      let lastProgress = 0;
      const outcome = await scanner.scan({
        credentials,
        regions: existing.regions ?? undefined,
        checks: existing.checks ?? undefined,
        scanId: data.scanId,
        now: clock,
        onProgress: (progress) => {
          const now = Date.now();
          if (now - lastProgress < PROGRESS_EVERY_MS && progress.done < progress.total) return;
          lastProgress = now;
          void updateScanProgress(deps.db, data.scanId, { done: progress.done, total: progress.total }).catch(() => undefined);
        },
      });
      const status = outcome.report.scan.status === 'complete' ? 'complete' : 'partial';
      const checkIds = outcome.report.checks.map((c) => c.id);
      const summary = await recordScanResults(deps.db, deps.queue, {
        tenantId: data.tenantId,
        integrationId: integration.id,
        scanId: data.scanId,
        provider: integration.provider,
        status,
        findings: outcome.report.findings,
        completeChecks: checkIds.filter((id) => !outcome.incompleteChecks.includes(id)),
        resources: outcome.resources,
        now: clock(),
        correlationId: data.correlationId,
      });
      await updateIntegration(deps.db, integration.id, { lastScanAt: clock() });
      context.logger.info({ scanId: data.scanId, status, ...summary }, 'scan recorded');
    } catch (error) {
      // A scan that cannot run (bad credentials, provider unreachable) is recorded as failed with the
      // reason; a retry would fail the same way, so the job completes.
      const reason = isAppError(error) || error instanceof Error ? error.message : String(error);
      await deps.db.transaction(async (tx) => {
        await finishScan(tx, data.scanId, { status: 'failed', error: reason });
        await appendAudit(tx, { tenantId: data.tenantId, actor: 'scan', action: 'scan.failed', targetType: 'scan', targetId: data.scanId, outcome: 'failure', details: { error: reason } });
      });
      context.logger.warn({ scanId: data.scanId, reason }, 'scan failed');
    }
  };
}
