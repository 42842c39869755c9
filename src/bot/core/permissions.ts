/**
 * Who may do what. A member's role comes from CLOUDSENTINEL_ADMINS, then from a grant stored for
 * the tenant, then from CLOUDSENTINEL_DEFAULT_ROLE; the role maps to permissions (types.ts).
 */
import type { Config } from '../../config.js';
import type { Executor } from '../../store/db.js';
import { freshReads, type FreshRead } from '../../store/fresh-reads.js';
import { getMemberRoles } from '../../store/members.js';
import { ROLE_PERMISSIONS, type ChatActor, type Permission, type Role } from './types.js';

export type RoleConfig = Pick<Config, 'defaultRole' | 'admins'>;

/**
 * Per database, tenant and platform: the stored roles of the members asking at one moment, read in
 * one query (store/fresh-reads.ts). Each read starts after its callers asked, so a grant or
 * revocation committed before a click is what that click sees.
 */
const roleReaders = new WeakMap<Executor, Map<string, FreshRead<string, Role>>>();

function storedRole(executor: Executor, actor: ChatActor): Promise<Role | undefined> {
  let readers = roleReaders.get(executor);
  if (!readers) {
    readers = new Map();
    roleReaders.set(executor, readers);
  }
  const scope = `${actor.platform}/${actor.tenantId}`;
  let read = readers.get(scope);
  if (!read) {
    const { tenantId, platform } = actor;
    read = freshReads((userIds: string[]) => getMemberRoles(executor, tenantId, platform, userIds));
    readers.set(scope, read);
  }
  return read(actor.userId);
}

export async function roleOf(executor: Executor, config: RoleConfig, actor: ChatActor): Promise<Role> {
  if (config.admins.includes(`${actor.platform}:${actor.userId}`)) return 'admin';
  return (await storedRole(executor, actor)) ?? config.defaultRole;
}

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

const WHAT: Record<Permission, string> = {
  'alert:view': 'see alerts',
  'alert:triage': 'triage alerts',
  'scan:run': 'start scans',
  'route:manage': 'change where alerts are posted',
  'role:manage': 'grant roles',
};

/** What a member is told when their role does not allow something. */
export function deniedMessage(role: Role, permission: Permission): string {
  const needed = can('responder', permission) ? 'responder or admin' : 'admin';
  return `Your role (${role}) cannot ${WHAT[permission]}; that needs ${needed}. An admin can grant it with \`/sentinel role @you responder\`.`;
}
