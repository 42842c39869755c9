import { PUBLIC_ACCESS } from '../lib/compliance.js';
import { bucketName, defineGcpCheck, fail, pass, withEachProject } from '../lib/helpers.js';

/** Public access prevention enforced: a guard that makes a public grant impossible, not just absent. */
export const check = defineGcpCheck(
  {
    id: 'gcp-storage-bucket-public-access-prevention-off',
    title: 'Cloud Storage bucket does not enforce public access prevention',
    service: 'storage',
    resourceType: 'storage.googleapis.com/Bucket',
    severity: 'low',
    description: 'Checks that every Cloud Storage bucket enforces public access prevention itself. A bucket that only inherits the setting fails: whether the storage.publicAccessPrevention organization policy enforces it is not read by this scan.',
    risk: 'Without the guard, one mistaken IAM change or object ACL makes data public; with it, such a grant is refused.',
    remediation: {
      text: 'Enforce public access prevention on the bucket, or set the storage.publicAccessPrevention organization policy constraint.',
      cli: 'gcloud storage buckets update gs://<BUCKET> --public-access-prevention',
      url: 'https://cloud.google.com/storage/docs/public-access-prevention',
    },
    compliance: { 'cis-gcp-3.0': ['5.1'], ...PUBLIC_ACCESS },
    needs: ['storage.buckets'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'storage.buckets', (buckets) =>
      buckets.map((bucket) =>
        bucket.publicAccessPrevention === 'enforced'
          ? pass(bucketName(bucket.name), bucket.location, 'Public access prevention is enforced', { tags: bucket.labels })
          : fail(
              bucketName(bucket.name),
              bucket.location,
              bucket.publicAccessPrevention === 'inherited'
                ? 'Public access prevention is inherited: the bucket is protected only if the storage.publicAccessPrevention organization policy enforces it'
                : `Public access prevention is ${bucket.publicAccessPrevention}`,
              { tags: bucket.labels },
            ),
      ),
    ),
);
