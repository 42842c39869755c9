/**
 * Who sent an activity and from where: the Teams tenant becomes a chat workspace (registered on its
 * first request, since Teams has no install step that reaches the server), the sender an actor known
 * by their Entra object id — the id CLOUDSENTINEL_ADMINS and role grants name.
 */
import type { Activity } from 'botbuilder';
import type { Keyring } from '../../store/crypto.js';
import type { Db } from '../../store/db.js';
import { findWorkspace, type ChatWorkspace } from '../../store/workspaces.js';
import type { ChatActor, ChatChannel } from '../core/types.js';
import { workspaceOnFirstUse } from '../core/workspaces.js';
import { baseConversationId, targetOf, tenantOf } from './conversation.js';

export interface IdentityDeps {
  db: Db;
  keyring: Keyring;
}

/**
 * The tenant's workspace, registered on first use. The service URL it is reached at is kept in the
 * workspace's metadata (the notifier needs it for cards it only knows by id); it is written only
 * when it changed, not on every request.
 */
export async function workspaceOf(deps: IdentityDeps, activity: Partial<Activity>): Promise<ChatWorkspace | null> {
  const tenantId = tenantOf(activity);
  if (!tenantId) return null;
  const serviceUrl = activity.serviceUrl ?? null;
  const existing = await findWorkspace(deps.db, 'teams', tenantId);
  if (existing && (!serviceUrl || existing.metadata?.serviceUrl === serviceUrl)) return existing;
  return workspaceOnFirstUse(deps.db, deps.keyring, { platform: 'teams', externalId: tenantId, ...(serviceUrl ? { metadata: { serviceUrl } } : {}) });
}

/** The sender's Entra object id, which Teams gives on every activity; the channel account id otherwise (the Emulator). */
export function userIdOf(activity: Partial<Activity>): string | null {
  return activity.from?.aadObjectId ?? activity.from?.id ?? null;
}

export function actorOf(workspace: ChatWorkspace, userId: string): ChatActor {
  return {
    platform: 'teams',
    tenantId: workspace.tenantId,
    workspaceId: workspace.id,
    workspaceExternalId: workspace.externalId,
    userId,
    auditId: `teams:${workspace.externalId}:${userId}`,
  };
}

/** The channel or chat a command was typed in, with the reference that posts to it later. */
export function channelOf(activity: Partial<Activity>): ChatChannel {
  const target = targetOf(activity);
  return { id: baseConversationId(activity.conversation?.id ?? ''), target: { ...target } };
}
