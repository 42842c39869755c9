/**
 * S3 parts. ListBuckets is paginated and, when paginated, names each bucket's region; buckets
 * listed without one get a GetBucketLocation. Everything per bucket then goes to that region's
 * client. The account-wide Block Public Access lives in S3 Control.
 */
import { GetBucketLocationCommand, paginateListBuckets, type Bucket } from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import pLimit, { type LimitFunction } from 'p-limit';
import { failed, unlessCode } from '../collected.js';
import type { PublicAccessBlock, S3Bucket } from '../snapshot.js';
import type { CollectorContext } from './context.js';
import { collectBucket, publicAccessBlock } from './s3-bucket.js';
import { iso } from './values.js';

/** GetBucketLocation's answer: null/'' is us-east-1 and 'EU' is the legacy name of eu-west-1. */
export function bucketRegion(locationConstraint: string | undefined | null): string {
  if (!locationConstraint) return 'us-east-1';
  if (locationConstraint === 'EU') return 'eu-west-1';
  return locationConstraint;
}

async function regionOf(ctx: CollectorContext, bucket: Bucket): Promise<string> {
  if (bucket.BucketRegion) return bucket.BucketRegion;
  const out = await ctx.clients.s3().send(new GetBucketLocationCommand({ Bucket: bucket.Name }));
  return bucketRegion(out.LocationConstraint);
}

/**
 * Buckets whose questions are being asked at once, per region. Each has up to eight calls, so this
 * keeps a region's call slots busy while the rest wait as a bare closure: started all at once, an
 * account's thousands of buckets would each hold eight built commands for the whole scan.
 */
const BUCKETS_IN_FLIGHT_PER_REGION = 32;

/** Everything about one listed bucket, in its own region; null when `--regions` leaves it out. */
async function bucketDetails(ctx: CollectorContext, bucket: Bucket, inRegion: (region: string) => LimitFunction): Promise<S3Bucket | null> {
  const name = bucket.Name ?? '';
  const ref = { name, arn: `arn:${ctx.partition}:s3:::${name}`, createdAt: iso(bucket.CreationDate) };
  let region: string;
  try {
    region = await regionOf(ctx, bucket);
  } catch (error) {
    // Without its region nothing else about the bucket can be asked reliably: every piece says why.
    const why = failed(error);
    const reason = { ok: false as const, error: `GetBucketLocation failed: ${why.error}` };
    return {
      ...ref,
      region: 'unknown',
      tags: reason,
      ownership: reason,
      acl: reason,
      policy: reason,
      policyStatus: reason,
      publicAccessBlock: reason,
      encryption: reason,
      versioning: reason,
      logging: reason,
    };
  }
  // `--regions` scopes buckets too: one outside the named regions is not asked about.
  if (ctx.regionFilter && !ctx.regionFilter.has(region)) return null;
  return inRegion(region)(() => collectBucket(ctx.clients.s3(region), { ...ref, region }));
}

/**
 * Each page's buckets are asked about as soon as the page arrives, while the next page is fetched:
 * an account's first thousand buckets need not wait for the whole listing.
 */
export async function collectBuckets(ctx: CollectorContext): Promise<S3Bucket[]> {
  const pools = new Map<string, LimitFunction>();
  const inRegion = (region: string): LimitFunction => {
    let pool = pools.get(region);
    if (!pool) {
      pool = pLimit(BUCKETS_IN_FLIGHT_PER_REGION);
      pools.set(region, pool);
    }
    return pool;
  };
  const started: Promise<S3Bucket | null>[] = [];
  try {
    for await (const page of paginateListBuckets({ client: ctx.clients.s3(), pageSize: 1000 }, {})) {
      for (const bucket of page.Buckets ?? []) started.push(bucketDetails(ctx, bucket, inRegion));
    }
  } catch (error) {
    // The listing failed part-way: the part fails as a whole, once the buckets already started have settled.
    await Promise.allSettled(started);
    throw error;
  }
  const buckets = await Promise.all(started);
  return buckets.filter((bucket): bucket is S3Bucket => bucket !== null);
}

export async function collectAccountPublicAccessBlock(ctx: CollectorContext): Promise<PublicAccessBlock | null> {
  const out = await unlessCode(['NoSuchPublicAccessBlockConfiguration'], null, () =>
    ctx.clients.s3Control().send(new GetPublicAccessBlockCommand({ AccountId: ctx.accountId })),
  );
  return out?.PublicAccessBlockConfiguration ? publicAccessBlock(out.PublicAccessBlockConfiguration) : null;
}
