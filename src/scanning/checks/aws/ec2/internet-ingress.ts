/** The evaluation shared by the security group checks that look for given ports open to the internet. */
import type { AwsSnapshot, SecurityGroup } from '../../../providers/aws/snapshot.js';
import type { CheckResult, ScanSettings } from '../../../types.js';
import { fail, pass, withEachRegion } from '../lib/helpers.js';
import { describeExposures, ec2Arn, formatSpecs, internetExposures, opensAllPortsToInternet, withoutPublicServicePorts } from '../lib/network.js';
import type { PortSpec } from '../lib/network.js';

export const ALL_PORTS_CHECK_ID = 'aws-ec2-security-group-all-ports-open-to-internet';

// Every security group check names the group: one ARN string per group, not one per check.
const groupArns = new WeakMap<SecurityGroup, string>();

export function securityGroupArn(snapshot: AwsSnapshot, region: string, group: SecurityGroup): string {
  let arn = groupArns.get(group);
  if (arn === undefined) {
    arn = ec2Arn(snapshot, region, `security-group/${group.groupId}`);
    groupArns.set(group, arn);
  }
  return arn;
}

/**
 * One result per security group: fails when a rule opens any of `specs` to the internet. Ports the
 * settings call public services are not looked at, and rules that open every port are left to the
 * all-ports check (the pass detail says so, so a pass here never reads as "SSH is closed").
 */
export function portExposureResults(snapshot: AwsSnapshot, settings: ScanSettings, specs: readonly PortSpec[], what: string): CheckResult[] {
  const checked = withoutPublicServicePorts(specs, settings.publicServicePorts);
  const notChecked = `Not checked: ${formatSpecs(specs)} are public service ports in the scan settings`;
  const onlyAllPorts = `No rule opens ${what} to the internet except one that opens every port, which ${ALL_PORTS_CHECK_ID} reports`;
  const closed = `No ingress from the internet to ${what}`;
  return withEachRegion(snapshot, 'ec2.securityGroups', 'ec2', (groups, region) =>
    groups.map((group) => {
      const arn = securityGroupArn(snapshot, region, group);
      if (checked.length === 0) return pass(arn, region, notChecked, { tags: group.tags });
      const exposures = internetExposures(group, checked);
      if (exposures.length > 0) return fail(arn, region, describeExposures(exposures), { tags: group.tags, exposed: true });
      const allPorts = group.ingress.some(opensAllPortsToInternet);
      return pass(arn, region, allPorts ? onlyAllPorts : closed, { tags: group.tags });
    }),
  );
}
