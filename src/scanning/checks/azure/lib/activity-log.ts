/**
 * CIS 5.2.x: an activity log alert for one administrative operation. An alert counts when it is
 * enabled, its scopes include the subscription itself, and it fires on every event of that
 * operation in the subscription: each entry of its `allOf` holds for such an event — a leaf, or an
 * `anyOf` with at least one leaf that holds — and one entry asks for the operation by name.
 *
 * A leaf holds for every event of the operation when it asks for that operation name or for the
 * Administrative category (values compared case-insensitively, as Azure Monitor does; `containsAny`
 * is "equals one of"). A leaf on the resource, resource group or caller narrows the alert to part of
 * the subscription, and one on another operation or category does not hold; either fails its entry
 * unless another leaf of the same `anyOf` holds. Other fields (level, status, resource type,
 * `properties.*`) are not treated as narrowing.
 */
import type { ActivityLogAlert, ActivityLogAlertCondition, ActivityLogAlertLeafCondition, AzureSnapshot } from '../../../providers/azure/snapshot.js';
import type { CheckResult } from '../../../types.js';
import { fail, forEachSubscription, pass, subscriptionScope, SUBSCRIPTION_TYPE } from './helpers.js';

/** Conditions that narrow an alert to part of the subscription. */
const NARROWING = new Set(['resourceid', 'resourcegroup', 'caller']);

/** The values a leaf accepts, lower-cased. */
function valuesOf(leaf: ActivityLogAlertLeafCondition): string[] {
  return [...(leaf.equals === undefined ? [] : [leaf.equals]), ...(leaf.containsAny ?? [])].map((value) => value.toLowerCase());
}

function leavesOf(condition: ActivityLogAlertCondition): ActivityLogAlertLeafCondition[] {
  return 'anyOf' in condition ? condition.anyOf : [condition];
}

/** Whether the leaf asks for the operation by name. */
function namesOperation(leaf: ActivityLogAlertLeafCondition, operation: string): boolean {
  return leaf.field.toLowerCase() === 'operationname' && valuesOf(leaf).includes(operation);
}

/** Whether the leaf holds for every event of the (lower-cased) administrative operation. */
function leafHolds(leaf: ActivityLogAlertLeafCondition, operation: string): boolean {
  const field = leaf.field.toLowerCase();
  const values = valuesOf(leaf);
  if (values.length === 0 || NARROWING.has(field)) return false;
  if (field === 'operationname') return values.includes(operation);
  if (field === 'category') return values.includes('administrative');
  return true;
}

export function alertCovers(alert: ActivityLogAlert, subscriptionId: string, operation: string): boolean {
  if (!alert.enabled) return false;
  const scope = `/subscriptions/${subscriptionId}`.toLowerCase();
  if (!alert.scopes.some((s) => s.toLowerCase().replace(/\/+$/, '') === scope)) return false;
  const op = operation.toLowerCase();
  const entries = alert.conditions.map(leavesOf);
  if (!entries.every((leaves) => leaves.some((leaf) => leafHolds(leaf, op)))) return false;
  return entries.some((leaves) => leaves.some((leaf) => namesOperation(leaf, op)));
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
