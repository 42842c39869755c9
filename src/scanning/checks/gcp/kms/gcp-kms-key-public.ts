import { PUBLIC_ACCESS } from '../lib/compliance.js';
import { defineGcpCheck, fail, kmsKeyName, pass, unknown, withEachProject } from '../lib/helpers.js';
import { publicGrants } from '../lib/iam.js';

/** CIS 1.9: no Cloud KMS key grants a role to `allUsers` or `allAuthenticatedUsers`. */
export const check = defineGcpCheck(
  {
    id: 'gcp-kms-key-public',
    title: 'Cloud KMS key is publicly accessible',
    service: 'kms',
    resourceType: 'cloudkms.googleapis.com/CryptoKey',
    severity: 'critical',
    description: 'Checks that no Cloud KMS key\'s IAM policy grants a role to allUsers or allAuthenticatedUsers.',
    risk: 'Anyone can use the key — decrypt the data it protects, or sign as the organization — or read its metadata.',
    remediation: {
      text: 'Remove the allUsers and allAuthenticatedUsers members from the key\'s IAM policy.',
      cli: 'gcloud kms keys remove-iam-policy-binding <KEY> --keyring=<KEY_RING> --location=<LOCATION> --member=allUsers --role=<ROLE>',
      url: 'https://cloud.google.com/kms/docs/iam',
    },
    compliance: { 'cis-gcp-3.0': ['1.9'], ...PUBLIC_ACCESS, 'nist-800-53-r5': ['AC-3', 'SC-12'], 'pci-dss-4.0': ['3.6.1', '7.2.1'] },
    needs: ['kms.keys'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'kms.keys', (keys) =>
      keys.map((key) => {
        const id = kmsKeyName(key.name);
        if (!key.iamPolicy.ok) return unknown(id, key.location, `Could not check: ${key.iamPolicy.error}`);
        const grants = publicGrants(key.iamPolicy.value);
        if (grants.length === 0) return pass(id, key.location, 'The key\'s IAM policy grants nothing to allUsers or allAuthenticatedUsers');
        return fail(id, key.location, `Public IAM grants: ${grants.join(', ')}`, { exposed: true });
      }),
    ),
);
