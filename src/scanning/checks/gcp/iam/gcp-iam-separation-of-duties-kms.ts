import { LEAST_PRIVILEGE } from '../lib/compliance.js';
import { defineGcpCheck, fail, pass, projectName, withEachProject } from '../lib/helpers.js';
import { rolesByMember } from '../lib/iam.js';

const KMS_USE_ROLES = ['roles/cloudkms.cryptoKeyEncrypterDecrypter', 'roles/cloudkms.cryptoKeyEncrypter', 'roles/cloudkms.cryptoKeyDecrypter'];

/** CIS 1.11: nobody holds Cloud KMS Admin together with a role that uses keys. */
export const check = defineGcpCheck(
  {
    id: 'gcp-iam-separation-of-duties-kms',
    title: 'Member holds both Cloud KMS Admin and a key-use role',
    service: 'iam',
    resourceType: 'cloudresourcemanager.googleapis.com/Project',
    severity: 'medium',
    description: 'Checks that no member of the project IAM policy holds roles/cloudkms.admin together with CryptoKey Encrypter/Decrypter, Encrypter or Decrypter.',
    risk: 'One person can both manage keys (change their policies, disable or destroy them) and decrypt the data they protect.',
    remediation: {
      text: 'Give key administration and key use to different people or groups.',
      cli: 'gcloud projects remove-iam-policy-binding <PROJECT_ID> --member=<MEMBER> --role=roles/cloudkms.admin',
      url: 'https://cloud.google.com/kms/docs/separation-of-duties',
    },
    compliance: { 'cis-gcp-3.0': ['1.11'], ...LEAST_PRIVILEGE, 'nist-800-53-r5': ['AC-5', 'AC-6'], 'pci-dss-4.0': ['3.6.1', '7.2.1'] },
    needs: ['resourcemanager.iamPolicy'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'resourcemanager.iamPolicy', (policy, project) => {
      const both = [...rolesByMember(policy.bindings)].filter(([, roles]) => roles.has('roles/cloudkms.admin') && KMS_USE_ROLES.some((role) => roles.has(role))).map(([member]) => member);
      if (both.length === 0) return [pass(projectName(project), 'global', 'No member holds both Cloud KMS Admin and a key-use role')];
      return [fail(projectName(project), 'global', `Hold both: ${both.sort().join(', ')}`)];
    }),
);
