import { AppError, isAppError } from '../../errors.js';
import type { ScannerRegistry } from '../../scanning/scanner.js';
import { appendAudit } from '../../store/audit.js';
import type { Keyring } from '../../store/crypto.js';
import { getIntegration, readCredentials } from '../../store/integrations.js';
import { finishScan, getScan, markScanRunning, updateScanProgress } from '../../store/scans.js';
import type { JobHandler } from '../job-queue.js';
import { QUEUE_SPECS, type JobPayloads } from '../queues.js';
import { recordScanResults } from '../record-scan.js';
import type { HandlerDeps } from './index.js';

const PROGRESS_EVERY_MS = 2000;
/** How often a chat-started scan's status message shows its progress (each edit is a chat API call). */
const STATUS_EVERY_MS = 15_000;
/** Failures a retry cannot fix: bad or destroyed credentials, a wrong key, a provider this build cannot scan. */
const PERMANENT = new Set(['AUTHENTICATION_ERROR', 'AUTHORIZATION_ERROR', 'ENCRYPTION_ERROR', 'CONFLICT', 'VALIDATION_ERROR']);
const RETRY_LIMIT = QUEUE_SPECS.scan.options.retryLimit ?? 0;

/**
 * Runs one scan of a stored integration and records it. A retried job picks up the same scan row;
 * recording is idempotent, and a scan that already finished is left alone.
 */
export function scanHandler(
  deps: HandlerDeps & { keyring: Keyring; scanners: ScannerRegistry; progressEveryMs?: number; statusEveryMs?: number },
): JobHandler<JobPayloads['scan']> {
  const progressEveryMs = deps.progressEveryMs ?? PROGRESS_EVERY_MS;
  const statusEveryMs = deps.statusEveryMs ?? STATUS_EVERY_MS;
  const clock = deps.clock ?? (() => new Date());
  return async (data, context) => {
    /** Queues a status update for the chat that asked; the status message is cosmetic, so a failure is logged, not thrown. */
    const showStatus = (): Promise<void> =>
      deps.queue
        .send('notify', { tenantId: data.tenantId, alertIds: [], scanId: data.scanId }, { correlationId: data.correlationId })
        .then(() => undefined)
        .catch((error: unknown) => context.logger.warn({ err: error, scanId: data.scanId }, 'could not queue the scan status update'));
    const existing = await getScan(deps.db, data.scanId);
    if (existing.finishedAt) {
      context.logger.info({ scanId: data.scanId, status: existing.status }, 'scan already finished; nothing to do');
      return;
    }
    const integration = await getIntegration(deps.db, data.tenantId, data.integrationId);
    const scanner = deps.scanners[integration.provider];
    const running = await markScanRunning(deps.db, data.scanId);
    if (running.finishedAt) {
      context.logger.info({ scanId: data.scanId, status: running.status }, 'scan was finished (or cancelled) before it started; nothing to do');
      return;
    }
    // A scan asked for from chat shows "running" there; the notify job edits the same message later.
    if (running.origin) await showStatus();
    try {
      if (!scanner) throw new AppError('PROVIDER_ERROR', `Scanning ${integration.provider} is not available in this version.`);
      const credentials = await readCredentials(deps.db, deps.keyring, integration);
      let lastProgress = 0;
      let lastStatus = Date.now();
      const repositories = existing.scope?.repositories;
      const outcome = await scanner.scan({
        credentials,
        regions: existing.regions ?? undefined,
        checks: existing.checks ?? undefined,
        ...(repositories ? { scope: { repositories } } : {}),
        scanId: data.scanId,
        now: clock,
        onProgress: (progress) => {
          const now = Date.now();
          if (now - lastProgress < progressEveryMs && progress.done < progress.total) return;
          lastProgress = now;
          const saved = updateScanProgress(deps.db, data.scanId, { done: progress.done, total: progress.total });
          if (running.origin && now - lastStatus >= statusEveryMs && progress.done < progress.total) {
            lastStatus = now;
            void saved.then(showStatus, () => undefined);
          } else {
            void saved.catch(() => undefined);
          }
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
        ...(repositories ? { repositories } : {}),
        afterRecord: async (tx) => {
          // A GitHub App installation reports on each repository as a check run: a follow-up job,
          // so a failing GitHub call never loses the findings recorded here.
          if (integration.provider !== 'github' || credentials.installation_id === undefined) return;
          const checked = repositories ?? repositoriesIn(outcome.report.findings);
          const jobs = checked.map((repository) => ({ tenantId: data.tenantId, integrationId: integration.id, scanId: data.scanId, repository }));
          await deps.queue.sendMany('github-check', jobs, { tx, correlationId: data.correlationId });
        },
      });
      context.logger.info({ scanId: data.scanId, status, ...summary, apiCalls: outcome.apiCalls }, 'scan recorded');
      // Recording queues a notify for the scan only when it opened alerts; a chat-started scan shows its end either way.
      if (running.origin) await showStatus();
    } catch (error) {
      // A scan that cannot run (bad credentials, ...) fails now: a retry would fail the same way.
      // Anything else (the database, the network) is retried by the queue, and recorded as failed
      // only when the last attempt fails too.
      const permanent = !scanner || (isAppError(error) && PERMANENT.has(error.code));
      if (!permanent && context.retryCount < RETRY_LIMIT) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      const recorded = await deps.db.transaction(async (tx) => {
        const current = await getScan(tx, data.scanId);
        if (current.finishedAt) return false;
        await finishScan(tx, data.scanId, { status: 'failed', error: reason });
        // The chat that asked sees the failure; queued in this transaction, so exactly when it is recorded.
        if (current.origin) await deps.queue.send('notify', { tenantId: data.tenantId, alertIds: [], scanId: data.scanId }, { tx, correlationId: data.correlationId });
        await appendAudit(tx, { tenantId: data.tenantId, actor: 'scan', action: 'scan.failed', targetType: 'scan', targetId: data.scanId, outcome: 'failure', details: { error: reason } });
        return true;
      });
      if (recorded) context.logger.warn({ scanId: data.scanId, reason }, 'scan failed');
    }
  };
}

/** The repositories (`owner/repo`) a GitHub scan reported on; organization findings (`org/<login>`) are not repositories. */
function repositoriesIn(findings: ReadonlyArray<{ resourceId: string }>): string[] {
  const names = new Set<string>();
  for (const { resourceId } of findings) {
    const [owner, repo] = resourceId.split('/');
    if (owner && repo && owner !== 'org') names.add(`${owner}/${repo}`);
  }
  return [...names].sort();
}
