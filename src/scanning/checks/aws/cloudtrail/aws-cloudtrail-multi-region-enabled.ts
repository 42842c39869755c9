import type { Trail } from '../../../providers/aws/snapshot.js';
import { accountArn, defineAwsCheck, fail, pass, unknown } from '../lib/helpers.js';
import { accountTrails, noTrailsReadable, partialNote, trailLabel } from './trails.js';

type Verdict = { status: 'good' } | { status: 'bad' | 'unknown'; why: string };

function verdict(trail: Trail): Verdict {
  const label = trailLabel(trail);
  const problems: string[] = [];
  const unreadable: string[] = [];
  if (!trail.isMultiRegion) problems.push('is single-region');
  if (!trail.status.ok) unreadable.push(`its status (${trail.status.error})`);
  else if (!trail.status.value.isLogging) problems.push('is not logging');
  if (!trail.selectors.ok) unreadable.push(`its event selectors (${trail.selectors.error})`);
  else if (!trail.selectors.value.includeManagementEvents) problems.push('records no management events');
  else if (trail.selectors.value.readWriteType !== 'All') problems.push(`records only ${trail.selectors.value.readWriteType} management events`);

  if (problems.length > 0) return { status: 'bad', why: `${label} ${problems.join(', ')}` };
  if (unreadable.length > 0) return { status: 'unknown', why: `could not read ${unreadable.join(' or ')} for ${label}` };
  return { status: 'good' };
}

/**
 * CIS 3.1: at least one multi-region trail that is logging and records all (read and write)
 * management events. One account result (account ARN, region `global`). A trail created in any region
 * counts; its shadow copies in other regions count once.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-cloudtrail-multi-region-enabled',
    title: 'No multi-region CloudTrail trail records all management events',
    service: 'cloudtrail',
    resourceType: 'AWS::::Account',
    severity: 'high',
    description:
      'Checks that the account has at least one multi-region CloudTrail trail that is logging and records both read and write management events.',
    risk: 'API activity in regions or of kinds no trail records leaves no audit trail: an attacker can work in an unmonitored region, and incidents cannot be investigated.',
    remediation: {
      text: 'Create (or convert) a trail that applies to all regions, records All management events, and start logging; an organization trail from the management account covers every member account.',
      cli: 'aws cloudtrail create-trail --name <TRAIL_NAME> --s3-bucket-name <LOG_BUCKET_NAME> --is-multi-region-trail --enable-log-file-validation && aws cloudtrail start-logging --name <TRAIL_NAME>',
      url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html',
    },
    compliance: {
      'cis-aws-5.0': ['3.1'],
      soc2: ['CC7.2'],
      'iso27001-2022': ['A.8.15', 'A.8.16'],
      'nist-800-53-r5': ['AU-2', 'AU-3', 'AU-12'],
      'nist-csf-2.0': ['PR.PS-04', 'DE.CM-09'],
      'pci-dss-4.0': ['10.2.1', '10.2.2'],
      hipaa: ['164.312(b)'],
      gdpr: ['Art.32'],
    },
    needs: ['cloudtrail.trails'],
  },
  (snapshot) => {
    const view = accountTrails(snapshot);
    const unreadable = noTrailsReadable(snapshot, view);
    if (unreadable) return [unreadable];

    const account = accountArn(snapshot);
    const note = partialNote(view);
    const verdicts = view.trails.map((trail) => ({ trail, verdict: verdict(trail) }));
    const good = verdicts.find(({ verdict }) => verdict.status === 'good');
    if (good) return [pass(account, 'global', `${trailLabel(good.trail)} is logging and records all management events`)];

    const why = (status: 'bad' | 'unknown'): string[] =>
      verdicts.flatMap(({ verdict }) => (verdict.status === status ? [verdict.why] : []));
    const undetermined = why('unknown');
    if (undetermined.length > 0) return [unknown(account, 'global', `Could not check: ${undetermined.join('; ')}${note}`)];
    if (view.trails.length === 0) return [fail(account, 'global', `The account has no CloudTrail trail${note}`)];
    return [fail(account, 'global', `No multi-region trail that is logging and records all management events: ${why('bad').join('; ')}${note}`)];
  },
);
