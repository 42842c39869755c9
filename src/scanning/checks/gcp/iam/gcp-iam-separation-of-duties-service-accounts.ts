import { LEAST_PRIVILEGE } from '../lib/compliance.js';
import { defineGcpCheck, fail, pass, projectName, withEachProject } from '../lib/helpers.js';
import { rolesByMember } from '../lib/iam.js';

/** CIS 1.8: nobody holds both Service Account Admin and Service Account User on the project. */
export const check = defineGcpCheck(
  {
    id: 'gcp-iam-separation-of-duties-service-accounts',
    title: 'Member holds both Service Account Admin and Service Account User',
    service: 'iam',
    resourceType: 'cloudresourcemanager.googleapis.com/Project',
    severity: 'medium',
    description: 'Checks that no member of the project IAM policy holds both roles/iam.serviceAccountAdmin and roles/iam.serviceAccountUser.',
    risk: 'One person can create a service account, give it power, and act as it — with no second person involved.',
    remediation: {
      text: 'Give the two roles to different people or groups.',
      cli: 'gcloud projects remove-iam-policy-binding <PROJECT_ID> --member=<MEMBER> --role=roles/iam.serviceAccountUser',
      url: 'https://cloud.google.com/iam/docs/service-account-permissions',
    },
    compliance: { 'cis-gcp-3.0': ['1.8'], ...LEAST_PRIVILEGE, 'nist-800-53-r5': ['AC-5', 'AC-6'] },
    needs: ['resourcemanager.iamPolicy'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'resourcemanager.iamPolicy', (policy, project) => {
      const both = [...rolesByMember(policy.bindings)].filter(([, roles]) => roles.has('roles/iam.serviceAccountAdmin') && roles.has('roles/iam.serviceAccountUser')).map(([member]) => member);
      if (both.length === 0) return [pass(projectName(project), 'global', 'No member holds both Service Account Admin and Service Account User')];
      return [fail(projectName(project), 'global', `Hold both roles: ${both.sort().join(', ')}`)];
    }),
);
