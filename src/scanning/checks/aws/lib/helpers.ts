/**
 * Shared pieces for AWS checks: reading a part that may have failed, building results, ARNs and
 * dates. Every check goes through these so that "could not collect" always becomes `unknown` with
 * the reason, the same way.
 */
import type { Check, CheckMeta, CheckResult, ScanSettings } from '../../../types.js';
import type { AwsPart, AwsParts, AwsSnapshot, Collected, Regional } from '../../../providers/aws/snapshot.js';
import { fail, pass, unknown } from '../../lib/results.js';

export type AwsCheck = Check<AwsSnapshot, AwsPart>;
export type AwsCheckMeta = CheckMeta<AwsPart>;

export function defineAwsCheck(meta: Omit<AwsCheckMeta, 'provider'>, evaluate: (snapshot: AwsSnapshot, settings: ScanSettings, now: Date) => CheckResult[]): AwsCheck {
  return { meta: { ...meta, provider: 'aws' }, evaluate };
}

export { fail, pass, unknown };

/** The ARN of the account itself (for account-level checks such as the password policy). */
export function accountArn(snapshot: AwsSnapshot): string {
  return `arn:${snapshot.partition}:iam::${snapshot.accountId}:root`;
}

/** Stands for "everything of this service in this region" when the region could not be read. */
export function regionScopeArn(snapshot: AwsSnapshot, service: string, region: string): string {
  return `arn:${snapshot.partition}:${service}:${region}:${snapshot.accountId}:*`;
}

type GlobalPart = { [K in AwsPart]: AwsParts[K] extends Collected<unknown> ? K : never }[AwsPart];
type RegionalPart = { [K in AwsPart]: AwsParts[K] extends Regional<unknown> ? (AwsParts[K] extends Collected<unknown> ? never : K) : never }[AwsPart];
type ValueOf<K extends AwsPart> = AwsParts[K] extends Collected<infer T> ? T : AwsParts[K] extends Regional<infer T> ? T : never;

function missing(part: AwsPart): string {
  return `${part} was not collected`;
}

/**
 * Evaluates a global part, or answers `unknown` for the account when it could not be collected.
 * `region` is where account-level results are reported (`global` for IAM, the S3 control region...).
 */
export function withGlobal<K extends GlobalPart>(
  snapshot: AwsSnapshot,
  part: K,
  evaluate: (value: ValueOf<K>) => CheckResult[],
  unknownAs: { resourceId?: string; region?: string } = {},
): CheckResult[] {
  const collected = snapshot.parts[part] as Collected<ValueOf<K>> | undefined;
  if (!collected || !collected.ok) {
    const reason = collected && !collected.ok ? collected.error : missing(part);
    return [unknown(unknownAs.resourceId ?? accountArn(snapshot), unknownAs.region ?? 'global', `Could not check: ${reason}`)];
  }
  return evaluate(collected.value);
}

/**
 * Evaluates a regional part region by region; a region that failed answers `unknown` for its scope,
 * or for `unknownResourceId(region)` when the check reports one resource per region (so the unknown
 * result has the same fingerprint as that region's pass or fail).
 */
export function withEachRegion<K extends RegionalPart>(
  snapshot: AwsSnapshot,
  part: K,
  service: string,
  evaluate: (value: ValueOf<K>, region: string) => CheckResult[],
  unknownResourceId?: (region: string) => string,
): CheckResult[] {
  const regional = snapshot.parts[part] as Regional<ValueOf<K>> | undefined;
  const results: CheckResult[] = [];
  for (const region of snapshot.regions) {
    const collected = regional?.[region];
    if (!collected || !collected.ok) {
      const reason = collected && !collected.ok ? collected.error : missing(part);
      results.push(unknown(unknownResourceId?.(region) ?? regionScopeArn(snapshot, service, region), region, `Could not check: ${reason}`));
      continue;
    }
    // A loop, not push(...): a region can hold more resources than a call takes arguments.
    for (const result of evaluate(collected.value, region)) results.push(result);
  }
  return results;
}

/**
 * A regional part in one region with its error kept, so a check can answer `unknown` per resource
 * when a second part it needs besides its main one failed.
 */
export function collectedIn<K extends RegionalPart>(snapshot: AwsSnapshot, part: K, region: string): Collected<ValueOf<K>> {
  const regional = snapshot.parts[part] as Regional<ValueOf<K>> | undefined;
  return regional?.[region] ?? { ok: false, error: missing(part) };
}

/** The value of a part in one region, or null when it is missing or failed. */
export function regionalValue<K extends RegionalPart>(snapshot: AwsSnapshot, part: K, region: string): ValueOf<K> | null {
  const collected = (snapshot.parts[part] as Regional<ValueOf<K>> | undefined)?.[region];
  return collected?.ok ? collected.value : null;
}

/** The value of a global part, or null when it is missing or failed. */
export function globalValue<K extends GlobalPart>(snapshot: AwsSnapshot, part: K): ValueOf<K> | null {
  const collected = snapshot.parts[part] as Collected<ValueOf<K>> | undefined;
  return collected?.ok ? collected.value : null;
}

const DAY_MS = 86_400_000;

/** Whole days from `iso` to `now`, or null when there is no date. */
export function daysSince(iso: string | null | undefined, now: Date): number | null {
  if (!iso) return null;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return null;
  return Math.floor((now.getTime() - time) / DAY_MS);
}
