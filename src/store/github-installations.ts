/**
 * GitHub App installations as integrations. An installation's integration carries
 * `configuration.githubApp = { installationId, account, accountType }` in clear (the installation
 * id is no secret: GitHub sends it in every webhook), so a webhook finds its integration without
 * decrypting anything; the credentials `{ installation_id }` stay a keyring envelope like any other.
 */
import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import { AppError } from '../errors.js';
import type { Keyring } from './crypto.js';
import type { Executor } from './db.js';
import { credentialsContext, type PublicIntegration } from './integrations.js';
import { integrations } from './schema.js';

const { credentialsEnc: _credentialsEnc, ...publicColumns } = getTableColumns(integrations);

export interface GitHubAppConfiguration {
  installationId: number;
  account: string;
  accountType: string;
}

/** The installation's part of an integration's configuration, if it is a GitHub App installation. */
export function githubAppOf(integration: Pick<PublicIntegration, 'provider' | 'configuration'>): GitHubAppConfiguration | null {
  if (integration.provider !== 'github') return null;
  const app = integration.configuration.githubApp;
  if (typeof app !== 'object' || app === null) return null;
  const { installationId, account, accountType } = app as Record<string, unknown>;
  if (typeof installationId !== 'number' || typeof account !== 'string') return null;
  return { installationId, account, accountType: typeof accountType === 'string' ? accountType : 'Organization' };
}

/**
 * Serialises the webhook jobs of one installation (its creation, repositories added at the same
 * moment, ...), so two of them never both create its integration. Held to the end of the transaction.
 */
export async function lockInstallation(tx: Executor, installationId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`github-installation:${installationId}`}))`);
}

/** The integration of an installation, in whichever tenant it lives. */
export async function findInstallationIntegration(executor: Executor, installationId: number): Promise<PublicIntegration | null> {
  const [row] = await executor
    .select(publicColumns)
    .from(integrations)
    .where(and(eq(integrations.provider, 'github'), sql`(${integrations.configuration}->'githubApp'->>'installationId') = ${String(installationId)}`))
    .limit(1);
  return row ?? null;
}

/** Points an existing integration at a (new) installation: fresh credentials envelope, configuration, connected again. */
export async function reconnectInstallation(
  executor: Executor,
  keyring: Keyring,
  id: string,
  input: { credentials: Record<string, unknown>; configuration: Record<string, unknown> },
): Promise<PublicIntegration> {
  const [row] = await executor
    .update(integrations)
    .set({
      credentialsEnc: keyring.encrypt(JSON.stringify(input.credentials), credentialsContext(id)),
      configuration: input.configuration,
      status: 'connected',
      updatedAt: new Date(),
    })
    .where(eq(integrations.id, id))
    .returning(publicColumns);
  if (!row) throw new AppError('NOT_FOUND', `Integration ${id} does not exist.`);
  return row;
}
