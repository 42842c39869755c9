/**
 * Evidence items. Each carries the SHA-256 of its data in canonical JSON, so an auditor can tell
 * whether the data was altered after collection, whatever key order jsonb hands back.
 */
import { and, desc, eq } from 'drizzle-orm';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import type { Executor } from './db.js';
import { evidence } from './schema.js';

export type EvidenceItem = typeof evidence.$inferSelect;
/** The checksum is always computed here, never taken from the caller. */
export type NewEvidenceItem = Omit<typeof evidence.$inferInsert, 'id' | 'checksum'>;

function checksumOf(data: Record<string, unknown>): string {
  return sha256Hex(canonicalJson(data));
}

export async function insertEvidence(executor: Executor, items: NewEvidenceItem[]): Promise<EvidenceItem[]> {
  // drizzle refuses an empty VALUES list; a sync that found nothing is not an error.
  if (items.length === 0) return [];
  const rows = items.map((item) => ({ ...item, checksum: checksumOf(item.data) }));
  return executor.insert(evidence).values(rows).returning();
}

export interface EvidenceQuery {
  tenantId: string;
  framework?: string;
  controlId?: string;
  integrationId?: string;
  limit?: number;
}

/** The tenant's evidence, newest first, narrowed by whichever filters are given. */
export async function listEvidence(executor: Executor, query: EvidenceQuery): Promise<EvidenceItem[]> {
  const filters = [
    eq(evidence.tenantId, query.tenantId),
    query.framework === undefined ? undefined : eq(evidence.framework, query.framework),
    query.controlId === undefined ? undefined : eq(evidence.controlId, query.controlId),
    query.integrationId === undefined ? undefined : eq(evidence.integrationId, query.integrationId),
  ];
  return executor
    .select()
    .from(evidence)
    .where(and(...filters))
    .orderBy(desc(evidence.collectedAt))
    .limit(query.limit ?? 100);
}

export function verifyEvidenceChecksum(item: Pick<EvidenceItem, 'data' | 'checksum'>): boolean {
  return checksumOf(item.data) === item.checksum;
}
