/**
 * Cloud integrations (an AWS account, Azure subscription, GCP project or GitHub organisation) and
 * their credentials. The credentials live only as a keyring envelope bound to the integration's id,
 * and every read except readCredentials leaves that column out, so a row handed to a log, an API
 * response or a chat card cannot carry a secret.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, getTableColumns, ne, sql } from 'drizzle-orm';
import { AppError } from '../errors.js';
import type { Keyring } from './crypto.js';
import { preparedPerExecutor, type Executor } from './db.js';
import { integrations, type IntegrationHealth } from './schema.js';

export type Integration = typeof integrations.$inferSelect;
export type PublicIntegration = Omit<Integration, 'credentialsEnc'>;
export type Provider = Integration['provider'];
export type IntegrationStatus = Integration['status'];

const { credentialsEnc: _credentialsEnc, ...publicColumns } = getTableColumns(integrations);

export interface IntegrationInput {
  tenantId: string;
  name: string;
  provider: Provider;
  credentials: Record<string, unknown>;
  configuration?: Record<string, unknown>;
  /** Cron expression (UTC); the column default applies when left out. */
  schedule?: string;
}

export interface IntegrationChanges {
  schedule?: string;
  configuration?: Record<string, unknown>;
  status?: IntegrationStatus;
  health?: IntegrationHealth | null;
  lastScanAt?: Date | null;
  lastSyncAt?: Date | null;
}

/** Binding the envelope to the row means an envelope copied onto another integration does not decrypt. */
export function credentialsContext(integrationId: string): string {
  return `integration:${integrationId}`;
}

export async function createIntegration(executor: Executor, keyring: Keyring, input: IntegrationInput): Promise<PublicIntegration> {
  // The id is made here, not by the database, because the envelope must be bound to it before the insert.
  const id = randomUUID();
  const credentialsEnc = keyring.encrypt(JSON.stringify(input.credentials), credentialsContext(id));
  const [row] = await executor
    .insert(integrations)
    .values({
      id,
      tenantId: input.tenantId,
      name: input.name,
      provider: input.provider,
      credentialsEnc,
      configuration: input.configuration,
      schedule: input.schedule,
    })
    // DO NOTHING instead of catching the unique violation: the error shape differs between drivers,
    // and a failed statement would abort the caller's transaction.
    .onConflictDoNothing({ target: [integrations.tenantId, integrations.name] })
    .returning(publicColumns);
  if (!row) throw new AppError('CONFLICT', `An integration named "${input.name}" already exists in this tenant; choose another name.`);
  return row;
}

export async function getIntegration(executor: Executor, tenantId: string, id: string): Promise<PublicIntegration> {
  const [row] = await executor
    .select(publicColumns)
    .from(integrations)
    .where(and(eq(integrations.tenantId, tenantId), eq(integrations.id, id)));
  if (!row) throw new AppError('NOT_FOUND', `Integration ${id} does not exist.`);
  return row;
}

export async function findIntegrationByName(executor: Executor, tenantId: string, name: string): Promise<PublicIntegration | null> {
  const [row] = await executor
    .select(publicColumns)
    .from(integrations)
    .where(and(eq(integrations.tenantId, tenantId), eq(integrations.name, name)));
  return row ?? null;
}

/** One tenant's integrations, or every tenant's when no tenant is given (the scheduler's view). */
export async function listIntegrations(executor: Executor, tenantId?: string): Promise<PublicIntegration[]> {
  return executor
    .select(publicColumns)
    .from(integrations)
    .where(tenantId === undefined ? undefined : eq(integrations.tenantId, tenantId))
    .orderBy(asc(integrations.tenantId), asc(integrations.name));
}

/** The credentials in clear. The envelope is read afresh so a rotated or destroyed secret is seen as it is now. */
export async function readCredentials(
  executor: Executor,
  keyring: Keyring,
  integration: Pick<PublicIntegration, 'id' | 'name'>,
): Promise<Record<string, unknown>> {
  const [row] = await executor
    .select({ credentialsEnc: integrations.credentialsEnc })
    .from(integrations)
    .where(eq(integrations.id, integration.id));
  if (!row) throw new AppError('NOT_FOUND', `Integration ${integration.id} does not exist.`);
  if (row.credentialsEnc === null) {
    throw new AppError('CONFLICT', `The credentials of integration "${integration.name}" were destroyed when it was removed.`, {
      hint: 'Connect the account again to give CloudSentinel new credentials.',
    });
  }
  const parsed: unknown = JSON.parse(keyring.decrypt(row.credentialsEnc, credentialsContext(integration.id)));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AppError('ENCRYPTION_ERROR', `The credentials of integration "${integration.name}" are not a JSON object.`);
  }
  return parsed as Record<string, unknown>;
}

