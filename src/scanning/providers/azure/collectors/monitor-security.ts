/** Activity log alerts (Azure Monitor) and Microsoft Defender for Cloud plans. */
import type { ActivityLogAlert, DefenderPlan } from '../snapshot.js';
import { listAll, resourceOf, type SubscriptionContext } from './context.js';

export async function collectActivityLogAlerts(ctx: SubscriptionContext): Promise<ActivityLogAlert[]> {
  const alerts = await listAll(ctx.clients.monitor().activityLogAlerts.listBySubscriptionId());
  return alerts.map((alert) => ({
    ...resourceOf(alert),
    enabled: alert.enabled ?? true,
    scopes: alert.scopes ?? [],
    conditions: (alert.condition?.allOf ?? []).map((condition) => ({ field: condition.field, equals: condition.equals })),
  }));
}

export async function collectDefenderPlans(ctx: SubscriptionContext): Promise<DefenderPlan[]> {
  const list = await ctx.clients.security().pricings.list();
  return (list.value ?? []).map((pricing) => ({ id: pricing.id ?? '', name: pricing.name ?? '', pricingTier: pricing.pricingTier ?? 'Free' }));
}
