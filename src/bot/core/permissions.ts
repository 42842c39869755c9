/**
 * Who may do what. A member's role comes from CLOUDSENTINEL_ADMINS, then from a grant stored for
 * the tenant, then from CLOUDSENTINEL_DEFAULT_ROLE; the role maps to permissions (types.ts).
 */
import type { Config } from '../../config.js';
import type { Executor } from '../../store/db.js';
import { getMemberRole } from '../../store/members.js';
import { ROLE_PERMISSIONS, type ChatActor, type Permission, type Role } from './types.js';

export type RoleConfig = Pick<Config, 'defaultRole' | 'admins'>;

export async function roleOf(executor: Executor, config: RoleConfig, actor: ChatActor): Promise<Role> {
  if (config.admins.includes(`${actor.platform}:${actor.userId}`)) return 'admin';
  return (await getMemberRole(executor, actor.tenantId, actor.platform, actor.userId)) ?? config.defaultRole;
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
