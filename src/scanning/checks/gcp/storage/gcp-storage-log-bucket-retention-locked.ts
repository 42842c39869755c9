import { LOGGING } from '../lib/compliance.js';
import { bucketName, collectedIn, defineGcpCheck, fail, pass, unknown, withEachProject } from '../lib/helpers.js';

/** `storage.googleapis.com/NAME` → NAME. */
function sinkBucket(destination: string): string | null {
  const match = /^storage\.googleapis\.com\/([^/]+)/.exec(destination);
  return match?.[1] ?? null;
}

/**
 * CIS 2.3: buckets that log sinks export to have a retention policy locked with Bucket Lock, so
 * exported logs cannot be deleted before it runs out. Buckets that no sink of the project writes to
 * give no result; a sink bucket in another project cannot be judged from this one's bucket list.
 */
export const check = defineGcpCheck(
  {
    id: 'gcp-storage-log-bucket-retention-locked',
    title: 'Log sink bucket does not have a locked retention policy',
    service: 'storage',
    resourceType: 'storage.googleapis.com/Bucket',
    severity: 'medium',
    description: 'Checks that every Cloud Storage bucket that a log sink of the project exports to has a retention policy locked with Bucket Lock.',
    risk: 'An attacker or an insider who gets storage admin rights can delete the exported audit logs that would show what they did.',
    remediation: {
      text: 'Set a retention policy on the log bucket and lock it (locking cannot be undone; the bucket then cannot be deleted until every object has aged out).',
      cli: 'gcloud storage buckets update gs://<BUCKET> --retention-period=<DURATION> && gcloud storage buckets update gs://<BUCKET> --lock-retention-period',
      url: 'https://cloud.google.com/storage/docs/using-bucket-lock',
    },
    compliance: { 'cis-gcp-3.0': ['2.3'], ...LOGGING, 'nist-800-53-r5': ['AU-9', 'AU-11'], 'pci-dss-4.0': ['10.3.2', '10.5.1'] },
    needs: ['storage.buckets', 'logging.sinks'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'storage.buckets', (buckets, project) => {
      const sinks = collectedIn(snapshot, 'logging.sinks', project);
      if (!sinks.ok) return buckets.map((bucket) => unknown(bucketName(bucket.name), bucket.location, `Could not check: ${sinks.error}`));
      const destinations = new Set(sinks.value.map((sink) => sinkBucket(sink.destination)).filter((name): name is string => name !== null));
      return buckets
        .filter((bucket) => destinations.has(bucket.name))
        .map((bucket) => {
          const id = bucketName(bucket.name);
          const policy = bucket.retentionPolicy;
          if (!policy) return fail(id, bucket.location, 'A log sink exports here, and the bucket has no retention policy');
          if (!policy.isLocked) return fail(id, bucket.location, `A log sink exports here; its ${Math.round(policy.retentionPeriodSeconds / 86_400)}-day retention policy is not locked`);
          return pass(id, bucket.location, `Retention policy of ${Math.round(policy.retentionPeriodSeconds / 86_400)} days, locked`);
        });
    }),
);
