/**
 * `GET /integrations/cloud/status`, the API's hot read. Requests that ask at the same moment share
 * one query for every tenant among them (store/fresh-reads.ts: each still sees everything committed
 * before it arrived) and, per tenant, one frozen answer object, which the router serializes once.
 */
import type { z } from 'zod';
import type { Executor } from '../store/db.js';
import { freshReads, type FreshRead } from '../store/fresh-reads.js';
import { integrationStatuses, type IntegrationStatusRow } from '../store/integrations.js';
import { EVIDENCE_TYPES } from './evidence-types.js';
import type { StatusResponse } from './schemas.js';

export type StatusBody = z.input<typeof StatusResponse>;

/** The guide's status answer for one tenant's live integrations. */
export function statusBody(live: IntegrationStatusRow[]): StatusBody {
  const integrations = live.map((i) => ({
    integration_id: i.id,
    name: i.name,
    platform: i.provider,
    db_status: i.status === 'error' ? ('error' as const) : ('connected' as const),
    connection_status: i.healthStatus ?? ('unknown' as const),
    last_checked: i.healthCheckedAt,
    last_sync: i.lastSyncAt?.toISOString() ?? null,
    last_scan: i.lastScanAt?.toISOString() ?? null,
    supported_evidence_types: [...EVIDENCE_TYPES[i.provider]],
  }));
  return {
    success: true as const,
    data: {
      integrations,
      summary: {
        total_integrations: integrations.length,
        connected_integrations: integrations.filter((i) => i.db_status === 'connected').length,
        healthy_integrations: integrations.filter((i) => i.connection_status === 'healthy').length,
        platforms: [...new Set(integrations.map((i) => i.platform))].sort(),
      },
    },
  };
}

const readers = new WeakMap<Executor, FreshRead<string, StatusBody>>();

/** The status answer of a tenant, read fresh (one reader per database, shared by every request). */
export function tenantStatus(db: Executor, tenantId: string): Promise<StatusBody> {
  let read = readers.get(db);
  if (!read) {
    read = freshReads(async (tenantIds: string[]) => {
      const statuses = await integrationStatuses(db, tenantIds);
      return new Map([...statuses].map(([id, rows]) => [id, Object.freeze(statusBody(rows))]));
    });
    readers.set(db, read);
  }
  return read(tenantId).then((body) => body ?? statusBody([]));
}
