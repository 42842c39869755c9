/** Reading IAM policies: who holds which role, and which members are public. */
import type { IamBinding } from '../../../providers/gcp/snapshot.js';

export const PUBLIC_MEMBERS = ['allUsers', 'allAuthenticatedUsers'] as const;

export function isPublicMember(member: string): boolean {
  return (PUBLIC_MEMBERS as readonly string[]).includes(member);
}

/** The public members of a policy, with their roles: `allUsers → roles/storage.objectViewer`. */
export function publicGrants(bindings: readonly IamBinding[]): string[] {
  return bindings.flatMap((binding) => binding.members.filter(isPublicMember).map((member) => `${member} → ${binding.role}`));
}

/** Member → the roles it holds (unconditional and conditional alike). */
export function rolesByMember(bindings: readonly IamBinding[]): Map<string, Set<string>> {
  const roles = new Map<string, Set<string>>();
  for (const binding of bindings) {
    for (const member of binding.members) {
      let set = roles.get(member);
      if (!set) roles.set(member, (set = new Set()));
      set.add(binding.role);
    }
  }
  return roles;
}

/** owner, editor, and every predefined or custom role named `*admin*` (CIS 1.5's "admin privileges"). */
export function isAdminRole(role: string): boolean {
  return role === 'roles/owner' || role === 'roles/editor' || /admin/i.test(role.split('/').pop() ?? '');
}

export const PRIMITIVE_ROLES = ['roles/owner', 'roles/editor'];

/** `serviceAccount:x@y` → `x@y`; the kind prefix otherwise kept off. */
export function memberEmail(member: string): string {
  const at = member.indexOf(':');
  return at === -1 ? member : member.slice(at + 1);
}

export function isServiceAccountMember(member: string): boolean {
  return member.startsWith('serviceAccount:');
}

export function isUserMember(member: string): boolean {
  return member.startsWith('user:');
}
