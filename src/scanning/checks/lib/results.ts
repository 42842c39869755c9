/** Check results, the same for every provider: what a check says about one resource, and why. */
import type { CheckResult } from '../../types.js';

type Extra = Pick<CheckResult, 'resourceType' | 'exposed' | 'tags'>;

export function pass(resourceId: string, region: string, statusDetail: string, extra: Extra = {}): CheckResult {
  return { resourceId, region, status: 'pass', statusDetail, ...extra };
}

export function fail(resourceId: string, region: string, statusDetail: string, extra: Extra = {}): CheckResult {
  return { resourceId, region, status: 'fail', statusDetail, ...extra };
}

export function unknown(resourceId: string, region: string, statusDetail: string, extra: Extra = {}): CheckResult {
  return { resourceId, region, status: 'unknown', statusDetail, ...extra };
}