export async function updateIntegration(executor: Executor, id: string, changes: IntegrationChanges): Promise<PublicIntegration> {
  // drizzle leaves undefined keys out of the SET list, so fields not given keep their stored values.
  const [row] = await executor
    .update(integrations)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(integrations.id, id))
    .returning(publicColumns);
  if (!row) throw new AppError('NOT_FOUND', `Integration ${id} does not exist.`);
  return row;
}

/**
 * Removes an integration the way the integration guide's DELETE does: the credentials are erased
 * (not merely flagged) while the findings and evidence stay for the record. Returns whether it existed.
 */
export async function destroyIntegration(executor: Executor, tenantId: string, id: string): Promise<boolean> {
  const rows = await executor
    .update(integrations)
    .set({ credentialsEnc: null, status: 'disabled', updatedAt: new Date() })
    .where(and(eq(integrations.tenantId, tenantId), eq(integrations.id, id)))
    .returning({ id: integrations.id });
  return rows.length > 0;
}

/** Deletes the integration and, by cascade, its scans, findings and alerts. Returns whether it existed. */
export async function deleteIntegration(executor: Executor, tenantId: string, id: string): Promise<boolean> {
  const rows = await executor
    .delete(integrations)
    .where(and(eq(integrations.tenantId, tenantId), eq(integrations.id, id)))
    .returning({ id: integrations.id });
  return rows.length > 0;
}

export interface IntegrationStatusRow {
  id: string;
  name: string;
  provider: Provider;
  status: 'connected' | 'error' | 'disabled';
  /** The last recorded health's status and time; null when never checked. */
  healthStatus: IntegrationHealth['status'] | null;
  healthCheckedAt: string | null;
  lastSyncAt: Date | null;
  lastScanAt: Date | null;
}

/** A status row as the database renders it in JSON (timestamps as ISO text). */
type IntegrationStatusJson = Omit<IntegrationStatusRow, 'lastSyncAt' | 'lastScanAt'> & { lastSyncAt: string | null; lastScanAt: string | null };

/**
 * Each tenant's rows come back as one JSON array in one row: decoding 50 rows of 8 columns field by
 * field (driver, then drizzle's mapping) cost more CPU than the rest of the status request, one
 * JSON.parse much less. Only two fields of the health document are read, not all of it (its metadata).
 */
const liveIntegrationStatuses = preparedPerExecutor((executor) =>
  executor
    .select({
      tenantId: integrations.tenantId,
      rows: sql<IntegrationStatusJson[]>`json_agg(json_build_object(
        'id', ${integrations.id},
        'name', ${integrations.name},
        'provider', ${integrations.provider},
        'status', ${integrations.status},
        'healthStatus', ${integrations.health}->>'status',
        'healthCheckedAt', ${integrations.health}->>'checkedAt',
        'lastSyncAt', ${integrations.lastSyncAt},
        'lastScanAt', ${integrations.lastScanAt}
      ) order by ${integrations.name})`,
    })
    .from(integrations)
    .where(and(sql`${integrations.tenantId} = any(${sql.placeholder('tenantIds')}::uuid[])`, ne(integrations.status, 'disabled')))
    .groupBy(integrations.tenantId)
    .prepare('live_integration_statuses'),
);

const dateOrNull = (text: string | null): Date | null => (text === null ? null : new Date(text));

/**
 * The live (not removed) integrations of these tenants, with only what the status endpoint shows:
 * it is the hot read, asked for many requests at once (see api/status-reader.ts). A tenant without
 * integrations has an empty list.
 */
export async function integrationStatuses(executor: Executor, tenantIds: string[]): Promise<Map<string, IntegrationStatusRow[]>> {
  const statuses = new Map<string, IntegrationStatusRow[]>(tenantIds.map((id) => [id, []]));
  if (tenantIds.length === 0) return statuses;
  for (const { tenantId, rows } of await liveIntegrationStatuses(executor).execute({ tenantIds })) {
    statuses.set(tenantId, rows.map((row) => ({ ...row, lastSyncAt: dateOrNull(row.lastSyncAt), lastScanAt: dateOrNull(row.lastScanAt) })));
  }
  return statuses;
}
