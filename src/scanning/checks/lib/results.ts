/** Check results, the same for every provider: what a check says about one resource, and why. */
import type { CheckResult, CheckStatus } from '../../types.js';

type Extra = Pick<CheckResult, 'resourceType' | 'exposed' | 'tags'>;

const NO_EXTRA: Extra = Object.freeze({});

/**
 * Every result has the same seven fields, in the same order (absent ones `undefined`): one object
 * shape for the engine's hot loop, which reads hundreds of thousands of them in a large account.
 */
function result(status: CheckStatus, resourceId: string, region: string, statusDetail: string, extra: Extra): CheckResult {
  return { resourceId, region, status, statusDetail, resourceType: extra.resourceType, exposed: extra.exposed, tags: extra.tags };
}

export function pass(resourceId: string, region: string, statusDetail: string, extra: Extra = NO_EXTRA): CheckResult {
  return result('pass', resourceId, region, statusDetail, extra);
}

export function fail(resourceId: string, region: string, statusDetail: string, extra: Extra = NO_EXTRA): CheckResult {
  return result('fail', resourceId, region, statusDetail, extra);
}

export function unknown(resourceId: string, region: string, statusDetail: string, extra: Extra = NO_EXTRA): CheckResult {
  return result('unknown', resourceId, region, statusDetail, extra);
}
