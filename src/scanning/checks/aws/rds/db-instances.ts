/** Iterating RDS DB instances for the instance checks. */
import type { AwsSnapshot, DbInstance } from '../../../providers/aws/snapshot.js';
import type { CheckResult } from '../../../types.js';
import { withEachRegion } from '../lib/helpers.js';

/** One result per DB instance that `only` keeps (all by default), region by region. */
export function forEachDbInstance(
  snapshot: AwsSnapshot,
  evaluate: (instance: DbInstance, region: string) => CheckResult,
  only: (instance: DbInstance) => boolean = () => true,
): CheckResult[] {
  return withEachRegion(snapshot, 'rds.instances', 'rds', (instances, region) => instances.filter(only).map((instance) => evaluate(instance, region)));
}

/**
 * Aurora, DocumentDB and Neptune instances belong to a cluster that owns Multi-AZ placement and
 * deletion protection; their instance-level flags say nothing (DescribeDBInstances reports them as
 * off). The snapshot has no DB clusters, so the checks for those settings skip these instances.
 */
export function isClusterMember(instance: DbInstance): boolean {
  const engine = instance.engine.toLowerCase();
  return engine.startsWith('aurora') || engine === 'docdb' || engine === 'neptune';
}

export function isStandalone(instance: DbInstance): boolean {
  return !isClusterMember(instance);
}
