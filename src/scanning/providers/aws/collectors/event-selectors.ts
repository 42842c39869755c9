/**
 * Summarises a trail's event selectors, classic or advanced, into what the checks ask: which
 * management events it records, and which S3 object-level (data) events for all buckets.
 * Selectors limited to some buckets do not count as S3 data events: CIS asks for all of them.
 */
import type { AdvancedEventSelector, EventSelector } from '@aws-sdk/client-cloudtrail';
import type { EventSelectorSummary } from '../snapshot.js';

type ReadWrite = EventSelectorSummary['readWriteType'];

/** Union of what two selectors record: ReadOnly + WriteOnly is All. */
export function combineReadWrite(a: ReadWrite, b: ReadWrite): ReadWrite {
  if (a === 'None') return b;
  if (b === 'None' || a === b) return a;
  return 'All';
}

function readWrite(value: string | undefined): ReadWrite {
  return value === 'ReadOnly' || value === 'WriteOnly' ? value : 'All';
}

/** `arn:aws:s3` or `arn:aws:s3:::` (with any partition) select every bucket's objects. */
function allBuckets(values: readonly string[] | undefined): boolean {
  return (values ?? []).some((v) => /^arn:[^:]+:s3(:::)?$/.test(v));
}

function fromClassic(selectors: readonly EventSelector[]): EventSelectorSummary {
  let management: ReadWrite = 'None';
  let s3: ReadWrite = 'None';
  let includeManagementEvents = false;
  for (const s of selectors) {
    const rw = readWrite(s.ReadWriteType);
    // IncludeManagementEvents defaults to true when omitted.
    if (s.IncludeManagementEvents !== false) {
      includeManagementEvents = true;
      management = combineReadWrite(management, rw);
    }
    if ((s.DataResources ?? []).some((d) => d.Type === 'AWS::S3::Object' && allBuckets(d.Values))) s3 = combineReadWrite(s3, rw);
  }
  return { readWriteType: management, includeManagementEvents, s3DataEvents: s3 };
}

function fromAdvanced(selectors: readonly AdvancedEventSelector[]): EventSelectorSummary {
  let management: ReadWrite = 'None';
  let s3: ReadWrite = 'None';
  for (const s of selectors) {
    const fields = new Map((s.FieldSelectors ?? []).map((f) => [f.Field ?? '', f]));
    const readOnly = fields.get('readOnly')?.Equals?.[0];
    const rw: ReadWrite = readOnly === 'true' ? 'ReadOnly' : readOnly === 'false' ? 'WriteOnly' : 'All';
    const category = fields.get('eventCategory')?.Equals ?? [];
    if (category.includes('Management')) management = combineReadWrite(management, rw);
    const arn = fields.get('resources.ARN');
    const limitedToSomeBuckets = Boolean(arn?.Equals?.length || arn?.StartsWith?.some((v) => !allBuckets([v.replace(/\/$/, '')])) || arn?.EndsWith?.length);
    if (category.includes('Data') && fields.get('resources.type')?.Equals?.includes('AWS::S3::Object') && !limitedToSomeBuckets) {
      s3 = combineReadWrite(s3, rw);
    }
  }
  return { readWriteType: management, includeManagementEvents: management !== 'None', s3DataEvents: s3 };
}

/** A trail uses either classic or advanced selectors; if both were somehow returned, both count. */
export function summariseEventSelectors(classic: readonly EventSelector[] | undefined, advanced: readonly AdvancedEventSelector[] | undefined): EventSelectorSummary {
  const a = fromClassic(classic ?? []);
  const b = fromAdvanced(advanced ?? []);
  return {
    readWriteType: combineReadWrite(a.readWriteType, b.readWriteType),
    includeManagementEvents: a.includeManagementEvents || b.includeManagementEvents,
    s3DataEvents: combineReadWrite(a.s3DataEvents, b.s3DataEvents),
  };
}
