/**
 * Who is acting: the Discord server (guild) a request comes from is this deployment's workspace,
 * registered with its tenant on the first request (Discord has no install step that reaches us).
 */
import type { Keyring } from '../../store/crypto.js';
import type { Db } from '../../store/db.js';
import { workspaceOnFirstUse } from '../core/workspaces.js';
import type { ChatActor } from '../core/types.js';

export const NOT_IN_A_SERVER = 'CloudSentinel works in servers, not in direct messages: use `/sentinel` in a channel of a server it has been added to.';

export async function actorOf(deps: { db: Db; keyring: Keyring }, guildId: string, userId: string): Promise<ChatActor> {
  const workspace = await workspaceOnFirstUse(deps.db, deps.keyring, { platform: 'discord', externalId: guildId });
  return {
    platform: 'discord',
    tenantId: workspace.tenantId,
    workspaceId: workspace.id,
    workspaceExternalId: guildId,
    userId,
    auditId: `discord:${guildId}:${userId}`,
  };
}
