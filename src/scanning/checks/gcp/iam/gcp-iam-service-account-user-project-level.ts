import { LEAST_PRIVILEGE } from '../lib/compliance.js';
import { defineGcpCheck, fail, pass, projectName, withEachProject } from '../lib/helpers.js';

const IMPERSONATION_ROLES = ['roles/iam.serviceAccountUser', 'roles/iam.serviceAccountTokenCreator'];

/** CIS 1.6: Service Account User and Token Creator are granted on single service accounts, never on the whole project. */
export const check = defineGcpCheck(
  {
    id: 'gcp-iam-service-account-user-project-level',
    title: 'Service Account User or Token Creator granted at project level',
    service: 'iam',
    resourceType: 'cloudresourcemanager.googleapis.com/Project',
    severity: 'high',
    description: 'Checks that the project IAM policy grants neither roles/iam.serviceAccountUser nor roles/iam.serviceAccountTokenCreator to anyone.',
    risk: 'At project level these roles let the holder act as every service account in the project — including any with owner or editor — which is privilege escalation.',
    remediation: {
      text: 'Remove the project-level binding and grant the role on the specific service accounts the member needs to use.',
      cli: 'gcloud projects remove-iam-policy-binding <PROJECT_ID> --member=<MEMBER> --role=roles/iam.serviceAccountUser && gcloud iam service-accounts add-iam-policy-binding <EMAIL> --member=<MEMBER> --role=roles/iam.serviceAccountUser',
      url: 'https://cloud.google.com/iam/docs/service-account-permissions',
    },
    compliance: { 'cis-gcp-3.0': ['1.6'], ...LEAST_PRIVILEGE },
    needs: ['resourcemanager.iamPolicy'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'resourcemanager.iamPolicy', (policy, project) => {
      const grants = policy.bindings.filter((binding) => IMPERSONATION_ROLES.includes(binding.role) && binding.members.length > 0).flatMap((binding) => binding.members.map((member) => `${member} → ${binding.role}`));
      if (grants.length === 0) return [pass(projectName(project), 'global', 'No project-level Service Account User or Token Creator binding')];
      return [fail(projectName(project), 'global', `Project-level impersonation grants: ${grants.join(', ')}`)];
    }),
);
