import { PUBLIC_ACCESS } from '../lib/compliance.js';
import { bucketName, defineGcpCheck, fail, pass, unknown, withEachProject } from '../lib/helpers.js';
import { publicGrants } from '../lib/iam.js';

/** CIS 5.1: no bucket grants a role to `allUsers` or `allAuthenticatedUsers`. */
export const check = defineGcpCheck(
  {
    id: 'gcp-storage-bucket-public-access',
    title: 'Cloud Storage bucket is publicly accessible',
    service: 'storage',
    resourceType: 'storage.googleapis.com/Bucket',
    severity: 'critical',
    description: 'Checks that no Cloud Storage bucket\'s IAM policy grants a role to allUsers (anyone on the internet) or allAuthenticatedUsers (anyone with a Google account).',
    risk: 'Anyone can list, read or — with a write role — replace or delete the bucket\'s objects: data leaks, defacement and malware hosting.',
    remediation: {
      text: 'Remove the allUsers and allAuthenticatedUsers members from the bucket\'s IAM policy, and enforce public access prevention on the bucket (or organization-wide).',
      cli: 'gcloud storage buckets remove-iam-policy-binding gs://<BUCKET> --member=allUsers --role=<ROLE> && gcloud storage buckets update gs://<BUCKET> --public-access-prevention',
      url: 'https://cloud.google.com/storage/docs/using-public-access-prevention',
    },
    compliance: { 'cis-gcp-3.0': ['5.1'], ...PUBLIC_ACCESS },
    needs: ['storage.buckets'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'storage.buckets', (buckets) =>
      buckets.map((bucket) => {
        const id = bucketName(bucket.name);
        if (!bucket.iamPolicy.ok) return unknown(id, bucket.location, `Could not check: ${bucket.iamPolicy.error}`, { tags: bucket.labels });
        const grants = publicGrants(bucket.iamPolicy.value);
        if (grants.length === 0) return pass(id, bucket.location, 'The bucket\'s IAM policy grants nothing to allUsers or allAuthenticatedUsers', { tags: bucket.labels });
        return fail(id, bucket.location, `Public IAM grants: ${grants.join(', ')}`, { exposed: true, tags: bucket.labels });
      }),
    ),
);
