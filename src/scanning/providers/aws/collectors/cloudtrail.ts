/**
 * CloudTrail trails visible in a region, shadow trails included (a multi-region or organization
 * trail shows up in every region). Status and selectors are asked in the trail's home region —
 * once per trail for the whole scan.
 */
import { DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { attempt } from '../collected.js';
import type { Trail } from '../snapshot.js';
import type { CollectorContext } from './context.js';
import { summariseEventSelectors } from './event-selectors.js';
import { iso } from './values.js';

export async function collectTrails(ctx: CollectorContext, region: string): Promise<Trail[]> {
  const out = await ctx.clients.cloudTrail(region).send(new DescribeTrailsCommand({ includeShadowTrails: true }));
  return Promise.all(
    (out.trailList ?? []).map(async (t) => {
      const arn = t.TrailARN ?? '';
      const home = t.HomeRegion ?? region;
      const client = ctx.clients.cloudTrail(home);
      const [status, selectors] = await Promise.all([
        ctx.once(`cloudtrail-status:${arn}`, () =>
          attempt(async () => {
            const s = await client.send(new GetTrailStatusCommand({ Name: arn }));
            return { isLogging: s.IsLogging ?? false, latestDeliveryTime: iso(s.LatestDeliveryTime) };
          }),
        ),
        ctx.once(`cloudtrail-selectors:${arn}`, () =>
          attempt(async () => {
            const s = await client.send(new GetEventSelectorsCommand({ TrailName: arn }));
            return summariseEventSelectors(s.EventSelectors, s.AdvancedEventSelectors);
          }),
        ),
      ]);
      return {
        name: t.Name ?? '',
        arn,
        homeRegion: home,
        isMultiRegion: t.IsMultiRegionTrail ?? false,
        isOrganizationTrail: t.IsOrganizationTrail ?? false,
        s3BucketName: t.S3BucketName ?? null,
        logFileValidationEnabled: t.LogFileValidationEnabled ?? false,
        kmsKeyId: t.KmsKeyId ?? null,
        cloudWatchLogsLogGroupArn: t.CloudWatchLogsLogGroupArn ?? null,
        includeGlobalServiceEvents: t.IncludeGlobalServiceEvents ?? false,
        status,
        selectors,
      };
    }),
  );
}
