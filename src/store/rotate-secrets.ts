/**
 * Key rotation: re-encrypts every stored secret that is not under the keyring's primary key, so the
 * old key can then be dropped from CLOUDSENTINEL_ENCRYPTION_KEYS. Each secret is rotated in its own
 * short transaction holding a row lock, so the server can keep running (and writing secrets)
 * meanwhile, and a run that stops halfway can simply be started again.
 */
import { eq, isNotNull } from 'drizzle-orm';
import { AppError, isAppError } from '../errors.js';
import type { Keyring } from './crypto.js';
import type { Db } from './db.js';
import { credentialsContext } from './integrations.js';
import { chatWorkspaces, integrations } from './schema.js';

export interface RotationResult {
  /** Secrets re-encrypted under the primary key. */
  rotated: number;
  /** Secrets already under the primary key (including ones a concurrent writer replaced meanwhile). */
  skipped: number;
}

export async function rotateSecrets(db: Db, keyring: Keyring): Promise<RotationResult> {
  const result: RotationResult = { rotated: 0, skipped: 0 };
  const candidates = await db
    .select({ id: integrations.id, envelope: integrations.credentialsEnc })
    .from(integrations)
    .where(isNotNull(integrations.credentialsEnc));
  for (const { id, envelope } of candidates) {
    const rotated = envelope !== null && needsRotation(keyring, envelope, `integration ${id}`) && (await rotateIntegration(db, keyring, id));
    result[rotated ? 'rotated' : 'skipped'] += 1;
  }
  const workspaces = await db
    .select({ id: chatWorkspaces.id, envelope: chatWorkspaces.botTokenEnc })
    .from(chatWorkspaces)
    .where(isNotNull(chatWorkspaces.botTokenEnc));
  for (const { id, envelope } of workspaces) {
    const rotated = envelope !== null && needsRotation(keyring, envelope, `chat workspace ${id}`) && (await rotateWorkspace(db, keyring, id));
    result[rotated ? 'rotated' : 'skipped'] += 1;
  }
  return result;
}

/** Re-reads the envelope under a row lock: a writer may have replaced or erased it since the scan. */
async function rotateIntegration(db: Db, keyring: Keyring, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ envelope: integrations.credentialsEnc })
      .from(integrations)
      .where(eq(integrations.id, id))
      .for('update');
    if (!row?.envelope || !needsRotation(keyring, row.envelope, `integration ${id}`)) return false;
    const credentialsEnc = reencrypt(keyring, row.envelope, credentialsContext(id), `integration ${id}`);
    await tx.update(integrations).set({ credentialsEnc }).where(eq(integrations.id, id));
    return true;
  });
}

async function rotateWorkspace(db: Db, keyring: Keyring, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ envelope: chatWorkspaces.botTokenEnc, platform: chatWorkspaces.platform, externalId: chatWorkspaces.externalId })
      .from(chatWorkspaces)
      .where(eq(chatWorkspaces.id, id))
      .for('update');
    if (!row?.envelope || !needsRotation(keyring, row.envelope, `chat workspace ${id}`)) return false;
    const context = `workspace:${row.platform}:${row.externalId}`;
    const botTokenEnc = reencrypt(keyring, row.envelope, context, `chat workspace ${id}`);
    await tx.update(chatWorkspaces).set({ botTokenEnc }).where(eq(chatWorkspaces.id, id));
    return true;
  });
}

function needsRotation(keyring: Keyring, envelope: string, owner: string): boolean {
  return naming(owner, () => keyring.needsRotation(envelope));
}

function reencrypt(keyring: Keyring, envelope: string, context: string, owner: string): string {
  return naming(owner, () => keyring.encrypt(keyring.decrypt(envelope, context), context));
}

/**
 * A secret that cannot be decrypted stops the rotation instead of being skipped: skipping would let
 * the operator drop the old key and lose that secret for good. The keyring's message already names
 * the key version; this adds which row it was.
 */
function naming<T>(owner: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!isAppError(error)) throw error;
    throw new AppError(error.code, `Cannot rotate the secret of ${owner}: ${error.message}`, { hint: error.hint, cause: error });
  }
}
