/**
 * Shared pieces for Azure checks: reading a part that may have failed, per subscription and per
 * parent resource, and building results. Every check goes through these so that "could not
 * collect" always becomes `unknown` with the reason, the same way.
 */
import type { AzurePart, AzureParts, AzureResource, AzureSnapshot, AzureSubscriptionSnapshot, Collected, PerResource } from '../../../providers/azure/snapshot.js';
import type { Check, CheckMeta, CheckResult, ScanSettings } from '../../../types.js';
import { fail, pass, unknown } from '../../lib/results.js';

export type AzureCheck = Check<AzureSnapshot, AzurePart>;
export type AzureCheckMeta = CheckMeta<AzurePart>;

export function defineAzureCheck(meta: Omit<AzureCheckMeta, 'provider'>, evaluate: (snapshot: AzureSnapshot, settings: ScanSettings, now: Date) => CheckResult[]): AzureCheck {
  return { meta: { ...meta, provider: 'azure' }, evaluate };
}

export { fail, pass, unknown };

/** `/subscriptions/<id>`: where subscription-level results are reported (region `global`). */
export function subscriptionScope(subscription: Pick<AzureSubscriptionSnapshot, 'subscriptionId'>): string {
  return `/subscriptions/${subscription.subscriptionId}`;
}

/** Stands for "every resource of this type in the subscription" when their list could not be read. */
export function typeScope(subscription: Pick<AzureSubscriptionSnapshot, 'subscriptionId'>, resourceType: string): string {
  return `${subscriptionScope(subscription)}/providers/${resourceType}`;
}

export const SUBSCRIPTION_TYPE = 'Microsoft.Resources/subscriptions';

type ValueOf<K extends AzurePart> = AzureParts[K] extends Collected<infer T> ? T : never;

/** A part of one subscription, or why it is missing. */
export function partOf<K extends AzurePart>(subscription: AzureSubscriptionSnapshot, part: K): Collected<ValueOf<K>> {
  return (subscription.parts[part] as Collected<ValueOf<K>> | undefined) ?? { ok: false, error: `${part} was not collected` };
}

/**
 * Evaluates a part subscription by subscription; a subscription where it failed answers `unknown`
 * for `unknownAs(subscription)` (default: the subscription itself).
 */
export function forEachSubscription<K extends AzurePart>(
  snapshot: AzureSnapshot,
  part: K,
  evaluate: (value: ValueOf<K>, subscription: AzureSubscriptionSnapshot) => CheckResult[],
  unknownAs: (subscription: AzureSubscriptionSnapshot) => { resourceId: string; resourceType?: string } = (s) => ({ resourceId: subscriptionScope(s), resourceType: SUBSCRIPTION_TYPE }),
): CheckResult[] {
  return snapshot.subscriptions.flatMap((subscription) => {
    const collected = partOf(subscription, part);
    if (!collected.ok) {
      const scope = unknownAs(subscription);
      return [unknown(scope.resourceId, 'global', `Could not check: ${collected.error}`, scope.resourceType ? { resourceType: scope.resourceType } : {})];
    }
    return evaluate(collected.value, subscription);
  });
}

/** Every resource of a list part, one result each (or one `unknown` for the subscription's resources of that type). */
type ItemOf<K extends AzurePart> = ValueOf<K> extends Array<infer E> ? E : never;
type ParentOf<K extends AzurePart> = ItemOf<K> extends PerResource<infer R, unknown> ? R : never;
type ChildOf<K extends AzurePart> = ItemOf<K> extends PerResource<AzureResource, infer T> ? T : never;

export function forEachResource<K extends AzurePart>(
  snapshot: AzureSnapshot,
  part: K,
  resourceType: string,
  evaluate: (resource: ItemOf<K>, subscription: AzureSubscriptionSnapshot) => CheckResult | CheckResult[],
): CheckResult[] {
  return forEachSubscription(
    snapshot,
    part,
    (value, subscription) => (value as unknown as Array<ItemOf<K>>).flatMap((resource) => evaluate(resource, subscription)),
    (subscription) => ({ resourceId: typeScope(subscription, resourceType) }),
  );
}

/** Per-parent parts: a parent whose child call failed answers `unknown` for that parent. */
export function forEachParent<K extends AzurePart>(
  snapshot: AzureSnapshot,
  part: K,
  parentType: string,
  evaluate: (parent: ParentOf<K>, value: ChildOf<K>, subscription: AzureSubscriptionSnapshot) => CheckResult[],
): CheckResult[] {
  return forEachSubscription(
    snapshot,
    part,
    (value, subscription) =>
      (value as unknown as Array<PerResource<ParentOf<K> & AzureResource, ChildOf<K>>>).flatMap(({ resource, value: child }) =>
        child.ok ? evaluate(resource, child.value, subscription) : [unknown(resource.id, resource.location, `Could not check: ${child.error}`, { resourceType: parentType, tags: resource.tags })],
      ),
    (subscription) => ({ resourceId: typeScope(subscription, parentType), resourceType: parentType }),
  );
}

/** The tags of a resource for the risk score, when it has any. */
export function tagsOf(resource: Pick<AzureResource, 'tags'>): Pick<CheckResult, 'tags'> {
  return Object.keys(resource.tags).length > 0 ? { tags: resource.tags } : {};
}

/** Azure resource ids compare case-insensitively. */
export function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

const DAY_MS = 86_400_000;

/** Whole days from `now` until `iso` (negative when past), or null for no date. */
export function daysUntil(iso: string | null, now: Date): number | null {
  if (!iso) return null;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : Math.floor((time - now.getTime()) / DAY_MS);
}
