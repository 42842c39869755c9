/**
 * Chat workspaces (a Slack workspace, Teams tenant or Discord guild). The installation token is kept
 * only as a keyring envelope bound to the workspace's platform and external id.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { AppError } from '../errors.js';
import type { Keyring } from './crypto.js';
import type { Executor } from './db.js';
import { chatWorkspaces } from './schema.js';

export type ChatWorkspace = typeof chatWorkspaces.$inferSelect;
export type ChatPlatform = ChatWorkspace['platform'];

export interface WorkspaceInput {
  tenantId: string;
  platform: ChatPlatform;
  externalId: string;
  name?: string;
  botUserId?: string;
  /** undefined keeps the stored token, null removes it. */
  botToken?: string | null;
  installedBy?: string;
  metadata?: Record<string, unknown>;
}

function tokenContext(platform: ChatPlatform, externalId: string): string {
  return `workspace:${platform}:${externalId}`;
}

/**
 * Records an installation, or refreshes it on reinstall. Fields left undefined keep their stored
 * values. A workspace already connected to another tenant is refused rather than moved, so one
 * tenant's install cannot take over another tenant's alerts.
 */
export async function upsertWorkspace(executor: Executor, input: WorkspaceInput, keyring: Keyring): Promise<ChatWorkspace> {
  const { tenantId, platform, externalId } = input;
  const botTokenEnc = input.botToken == null ? input.botToken : keyring.encrypt(input.botToken, tokenContext(platform, externalId));
  const changes = {
    name: input.name,
    botUserId: input.botUserId,
    botTokenEnc,
    installedBy: input.installedBy,
    metadata: input.metadata,
  };
  const [row] = await executor
    .insert(chatWorkspaces)
    .values({ tenantId, platform, externalId, ...changes })
    .onConflictDoUpdate({
      target: [chatWorkspaces.platform, chatWorkspaces.externalId],
      // drizzle leaves undefined keys out of the SET list, which is what "keep the stored value" needs.
      set: { ...changes, updatedAt: new Date() },
      setWhere: eq(chatWorkspaces.tenantId, tenantId),
    })
    .returning();
  if (!row) throw new AppError('CONFLICT', `The ${platform} workspace ${externalId} is already connected to another tenant.`);
  return row;
}

export async function findWorkspace(executor: Executor, platform: ChatPlatform, externalId: string): Promise<ChatWorkspace | null> {
  const [row] = await executor
    .select()
    .from(chatWorkspaces)
    .where(and(eq(chatWorkspaces.platform, platform), eq(chatWorkspaces.externalId, externalId)));
  return row ?? null;
}

/** `findWorkspace` for several external ids at once, keyed by external id. */
export async function findWorkspaces(executor: Executor, platform: ChatPlatform, externalIds: readonly string[]): Promise<Map<string, ChatWorkspace>> {
  if (externalIds.length === 0) return new Map();
  const rows = await executor
    .select()
    .from(chatWorkspaces)
    .where(and(eq(chatWorkspaces.platform, platform), inArray(chatWorkspaces.externalId, [...externalIds])));
  return new Map(rows.map((row) => [row.externalId, row]));
}

/**
 * The workspace's bot token in clear, or null when none is stored. It reads the envelope afresh
 * rather than trusting the passed row, so a token replaced by a reinstall is picked up.
 */
export async function getWorkspaceBotToken(
  executor: Executor,
  workspace: Pick<ChatWorkspace, 'platform' | 'externalId'>,
  keyring: Keyring,
): Promise<string | null> {
  const current = await findWorkspace(executor, workspace.platform, workspace.externalId);
  if (!current) throw new AppError('NOT_FOUND', `The ${workspace.platform} workspace ${workspace.externalId} is not connected.`);
  if (current.botTokenEnc === null) return null;
  return keyring.decrypt(current.botTokenEnc, tokenContext(current.platform, current.externalId));
}

export async function listWorkspaces(executor: Executor, tenantId: string): Promise<ChatWorkspace[]> {
  return executor.select().from(chatWorkspaces).where(eq(chatWorkspaces.tenantId, tenantId)).orderBy(asc(chatWorkspaces.createdAt));
}

/** True when a workspace was removed; uninstall events can arrive twice, so absence is not an error. */
export async function removeWorkspace(executor: Executor, id: string): Promise<boolean> {
  const removed = await executor.delete(chatWorkspaces).where(eq(chatWorkspaces.id, id)).returning({ id: chatWorkspaces.id });
  return removed.length > 0;
}
