/** Activity log alerts (Azure Monitor) and Microsoft Defender for Cloud plans. */
import type { ActivityLogAlert, ActivityLogAlertCondition, ActivityLogAlertLeafCondition, DefenderPlan } from '../snapshot.js';
import { listAll, resourceOf, type SubscriptionContext } from './context.js';

/** An `allOf` entry as Resource Manager sends it: a leaf (`field` + `equals` or `containsAny`) or an `anyOf` of leaves. */
interface RawCondition {
  field?: unknown;
  equals?: unknown;
  containsAny?: unknown;
  anyOf?: unknown;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function leafOf(raw: RawCondition): ActivityLogAlertLeafCondition {
  return {
    field: typeof raw.field === 'string' ? raw.field : '',
    ...(typeof raw.equals === 'string' ? { equals: raw.equals } : {}),
    ...(Array.isArray(raw.containsAny) ? { containsAny: strings(raw.containsAny) } : {}),
  };
}

/**
 * arm-monitor 7 models the older `allOf: [{ field, equals }]` only; the SDK's deserializer keeps the
 * properties it does not model, so the `anyOf` and `containsAny` that alerts created by the portal or
 * by the 2020-10-01 API carry arrive here as plain JSON and are read defensively.
 */
export function conditionOf(raw: RawCondition): ActivityLogAlertCondition {
  if (Array.isArray(raw.anyOf)) return { anyOf: raw.anyOf.filter((leaf): leaf is RawCondition => typeof leaf === 'object' && leaf !== null).map(leafOf) };
  return leafOf(raw);
}

export async function collectActivityLogAlerts(ctx: SubscriptionContext): Promise<ActivityLogAlert[]> {
  const alerts = await listAll(ctx.clients.monitor().activityLogAlerts.listBySubscriptionId());
  return alerts.map((alert) => ({
    ...resourceOf(alert),
    enabled: alert.enabled ?? true,
    scopes: alert.scopes ?? [],
    conditions: (alert.condition?.allOf ?? []).map((condition) => conditionOf(condition)),
  }));
}

export async function collectDefenderPlans(ctx: SubscriptionContext): Promise<DefenderPlan[]> {
  const list = await ctx.clients.security().pricings.list();
  return (list.value ?? []).map((pricing) => ({ id: pricing.id ?? '', name: pricing.name ?? '', pricingTier: pricing.pricingTier ?? 'Free' }));
}
