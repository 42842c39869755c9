/** Iterating EC2 instances for the instance checks. */
import type { AwsSnapshot, Ec2Instance } from '../../../providers/aws/snapshot.js';
import type { CheckResult } from '../../../types.js';
import { withEachRegion } from '../lib/helpers.js';
import { ec2Arn } from '../lib/network.js';

/** Terminated instances stay listed for about an hour and can do nothing; they are not looked at. */
const GONE = new Set(['terminated', 'shutting-down']);

export function forEachInstance(snapshot: AwsSnapshot, evaluate: (instance: Ec2Instance, arn: string, region: string) => CheckResult): CheckResult[] {
  return withEachRegion(snapshot, 'ec2.instances', 'ec2', (instances, region) =>
    instances.filter((instance) => !GONE.has(instance.state)).map((instance) => evaluate(instance, ec2Arn(snapshot, region, `instance/${instance.instanceId}`), region)),
  );
}
