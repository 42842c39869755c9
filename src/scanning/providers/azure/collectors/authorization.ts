/** Custom role definitions and role assignments of a subscription. */
import type { RoleAssignment, RoleDefinition } from '../snapshot.js';
import { listAll, type SubscriptionContext } from './context.js';

export async function collectCustomRoles(ctx: SubscriptionContext): Promise<RoleDefinition[]> {
  // The SDK puts the scope after a slash of its own (`/{scope}/providers/...`).
  const scope = `subscriptions/${ctx.subscriptionId}`;
  const roles = await listAll(ctx.clients.authorization().roleDefinitions.list(scope, { filter: "type eq 'CustomRole'" }));
  return roles
    .filter((role) => (role.roleType ?? 'CustomRole') === 'CustomRole')
    .map((role) => ({
      id: role.id ?? '',
      roleName: role.roleName ?? '',
      roleType: role.roleType ?? 'CustomRole',
      assignableScopes: role.assignableScopes ?? [],
      actions: (role.permissions ?? []).flatMap((permission) => permission.actions ?? []),
    }));
}

export async function collectRoleAssignments(ctx: SubscriptionContext): Promise<RoleAssignment[]> {
  const assignments = await listAll(ctx.clients.authorization().roleAssignments.listForSubscription());
  return assignments.map((assignment) => ({
    id: assignment.id ?? '',
    scope: assignment.scope ?? '',
    principalId: assignment.principalId ?? '',
    principalType: assignment.principalType ?? 'Unknown',
    roleDefinitionId: assignment.roleDefinitionId ?? '',
  }));
}
