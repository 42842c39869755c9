/**
 * The evidence sync job: collects the asked evidence types from the integration's provider, stores
 * one evidence item per resource and framework control (each with the SHA-256 of its canonical
 * data), and records the sync's outcome.
 *
 * Evidence is cached for an hour, as the integration guide asks: a type already collected for the
 * same integration and frameworks within the hour is not collected again, and the sync counts the
 * stored items instead. Items are written in batches of 100, each batch in its own transaction, so
 * a very large account never holds one long transaction. A retried job finds its sync running and
 * starts over; items a failed attempt stored stay (they are true evidence of that moment) and the
 * retry's cache check counts them instead of collecting twice.
 */
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import { controlsFor } from '../../evidence/controls.js';
import { FRAMEWORKS, supportedEvidenceTypes, type EvidenceCollectorRegistry, type EvidenceFramework, type EvidenceType } from '../../evidence/types.js';
import { AppError, isAppError } from '../../errors.js';
import { appendAudit } from '../../store/audit.js';
import type { Keyring } from '../../store/crypto.js';
import type { Db } from '../../store/db.js';
import { insertEvidence, type NewEvidenceItem } from '../../store/evidence.js';
import { getIntegration, readCredentials } from '../../store/integrations.js';
import { evidence } from '../../store/schema.js';
import { finishSync, markSyncRunning } from '../../store/syncs.js';
import type { JobHandler } from '../job-queue.js';
import { QUEUE_SPECS, type JobPayloads } from '../queues.js';
import type { HandlerDeps } from './index.js';

export const EVIDENCE_CACHE_MS = 60 * 60 * 1000;
export const EVIDENCE_BATCH_SIZE = 100;
const PERMANENT = new Set(['AUTHENTICATION_ERROR', 'AUTHORIZATION_ERROR', 'ENCRYPTION_ERROR', 'VALIDATION_ERROR', 'NOT_FOUND']);
const RETRY_LIMIT = QUEUE_SPECS.sync.options.retryLimit ?? 0;

export interface SyncDeps extends HandlerDeps {
  keyring: Keyring;
  collectors: EvidenceCollectorRegistry;
}

/** Stored items per collection type collected for this integration since `since`, in any of `frameworks`. */
async function cachedCounts(db: Db, integrationId: string, types: readonly EvidenceType[], frameworks: readonly EvidenceFramework[], since: Date): Promise<Map<string, number>> {
  const type = sql<string>`${evidence.evidenceMetadata} ->> 'collection_type'`;
  const rows = await db
    .select({ type, framework: evidence.framework, count: sql<number>`count(*)::int` })
    .from(evidence)
    .where(and(eq(evidence.integrationId, integrationId), gte(evidence.collectedAt, since), inArray(evidence.framework, [...frameworks]), inArray(type, [...types])))
    .groupBy(type, evidence.framework);
  // A type is cached only when every framework asked has it; otherwise it is collected again.
  const counts = new Map<string, { frameworks: Set<string>; count: number }>();
  for (const row of rows) {
    const entry = counts.get(row.type) ?? { frameworks: new Set(), count: 0 };
    entry.frameworks.add(row.framework);
    entry.count += Number(row.count);
    counts.set(row.type, entry);
  }
  return new Map([...counts].filter(([, entry]) => entry.frameworks.size === frameworks.length).map(([t, entry]) => [t, entry.count]));
}

