import { RECOVERY } from '../lib/compliance.js';
import { bucketName, defineGcpCheck, fail, pass, withEachProject } from '../lib/helpers.js';

/** Not a CIS recommendation: object versioning, so that overwritten or deleted objects can be recovered. */
export const check = defineGcpCheck(
  {
    id: 'gcp-storage-bucket-versioning-disabled',
    title: 'Cloud Storage bucket does not have object versioning enabled',
    service: 'storage',
    resourceType: 'storage.googleapis.com/Bucket',
    severity: 'low',
    description: 'Checks that every Cloud Storage bucket keeps noncurrent versions of overwritten and deleted objects.',
    risk: 'An accidental overwrite, a buggy job or ransomware that deletes or encrypts objects destroys them for good.',
    remediation: {
      text: 'Enable object versioning, with a lifecycle rule that deletes noncurrent versions after the period you need.',
      cli: 'gcloud storage buckets update gs://<BUCKET> --versioning',
      url: 'https://cloud.google.com/storage/docs/using-object-versioning',
    },
    compliance: { ...RECOVERY, 'nist-800-53-r5': ['CP-9', 'SI-12'] },
    needs: ['storage.buckets'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'storage.buckets', (buckets) =>
      buckets.map((bucket) =>
        bucket.versioning
          ? pass(bucketName(bucket.name), bucket.location, 'Object versioning is enabled', { tags: bucket.labels })
          : fail(bucketName(bucket.name), bucket.location, 'Object versioning is disabled', { tags: bucket.labels }),
      ),
    ),
);
