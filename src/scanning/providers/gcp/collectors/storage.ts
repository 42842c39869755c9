/** Cloud Storage through the storage SDK: a project's buckets (every page) and each bucket's IAM policy. */
import pLimit from 'p-limit';
import type { GcsBucket } from '../snapshot.js';
import { attempt, bindingsOf, paginate, type GcpCollectorContext } from './context.js';

interface BucketMetadata {
  location?: string;
  iamConfiguration?: { uniformBucketLevelAccess?: { enabled?: boolean }; publicAccessPrevention?: string };
  versioning?: { enabled?: boolean };
  retentionPolicy?: { retentionPeriod?: string | number; isLocked?: boolean };
  logging?: { logBucket?: string };
  labels?: Record<string, string>;
}

export async function collectBuckets(ctx: GcpCollectorContext, project: string): Promise<GcsBucket[]> {
  const storage = ctx.storage();
  // Pages one by one (autoPaginate off), so that each page is one retried call and none is fetched twice.
  const buckets = await paginate((pageToken) =>
    ctx.transport
      .call(() => storage.getBuckets({ project, autoPaginate: false, maxResults: 1000, ...(pageToken ? { pageToken } : {}) }))
      .then(([items, next]) => ({ items, next: (next as { pageToken?: string } | null)?.pageToken })),
  );
  const limit = pLimit(8);
  return Promise.all(
    buckets.map((bucket) =>
      limit(async () => {
        const meta = bucket.metadata as BucketMetadata;
        const iamPolicy = await attempt(async () => {
          const [policy] = await ctx.transport.call(() => bucket.iam.getPolicy({ requestedPolicyVersion: 3 }));
          return bindingsOf(policy);
        });
        const retention = meta.retentionPolicy;
        return {
          name: bucket.name,
          location: (meta.location ?? 'global').toLowerCase(),
          uniformBucketLevelAccess: meta.iamConfiguration?.uniformBucketLevelAccess?.enabled ?? false,
          publicAccessPrevention: meta.iamConfiguration?.publicAccessPrevention ?? 'unspecified',
          versioning: meta.versioning?.enabled ?? false,
          retentionPolicy: retention ? { retentionPeriodSeconds: Number(retention.retentionPeriod ?? 0), isLocked: retention.isLocked ?? false } : null,
          logging: Boolean(meta.logging?.logBucket),
          labels: meta.labels ?? {},
          iamPolicy,
        };
      }),
    ),
  );
}