export function syncHandler(deps: SyncDeps): JobHandler<JobPayloads['sync']> {
  const clock = deps.clock ?? (() => new Date());
  return async (data, context) => {
    const sync = await markSyncRunning(deps.db, data.syncId);
    if (!sync) {
      context.logger.info({ syncId: data.syncId }, 'sync gone or already finished; nothing to do');
      return;
    }
    let unavailable = false;
    try {
      const integration = await getIntegration(deps.db, data.tenantId, data.integrationId);
      const supported = supportedEvidenceTypes(integration.provider);
      const unknownTypes = sync.evidenceTypes.filter((t) => !(supported as readonly string[]).includes(t));
      if (unknownTypes.length > 0) throw new AppError('VALIDATION_ERROR', `${integration.provider} does not collect ${unknownTypes.join(', ')}; it collects ${supported.join(', ')}.`);
      const types = (sync.evidenceTypes.length > 0 ? sync.evidenceTypes : [...supported]) as EvidenceType[];
      const frameworks = sync.framework ? [sync.framework as EvidenceFramework] : [...FRAMEWORKS];
      const collector = deps.collectors[integration.provider];
      if (!collector) {
        unavailable = true;
        throw new AppError('PROVIDER_ERROR', `Evidence collection from ${integration.provider} is not available in this version.`);
      }

      const now = clock();
      const cached = await cachedCounts(deps.db, integration.id, types, frameworks, new Date(now.getTime() - EVIDENCE_CACHE_MS));
      const toCollect = types.filter((t) => !cached.has(t));
      const collection = toCollect.length > 0 ? await collector.collect({ credentials: await readCredentials(deps.db, deps.keyring, integration), types: toCollect }) : { account: null, items: [], errors: {} };

      const rows: NewEvidenceItem[] = collection.items.flatMap((item) =>
        frameworks.flatMap((framework) =>
          controlsFor(framework, item.collectionType).map((controlId) => ({
            tenantId: data.tenantId,
            integrationId: integration.id,
            syncId: sync.id,
            title: item.title,
            description: item.description,
            evidenceType: 'api_response',
            status: 'collected',
            framework,
            controlId,
            data: item.data,
            evidenceMetadata: {
              ...item.metadata,
              platform: integration.provider,
              collection_type: item.collectionType,
              collected_at: now.toISOString(),
              integration_id: integration.id,
              account: collection.account,
              sync_id: sync.id,
            },
            // Read straight from the provider's API by a read-only role: high confidence, full trust points.
            confidenceScore: 0.95,
            trustPoints: 10,
            collectedAt: now,
          })),
        ),
      );
      for (let i = 0; i < rows.length; i += EVIDENCE_BATCH_SIZE) {
        await deps.db.transaction((tx) => insertEvidence(tx, rows.slice(i, i + EVIDENCE_BATCH_SIZE)));
      }

      const problems = Object.entries(collection.errors).flatMap(([type, errors]) => errors.map((e) => `${type}: ${e}`));
      const itemCount = rows.length + [...cached.values()].reduce((a, b) => a + b, 0);
      const status = problems.length > 0 ? 'partial' : 'complete';
      await deps.db.transaction(async (tx) => {
        await finishSync(tx, sync.id, { status, itemCount, error: problems.length > 0 ? problems.slice(0, 20).join('; ') : null });
        await appendAudit(tx, {
          tenantId: data.tenantId,
          actor: sync.requestedBy,
          action: 'evidence.sync',
          targetType: 'integration',
          targetId: integration.id,
          outcome: 'success',
          details: { syncId: sync.id, status, collected: rows.length, cachedTypes: [...cached.keys()], types, frameworks, problems: problems.length },
        });
      });
      context.logger.info({ syncId: sync.id, status, collected: rows.length, cached: [...cached.keys()] }, 'evidence sync recorded');
    } catch (error) {
      // Bad credentials, a wrong key or an unsupported type fail now: a retry would fail the same way.
      const permanent = unavailable || (isAppError(error) && PERMANENT.has(error.code));
      if (!permanent && context.retryCount < RETRY_LIMIT) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      await deps.db.transaction(async (tx) => {
        await finishSync(tx, sync.id, { status: 'failed', itemCount: 0, error: reason });
        await appendAudit(tx, { tenantId: data.tenantId, actor: sync.requestedBy, action: 'evidence.sync', targetType: 'integration', targetId: data.integrationId, outcome: 'failure', details: { syncId: sync.id, error: reason } });
      });
      context.logger.warn({ syncId: sync.id, reason }, 'evidence sync failed');
    }
  };
}
