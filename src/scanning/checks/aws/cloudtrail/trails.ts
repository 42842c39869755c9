/**
 * The account's trails, once each. DescribeTrails lists a multi-region or organization trail in every
 * region (the "shadow" copies), so trails are deduplicated by ARN; the copy listed in the trail's home
 * region is preferred, since its status and event selectors are read there.
 */
import type { CheckResult } from '../../../types.js';
import type { AwsSnapshot, Trail } from '../../../providers/aws/snapshot.js';
import { accountArn, unknown, withEachRegion } from '../lib/helpers.js';

export interface AccountTrails {
  trails: Trail[];
  /** One `unknown` per region whose trails could not be listed. */
  regionFailures: CheckResult[];
}

function better(current: { trail: Trail; region: string }, candidate: { trail: Trail; region: string }): boolean {
  if (current.region === current.trail.homeRegion) return false;
  if (candidate.region === candidate.trail.homeRegion) return true;
  const complete = (trail: Trail): boolean => trail.status.ok && trail.selectors.ok;
  return !complete(current.trail) && complete(candidate.trail);
}

export function accountTrails(snapshot: AwsSnapshot): AccountTrails {
  const byArn = new Map<string, { trail: Trail; region: string }>();
  const regionFailures = withEachRegion(snapshot, 'cloudtrail.trails', 'cloudtrail', (trails, region) => {
    for (const trail of trails) {
      const current = byArn.get(trail.arn);
      if (!current || better(current, { trail, region })) byArn.set(trail.arn, { trail, region });
    }
    return [];
  });
  const trails = [...byArn.values()].map(({ trail }) => trail).sort((a, b) => a.arn.localeCompare(b.arn));
  return { trails, regionFailures };
}

/** For account-level checks: the `unknown` when no region's trails could be listed at all, else null. */
export function noTrailsReadable(snapshot: AwsSnapshot, { regionFailures }: AccountTrails): CheckResult | null {
  if (regionFailures.length < snapshot.regions.length) return null;
  const reason = regionFailures[0]?.statusDetail ?? 'Could not check: no region was scanned';
  const regions = regionFailures.map((result) => result.region).join(', ');
  return unknown(accountArn(snapshot), 'global', regions ? `${reason} (trails could not be listed in ${regions})` : reason);
}

/** Names a trail in a result detail. */
export function trailLabel(trail: Trail): string {
  const scope = trail.isOrganizationTrail ? 'organization trail' : trail.isMultiRegion ? 'multi-region trail' : 'single-region trail';
  return `${trail.name} (${scope}, home ${trail.homeRegion})`;
}

/** A note for account-level details when some regions could not be read. */
export function partialNote({ regionFailures }: AccountTrails): string {
  if (regionFailures.length === 0) return '';
  return ` (trails could not be listed in ${regionFailures.map((result) => result.region).join(', ')})`;
}
