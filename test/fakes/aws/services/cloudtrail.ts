/** CloudTrail over awsJson1_1. A region lists its own trails, plus other regions' multi-region trails as shadow trails. */
import { trailArn, type FakeTrail } from '../model.js';
import { FakeError, jsonResult } from '../wire.js';
import type { Handler } from './context.js';

const epoch = (iso: string | null): number | undefined => (iso ? Date.parse(iso) / 1000 : undefined);

export const handleCloudTrail: Handler = (req, { account }) => {
  const find = (name: unknown): FakeTrail => {
    const trail = account.trails.find((t) => t.name === name || trailArn(account, t) === name);
    if (!trail) throw new FakeError(400, 'TrailNotFoundException', `Unknown trail: ${String(name)} for the user: ${account.accountId}`);
    return trail;
  };
  switch (req.operation) {
    case 'DescribeTrails': {
      const shadows = req.json.includeShadowTrails !== false;
      const visible = account.trails.filter((t) => t.homeRegion === req.region || (shadows && t.isMultiRegion));
      return jsonResult('json', {
        trailList: visible.map((t) => ({
          Name: t.name,
          S3BucketName: t.s3BucketName ?? undefined,
          IncludeGlobalServiceEvents: t.includeGlobalServiceEvents,
          IsMultiRegionTrail: t.isMultiRegion,
          HomeRegion: t.homeRegion,
          TrailARN: trailArn(account, t),
          LogFileValidationEnabled: t.logFileValidationEnabled,
          CloudWatchLogsLogGroupArn: t.cloudWatchLogsLogGroupArn ?? undefined,
          KmsKeyId: t.kmsKeyId ?? undefined,
          HasCustomEventSelectors: Boolean(t.eventSelectors ?? t.advancedEventSelectors),
          IsOrganizationTrail: t.isOrganizationTrail,
        })),
      });
    }
    case 'GetTrailStatus': {
      const t = find(req.json.Name);
      return jsonResult('json', { IsLogging: t.isLogging, LatestDeliveryTime: epoch(t.latestDeliveryTime) });
    }
    case 'GetEventSelectors': {
      const t = find(req.json.TrailName);
      if (t.advancedEventSelectors) return jsonResult('json', { TrailARN: trailArn(account, t), AdvancedEventSelectors: t.advancedEventSelectors });
      // A trail without custom selectors records all management events.
      const classic = t.eventSelectors ?? [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }];
      return jsonResult('json', { TrailARN: trailArn(account, t), EventSelectors: classic });
    }
    default:
      throw new FakeError(400, 'UnknownOperationException', `Unknown operation ${req.operation}`);
  }
};
