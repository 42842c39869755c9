/**
 * Which tenant a chat workspace (Slack team, Teams tenant, Discord guild) belongs to. Per platform,
 * the first workspace joins the default tenant, where CLI-added integrations live, so one team's
 * Slack, Teams and Discord share their alerts; every later workspace of that platform gets a tenant
 * of its own, so nothing of one customer's workspace is visible or actionable from another's.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Keyring } from '../../store/crypto.js';
import type { Db, Executor } from '../../store/db.js';
import { chatWorkspaces } from '../../store/schema.js';
import { createTenant, ensureDefaultTenant } from '../../store/tenants.js';
import { findWorkspace, upsertWorkspace, type ChatWorkspace, type WorkspaceInput } from '../../store/workspaces.js';
import type { Platform } from './types.js';

/**
 * Serialises the registration of one workspace: the first requests of a new workspace often come
 * together (a team trying the bot at once), and each must find the workspace the first one made,
 * not make a tenant of its own. Held to the end of the caller's transaction.
 */
export async function lockWorkspace(tx: Executor, platform: Platform, externalId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`workspace:${platform}:${externalId}`}))`);
}

/** The tenant a new workspace of `platform` joins. Run it in the transaction that records the workspace, after lockWorkspace. */
export async function tenantForNewWorkspace(tx: Executor, platform: Platform, externalId: string, name: string | undefined): Promise<string> {
  const fallback = await ensureDefaultTenant(tx);
  const [taken] = await tx
    .select({ id: chatWorkspaces.id })
    .from(chatWorkspaces)
    .where(and(eq(chatWorkspaces.tenantId, fallback.id), eq(chatWorkspaces.platform, platform)))
    .limit(1);
  if (!taken) return fallback.id;
  const tenant = await createTenant(tx, { slug: `${platform}-${externalId.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}`, name: name ?? `${platform} ${externalId}` });
  return tenant.id;
}

/**
 * The workspace a request comes from, registered on its first request (Teams and Discord have no
 * install step that reaches the server; Slack's single-workspace mode neither). Later requests
 * refresh what is given (a Teams service URL moves), keeping everything else.
 */
export async function workspaceOnFirstUse(
  db: Db,
  keyring: Keyring,
  input: Omit<WorkspaceInput, 'tenantId'> & { platform: Platform },
): Promise<ChatWorkspace> {
  const existing = await findWorkspace(db, input.platform, input.externalId);
  if (existing && input.metadata === undefined && input.botToken === undefined) return existing;
  return db.transaction(async (tx) => {
    await lockWorkspace(tx, input.platform, input.externalId);
    const current = await findWorkspace(tx, input.platform, input.externalId);
    const tenantId = current?.tenantId ?? (await tenantForNewWorkspace(tx, input.platform, input.externalId, input.name));
    const metadata = input.metadata ? { ...((current?.metadata) ?? {}), ...input.metadata } : undefined;
    return upsertWorkspace(tx, { ...input, tenantId, metadata }, keyring);
  });
}
