/**
 * CIS 3.8 / 3.9: are S3 object-level (data) events recorded for every bucket? S3 data events are
 * delivered to trails in the bucket's region, so a multi-region trail covers all buckets and a
 * single-region trail only the buckets of its home region: the account passes when the trails that
 * record the events and are logging cover every scanned region. The snapshot summarises each trail's
 * S3 data-event selectors (classic or advanced) as All / ReadOnly / WriteOnly / None.
 */
import type { CheckResult } from '../../../types.js';
import type { AwsSnapshot, Trail } from '../../../providers/aws/snapshot.js';
import { accountArn, fail, pass, unknown } from '../lib/helpers.js';
import { accountTrails, noTrailsReadable, partialNote, trailLabel } from './trails.js';

export type DataEventKind = 'read' | 'write';

const RECORDS: Record<DataEventKind, ReadonlySet<string>> = {
  read: new Set(['All', 'ReadOnly']),
  write: new Set(['All', 'WriteOnly']),
};

type Verdict = 'records' | 'does-not' | 'unknown';

function verdict(trail: Trail, kind: DataEventKind): { verdict: Verdict; why: string } {
  const label = trailLabel(trail);
  if (trail.selectors.ok && !RECORDS[kind].has(trail.selectors.value.s3DataEvents)) {
    return { verdict: 'does-not', why: `${label} records S3 data events: ${trail.selectors.value.s3DataEvents}` };
  }
  if (trail.status.ok && !trail.status.value.isLogging) return { verdict: 'does-not', why: `${label} is not logging` };
  if (!trail.selectors.ok) return { verdict: 'unknown', why: `could not read the event selectors of ${label} (${trail.selectors.error})` };
  if (!trail.status.ok) return { verdict: 'unknown', why: `could not read the status of ${label} (${trail.status.error})` };
  return { verdict: 'records', why: label };
}

/** The regions a trail covers for S3 data events. */
function covers(trail: Trail, regions: string[]): string[] {
  return trail.isMultiRegion ? regions : [trail.homeRegion];
}

export function evaluateS3DataEvents(snapshot: AwsSnapshot, kind: DataEventKind): CheckResult[] {
  const view = accountTrails(snapshot);
  const unreadable = noTrailsReadable(snapshot, view);
  if (unreadable) return [unreadable];

  const account = accountArn(snapshot);
  const note = partialNote(view);
  const events = `S3 object-level ${kind} events`;
  const verdicts = view.trails.map((trail) => ({ trail, ...verdict(trail, kind) }));
  const recording = verdicts.filter((entry) => entry.verdict === 'records');
  const covered = new Set(recording.flatMap(({ trail }) => covers(trail, snapshot.regions)));
  const uncovered = snapshot.regions.filter((region) => !covered.has(region));
  const by = recording.map(({ why }) => why).join(', ');
  if (uncovered.length === 0) return [pass(account, 'global', `${events} are recorded for buckets in every scanned region by ${by}`)];

  const couldCover = verdicts.filter(
    (entry) => entry.verdict === 'unknown' && covers(entry.trail, snapshot.regions).some((region) => uncovered.includes(region)),
  );
  if (couldCover.length > 0) return [unknown(account, 'global', `Could not check: ${couldCover.map(({ why }) => why).join('; ')}${note}`)];

  const partly = recording.length > 0 ? `${events} are recorded only for buckets in ${[...covered].join(', ')} (by ${by}); ` : '';
  const others = verdicts.filter((entry) => entry.verdict !== 'records').map(({ why }) => why);
  const reasons = others.length > 0 ? `: ${others.join('; ')}` : view.trails.length === 0 ? ': the account has no trail' : '';
  return [fail(account, 'global', `${partly}no logging trail records ${events} for buckets in ${uncovered.join(', ')}${reasons}${note}`)];
}
