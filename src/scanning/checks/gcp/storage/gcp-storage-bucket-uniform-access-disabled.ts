import { PUBLIC_ACCESS } from '../lib/compliance.js';
import { bucketName, defineGcpCheck, fail, pass, withEachProject } from '../lib/helpers.js';

/** CIS 5.2: uniform bucket-level access, so that object ACLs cannot grant what IAM does not. */
export const check = defineGcpCheck(
  {
    id: 'gcp-storage-bucket-uniform-access-disabled',
    title: 'Cloud Storage bucket does not use uniform bucket-level access',
    service: 'storage',
    resourceType: 'storage.googleapis.com/Bucket',
    severity: 'medium',
    description: 'Checks that every Cloud Storage bucket has uniform bucket-level access enabled, so that access is governed by IAM alone and not by per-object ACLs.',
    risk: 'With fine-grained access, any object can carry its own ACL — including a public one — that the bucket\'s IAM policy does not show, so access reviews miss it.',
    remediation: {
      text: 'Enable uniform bucket-level access on the bucket (after moving any needed object ACL grants into the bucket\'s IAM policy).',
      cli: 'gcloud storage buckets update gs://<BUCKET> --uniform-bucket-level-access',
      url: 'https://cloud.google.com/storage/docs/using-uniform-bucket-level-access',
    },
    compliance: { 'cis-gcp-3.0': ['5.2'], ...PUBLIC_ACCESS },
    needs: ['storage.buckets'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'storage.buckets', (buckets) =>
      buckets.map((bucket) =>
        bucket.uniformBucketLevelAccess
          ? pass(bucketName(bucket.name), bucket.location, 'Uniform bucket-level access is enabled', { tags: bucket.labels })
          : fail(bucketName(bucket.name), bucket.location, 'Uniform bucket-level access is disabled: object ACLs apply', { tags: bucket.labels }),
      ),
    ),
);
