/** Routing rules: which channel receives the alerts of which integration, from which severity up. */
import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import { AppError } from '../errors.js';
import type { Executor } from './db.js';
import { routingRules, severityEnum } from './schema.js';

export type RoutingRule = typeof routingRules.$inferSelect;
type ChatPlatform = RoutingRule['platform'];
type Severity = RoutingRule['minSeverity'];

export interface RouteInput {
  tenantId: string;
  workspaceId?: string | null;
  platform: ChatPlatform;
  channelId: string;
  /** null: every integration of the tenant. */
  integrationId: string | null;
  minSeverity: Severity;
  /** undefined keeps the stored delivery data on update. */
  target?: Record<string, unknown>;
  createdBy: string;
}

/**
 * One rule per channel and integration: setting it again changes its threshold instead of adding a
 * second rule. A channel already routed for another tenant is refused, not taken over.
 */
export async function upsertRoute(executor: Executor, input: RouteInput): Promise<RoutingRule> {
  const [row] = await executor
    .insert(routingRules)
    .values(input)
    .onConflictDoUpdate({
      // The constraint is NULLS NOT DISTINCT, so a null integration conflicts too.
      target: [routingRules.platform, routingRules.channelId, routingRules.integrationId],
      set: { minSeverity: input.minSeverity, target: input.target },
      setWhere: eq(routingRules.tenantId, input.tenantId),
    })
    .returning();
  if (!row) throw new AppError('CONFLICT', `The ${input.platform} channel ${input.channelId} is routed for another tenant.`);
  return row;
}

function integrationIs(integrationId: string | null) {
  return integrationId === null ? isNull(routingRules.integrationId) : eq(routingRules.integrationId, integrationId);
}

export async function removeRoute(executor: Executor, platform: ChatPlatform, channelId: string, integrationId: string | null): Promise<boolean> {
  const removed = await executor
    .delete(routingRules)
    .where(and(eq(routingRules.platform, platform), eq(routingRules.channelId, channelId), integrationIs(integrationId)))
    .returning({ id: routingRules.id });
  return removed.length > 0;
}

export async function listRoutesForChannel(executor: Executor, platform: ChatPlatform, channelId: string): Promise<RoutingRule[]> {
  return executor
    .select()
    .from(routingRules)
    .where(and(eq(routingRules.platform, platform), eq(routingRules.channelId, channelId)))
    .orderBy(asc(routingRules.createdAt));
}

/**
 * The thresholds an alert of `severity` clears: itself and every lower one. The enum is declared
 * most severe first, so that is the tail of the list from `severity` on.
 */
function thresholdsMetBy(severity: Severity): Severity[] {
  const all = severityEnum.enumValues;
  return all.slice(all.indexOf(severity));
}

/**
 * The rules that should receive an alert: the tenant's rules for this integration or for all
 * integrations, whose threshold the severity meets. An alert with no integration (a stored CLI scan)
 * goes only to the catch-all rules.
 */
export async function matchRoutes(executor: Executor, tenantId: string, integrationId: string | null, severity: Severity): Promise<RoutingRule[]> {
  const forIntegration =
    integrationId === null ? isNull(routingRules.integrationId) : or(isNull(routingRules.integrationId), eq(routingRules.integrationId, integrationId));
  return executor
    .select()
    .from(routingRules)
    .where(and(eq(routingRules.tenantId, tenantId), forIntegration, inArray(routingRules.minSeverity, thresholdsMetBy(severity))))
    .orderBy(asc(routingRules.createdAt));
}
