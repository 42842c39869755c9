/**
 * CIS 5.2.x: an activity log alert for one administrative operation. An alert counts when it is
 * enabled, its scopes include the subscription itself, and its `allOf` conditions ask for that
 * operation name (compared case-insensitively, as Azure Monitor does) without narrowing it to one
 * resource, resource group or caller.
 */
import type { ActivityLogAlert } from '../../../providers/azure/snapshot.js';
import type { CheckResult } from '../../../types.js';
import type { AzureSnapshot } from '../../../providers/azure/snapshot.js';
import { fail, forEachSubscription, pass, subscriptionScope, SUBSCRIPTION_TYPE } from './helpers.js';

/** Conditions that narrow an alert to part of the subscription. */
const NARROWING = new Set(['resourceid', 'resourcegroup', 'caller']);

export function alertCovers(alert: ActivityLogAlert, subscriptionId: string, operation: string): boolean {
  if (!alert.enabled) return false;
  const scope = `/subscriptions/${subscriptionId}`.toLowerCase();
  if (!alert.scopes.some((s) => s.toLowerCase().replace(/\/+$/, '') === scope)) return false;
  const conditions = alert.conditions.map((c) => ({ field: c.field.toLowerCase(), equals: c.equals.toLowerCase() }));
  if (conditions.some((c) => NARROWING.has(c.field))) return false;
  return conditions.some((c) => c.field === 'operationname' && c.equals === operation.toLowerCase());
}

export function alertFor(snapshot: AzureSnapshot, operation: string): CheckResult[] {
  return forEachSubscription(snapshot, 'monitor.activityLogAlerts', (alerts, subscription) => {
    const scope = subscriptionScope(subscription);
    const alert = alerts.find((a) => alertCovers(a, subscription.subscriptionId, operation));
    return [
      alert
        ? pass(scope, 'global', `Activity log alert ${alert.name} fires on ${operation}`, { resourceType: SUBSCRIPTION_TYPE })
        : fail(scope, 'global', `No enabled activity log alert on the subscription fires on ${operation}`, { resourceType: SUBSCRIPTION_TYPE }),
    ];
  });
}
