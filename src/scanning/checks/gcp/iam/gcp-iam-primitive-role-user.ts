import { LEAST_PRIVILEGE } from '../lib/compliance.js';
import { defineGcpCheck, fail, pass, projectName, withEachProject } from '../lib/helpers.js';
import { PRIMITIVE_ROLES } from '../lib/iam.js';

/** Basic (primitive) roles — owner, editor — granted to individual users rather than predefined roles (groups are how owners should be managed). */
export const check = defineGcpCheck(
  {
    id: 'gcp-iam-primitive-role-user',
    title: 'Basic owner or editor role granted to an individual user',
    service: 'iam',
    resourceType: 'cloudresourcemanager.googleapis.com/Project',
    severity: 'medium',
    description: 'Checks the project IAM policy for roles/owner or roles/editor granted directly to user members.',
    risk: 'Basic roles carry thousands of permissions across every service; a phished or careless holder can change or delete anything in the project.',
    remediation: {
      text: 'Replace the basic role with predefined roles for the services the person works with; grant owner only to a small, reviewed group.',
      cli: 'gcloud projects remove-iam-policy-binding <PROJECT_ID> --member=<MEMBER> --role=roles/editor',
      url: 'https://cloud.google.com/iam/docs/roles-overview#basic',
    },
    compliance: LEAST_PRIVILEGE,
    needs: ['resourcemanager.iamPolicy'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'resourcemanager.iamPolicy', (policy, project) => {
      const grants = policy.bindings
        .filter((binding) => PRIMITIVE_ROLES.includes(binding.role))
        .flatMap((binding) => binding.members.filter((member) => member.startsWith('user:')).map((member) => `${member} → ${binding.role}`));
      if (grants.length === 0) return [pass(projectName(project), 'global', 'No basic owner or editor role is granted directly to a user')];
      return [fail(projectName(project), 'global', `Basic roles granted: ${grants.join(', ')}`)];
    }),
);
