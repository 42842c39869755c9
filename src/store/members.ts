/** Roles of chat users per tenant. A user without a row acts as CLOUDSENTINEL_DEFAULT_ROLE (decided above the store). */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from './db.js';
import { members } from './schema.js';

export type Member = typeof members.$inferSelect;
export type Role = Member['role'];
type ChatPlatform = Member['platform'];

/** The stored roles of several users of one tenant and platform, keyed by user id (users without one are left out). */
export async function getMemberRoles(executor: Executor, tenantId: string, platform: ChatPlatform, externalUserIds: readonly string[]): Promise<Map<string, Role>> {
  if (externalUserIds.length === 0) return new Map();
  const rows = await executor
    .select({ userId: members.externalUserId, role: members.role })
    .from(members)
    .where(and(eq(members.tenantId, tenantId), eq(members.platform, platform), inArray(members.externalUserId, [...externalUserIds])));
  return new Map(rows.map((row) => [row.userId, row.role]));
}

export async function getMemberRole(executor: Executor, tenantId: string, platform: ChatPlatform, externalUserId: string): Promise<Role | null> {
  return (await getMemberRoles(executor, tenantId, platform, [externalUserId])).get(externalUserId) ?? null;
}

export interface SetMemberRoleInput {
  tenantId: string;
  platform: ChatPlatform;
  externalUserId: string;
  role: Role;
  /** Who granted it: `slack:<user>`, `config` (CLOUDSENTINEL_ADMINS), `install`, ... */
  grantedBy: string;
  /** undefined keeps the stored display name. */
  displayName?: string;
}

export async function setMemberRole(executor: Executor, input: SetMemberRoleInput): Promise<Member> {
  const { role, grantedBy, displayName } = input;
  const [row] = await executor
    .insert(members)
    .values(input)
    .onConflictDoUpdate({
      target: [members.tenantId, members.platform, members.externalUserId],
      set: { role, grantedBy, displayName, updatedAt: new Date() },
    })
    .returning();
  // An upsert with an unconditional DO UPDATE always returns its row.
  return row as Member;
}

export async function listMembers(executor: Executor, tenantId: string): Promise<Member[]> {
  return executor.select().from(members).where(eq(members.tenantId, tenantId)).orderBy(asc(members.platform), asc(members.externalUserId));
}

/** True when the user had a role; they now act as the default role. */
export async function removeMember(executor: Executor, tenantId: string, platform: ChatPlatform, externalUserId: string): Promise<boolean> {
  const removed = await executor
    .delete(members)
    .where(and(eq(members.tenantId, tenantId), eq(members.platform, platform), eq(members.externalUserId, externalUserId)))
    .returning({ id: members.id });
  return removed.length > 0;
}
