/**
 * Asking for a scan of a stored integration, from anywhere (schedule, chat, REST, CLI): the scan
 * row, its job and the audit row commit together. A request while another scan of the same
 * integration is queued or running is coalesced into that one, and the caller is told.
 */
import { AppError } from '../errors.js';
import { appendAudit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { getIntegration } from '../store/integrations.js';
import { requestScan, type Scan } from '../store/scans.js';
import type { ScanOrigin } from '../store/schema.js';
import type { JobQueue } from './job-queue.js';
import type { JobPayloads } from './queues.js';

export interface StartScanInput {
  tenantId: string;
  integrationId: string;
  /** `schedule`, `cli`, `api:<token>`, `slack:<team>:<user>`, ... */
  requestedBy: string;
  regions?: string[];
  checks?: string[];
  /** Only these repositories of a GitHub integration (`owner/repo`); absent: all of it. */
  repositories?: string[];
  /** The chat channel that asked, so progress and the summary go back to it. */
  origin?: ScanOrigin;
  correlationId: string;
}

export async function startScan(db: Db, queue: JobQueue<JobPayloads>, input: StartScanInput): Promise<{ scan: Scan; coalesced: boolean }> {
  return db.transaction(async (tx) => {
    const integration = await getIntegration(tx, input.tenantId, input.integrationId);
    if (integration.status === 'disabled') {
      throw new AppError('CONFLICT', `Integration "${integration.name}" is disabled; it cannot be scanned.`);
    }
    const result = await requestScan(tx, {
      tenantId: input.tenantId,
      integrationId: integration.id,
      provider: integration.provider,
      requestedBy: input.requestedBy,
      regions: input.regions,
      checks: input.checks,
      origin: input.origin ?? null,
      scope: input.repositories ? { repositories: input.repositories } : null,
    });
    if (result.coalesced) return result;
    await queue.send('scan', { tenantId: input.tenantId, integrationId: integration.id, scanId: result.scan.id }, { tx, correlationId: input.correlationId });
    await appendAudit(tx, {
      tenantId: input.tenantId,
      actor: input.requestedBy,
      action: 'scan.requested',
      targetType: 'scan',
      targetId: result.scan.id,
      details: { integrationId: integration.id, integration: integration.name, regions: input.regions ?? null, checks: input.checks ?? null, ...(input.repositories ? { repositories: input.repositories } : {}) },
    });
    return result;
  });
}
