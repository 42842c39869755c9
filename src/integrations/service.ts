/**
 * Adding and removing integrations, shared by the CLI and the REST API: credentials validated in
 * the provider's shape, stored encrypted, and every change audited in the same transaction.
 */
import type { Provider } from '../config.js';
import { AppError } from '../errors.js';
import { appendAudit } from '../store/audit.js';
import type { Keyring } from '../store/crypto.js';
import type { Db } from '../store/db.js';
import { createIntegration, deleteIntegration, findIntegrationByName, updateIntegration, type PublicIntegration } from '../store/integrations.js';
import { parseCredentials } from './credentials.js';
import { validateSchedule } from './schedule.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

export interface AddIntegrationInput {
  tenantId: string;
  provider: Provider;
  name: string;
  credentials: unknown;
  configuration?: Record<string, unknown>;
  /** Scan schedule (cron, UTC); the default is daily. */
  schedule?: string;
  actor: string;
}

export async function addIntegration(db: Db, keyring: Keyring, input: AddIntegrationInput): Promise<PublicIntegration> {
  if (!NAME.test(input.name)) {
    throw new AppError('VALIDATION_ERROR', 'The integration name must be 1-63 letters, digits, dots, dashes or underscores, starting with a letter or digit.', {
      details: [{ code: 'VALIDATION_ERROR', field: 'name', message: 'must be 1-63 characters of A-Z a-z 0-9 . _ -' }],
    });
  }
  const credentials = parseCredentials(input.provider, input.credentials);
  const schedule = input.schedule === undefined ? undefined : validateSchedule(input.schedule);
  return db.transaction(async (tx) => {
    const integration = await createIntegration(tx, keyring, {
      tenantId: input.tenantId,
      name: input.name,
      provider: input.provider,
      credentials,
      configuration: input.configuration,
      schedule,
    });
    await appendAudit(tx, {
      tenantId: input.tenantId,
      actor: input.actor,
      action: 'integration.create',
      targetType: 'integration',
      targetId: integration.id,
      details: { name: integration.name, provider: integration.provider, schedule: integration.schedule },
    });
    return integration;
  });
}

/** Changes when an integration is scanned; running servers pick it up at their next schedule sync. */
export async function setSchedule(db: Db, input: { tenantId: string; name: string; schedule: string; actor: string }): Promise<PublicIntegration> {
  const schedule = validateSchedule(input.schedule);
  return db.transaction(async (tx) => {
    const integration = await findIntegrationByName(tx, input.tenantId, input.name);
    if (!integration) throw new AppError('NOT_FOUND', `No integration named "${input.name}".`, { hint: 'See `cloudsentinel integrations list`.' });
    const updated = await updateIntegration(tx, integration.id, { schedule });
    await appendAudit(tx, {
      tenantId: input.tenantId,
      actor: input.actor,
      action: 'integration.schedule',
      targetType: 'integration',
      targetId: integration.id,
      details: { before: integration.schedule, after: schedule },
    });
    return updated;
  });
}

/**
 * Deletes the integration with its credentials (destroyed, not flagged), scans, findings and alerts.
 * Evidence already collected stays, detached; the audit log keeps the record of the removal.
 */
export async function removeIntegration(db: Db, input: { tenantId: string; name: string; actor: string }): Promise<PublicIntegration> {
  return db.transaction(async (tx) => {
    const integration = await findIntegrationByName(tx, input.tenantId, input.name);
    if (!integration) throw new AppError('NOT_FOUND', `No integration named "${input.name}".`, { hint: 'See `cloudsentinel integrations list`.' });
    await deleteIntegration(tx, input.tenantId, integration.id);
    await appendAudit(tx, {
      tenantId: input.tenantId,
      actor: input.actor,
      action: 'integration.remove',
      targetType: 'integration',
      targetId: integration.id,
      details: { name: integration.name, provider: integration.provider },
    });
    return integration;
  });
}
