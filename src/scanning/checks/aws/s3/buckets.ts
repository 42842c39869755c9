/**
 * Walking the account's buckets for the per-bucket S3 checks: the listing itself may have failed
 * (one `unknown` for all buckets), and each bucket's own settings are read separately and may have
 * failed one by one (an `unknown` for that bucket, with the reason).
 */
import type { CheckResult } from '../../../types.js';
import type { AwsSnapshot, Collected, S3Bucket } from '../../../providers/aws/snapshot.js';
import { unknown, withGlobal } from '../lib/helpers.js';

/** Stands for "every bucket in the account" when the bucket list could not be read. */
export function allBucketsArn(snapshot: AwsSnapshot): string {
  return `arn:${snapshot.partition}:s3:::*`;
}

export function bucketArn(snapshot: AwsSnapshot, name: string): string {
  return `arn:${snapshot.partition}:s3:::${name}`;
}

/** The bucket's tags for risk scoring, when they could be read. */
export function bucketTags(bucket: S3Bucket): Pick<CheckResult, 'tags'> {
  return bucket.tags.ok ? { tags: bucket.tags.value } : {};
}

/** One result per bucket; `unknown` for the account when the bucket list could not be read. */
export function forEachBucket(snapshot: AwsSnapshot, evaluate: (bucket: S3Bucket) => CheckResult): CheckResult[] {
  return withGlobal(snapshot, 's3.buckets', (buckets) => buckets.map(evaluate), {
    resourceId: allBucketsArn(snapshot),
    region: 'global',
  });
}

/**
 * Reads one of the bucket's settings: its value, or the `unknown` result that says it could not be
 * read. Usage: `const got = bucketSetting(bucket, bucket.versioning); if ('result' in got) return got.result;`
 */
export function bucketSetting<T>(bucket: S3Bucket, setting: Collected<T>): { value: T } | { result: CheckResult } {
  if (setting.ok) return { value: setting.value };
  return { result: unknown(bucket.arn, bucket.region, `Could not check: ${setting.error}`, bucketTags(bucket)) };
}
