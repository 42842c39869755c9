/**
 * What an API client may do: the integration guide's permissions plus scans, alerts and reports,
 * mapped from the three roles. Data, not branches, so the OpenAPI document and the 403 message
 * read from the same table.
 */
import type { Role } from '../config.js';

export const API_PERMISSIONS = [
  'integration:create',
  'integration:view',
  'integration:connect',
  'integration:delete',
  'scan:run',
  'alert:view',
  'alert:triage',
  'report:view',
] as const;

export type ApiPermission = (typeof API_PERMISSIONS)[number];

export const API_ROLE_PERMISSIONS: Record<Role, ReadonlySet<ApiPermission>> = {
  admin: new Set(API_PERMISSIONS),
  responder: new Set<ApiPermission>(['integration:view', 'integration:connect', 'scan:run', 'alert:view', 'alert:triage', 'report:view']),
  viewer: new Set<ApiPermission>(['integration:view', 'alert:view', 'report:view']),
};

export function apiCan(role: Role, permission: ApiPermission): boolean {
  return API_ROLE_PERMISSIONS[role].has(permission);
}

/** The roles that hold a permission, for the 403 message and the OpenAPI description. */
export function rolesWith(permission: ApiPermission): Role[] {
  return (Object.keys(API_ROLE_PERMISSIONS) as Role[]).filter((role) => apiCan(role, permission));
}
