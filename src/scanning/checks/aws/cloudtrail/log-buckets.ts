/**
 * The S3 buckets trails deliver to, each once with the trails that use it, for the checks that join
 * `cloudtrail.trails` with `s3.buckets`. A log bucket not in this account's bucket list (typically an
 * organization's log-archive account) cannot be checked from here and answers `unknown`.
 */
import type { CheckResult } from '../../../types.js';
import type { AwsSnapshot, S3Bucket, Trail } from '../../../providers/aws/snapshot.js';
import { unknown } from '../lib/helpers.js';
import { bucketArn } from '../s3/buckets.js';
import { accountTrails } from './trails.js';

export function trailNames(trails: Trail[]): string {
  return `${trails.length === 1 ? 'trail' : 'trails'} ${trails.map((trail) => trail.name).join(', ')}`;
}

export function forEachLogBucket(snapshot: AwsSnapshot, evaluate: (bucket: S3Bucket, trails: Trail[]) => CheckResult): CheckResult[] {
  const { trails, regionFailures } = accountTrails(snapshot);
  const byBucket = new Map<string, Trail[]>();
  for (const trail of trails) {
    if (trail.s3BucketName) byBucket.set(trail.s3BucketName, [...(byBucket.get(trail.s3BucketName) ?? []), trail]);
  }

  const buckets = snapshot.parts['s3.buckets'];
  const results = [...byBucket].map(([name, users]) => {
    const arn = bucketArn(snapshot, name);
    const region = users[0]?.homeRegion ?? 'global';
    if (!buckets || !buckets.ok) {
      return unknown(arn, region, `Could not check: ${buckets && !buckets.ok ? buckets.error : 's3.buckets was not collected'}`);
    }
    const bucket = buckets.value.find((candidate) => candidate.name === name);
    if (!bucket) {
      return unknown(arn, region, `Could not check: bucket ${name} of ${trailNames(users)} is not in this account's bucket list (it may belong to another account, such as a log archive)`);
    }
    return evaluate(bucket, users);
  });
  return [...regionFailures, ...results];
}
