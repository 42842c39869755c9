/** GuardDuty detectors in a region and whether each is enabled. */
import { GetDetectorCommand, paginateListDetectors, type GuardDutyClient } from '@aws-sdk/client-guardduty';
import type { GuardDutyDetector } from '../snapshot.js';
import { allPages } from './values.js';

export async function collectDetectors(guardDuty: GuardDutyClient): Promise<GuardDutyDetector[]> {
  const ids = await allPages(paginateListDetectors({ client: guardDuty, pageSize: 50 }, {}), (page) => page.DetectorIds);
  return Promise.all(
    ids.map(async (detectorId) => {
      const out = await guardDuty.send(new GetDetectorCommand({ DetectorId: detectorId }));
      return { detectorId, status: out.Status === 'ENABLED' ? ('ENABLED' as const) : ('DISABLED' as const) };
    }),
  );
}
