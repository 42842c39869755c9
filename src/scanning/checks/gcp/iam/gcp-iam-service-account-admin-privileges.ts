import { LEAST_PRIVILEGE } from '../lib/compliance.js';
import { defineGcpCheck, fail, pass, projectName, serviceAccountName, withEachProject } from '../lib/helpers.js';
import { isAdminRole, isServiceAccountMember, memberEmail, rolesByMember } from '../lib/iam.js';

/**
 * CIS 1.5: no user-managed service account holds owner, editor or an admin role on the project.
 * Google's service agents (`service-N@gcp-sa-*.iam.gserviceaccount.com`, `*@cloudservices...`) are
 * left out, as CIS does: Google manages their roles.
 */
function isUserManagedServiceAccount(email: string): boolean {
  if (/@gcp-sa-[a-z0-9-]+\.iam\.gserviceaccount\.com$/.test(email)) return false;
  return /\.iam\.gserviceaccount\.com$|-compute@developer\.gserviceaccount\.com$|@appspot\.gserviceaccount\.com$/.test(email);
}

export const check = defineGcpCheck(
  {
    id: 'gcp-iam-service-account-admin-privileges',
    title: 'Service account has admin privileges on the project',
    service: 'iam',
    resourceType: 'iam.googleapis.com/ServiceAccount',
    severity: 'high',
    description: 'Checks the project IAM policy for user-managed service accounts (`*@<project>.iam.gserviceaccount.com` and the default compute and App Engine accounts) granted roles/owner, roles/editor or any *Admin role.',
    risk: 'Whoever gets hold of the service account — a leaked key, a compromised VM or workload running as it — controls the whole project.',
    remediation: {
      text: 'Replace the broad role with the narrow predefined roles the workload needs (IAM Recommender shows which permissions it used).',
      cli: 'gcloud projects remove-iam-policy-binding <PROJECT_ID> --member=serviceAccount:<EMAIL> --role=<ROLE>',
      url: 'https://cloud.google.com/iam/docs/service-account-overview#service-account-permissions',
    },
    compliance: { 'cis-gcp-3.0': ['1.5'], ...LEAST_PRIVILEGE },
    needs: ['resourcemanager.iamPolicy'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'resourcemanager.iamPolicy', (policy, project) => {
      const results = [];
      for (const [member, roles] of rolesByMember(policy.bindings)) {
        if (!isServiceAccountMember(member)) continue;
        const email = memberEmail(member);
        if (!isUserManagedServiceAccount(email)) continue;
        const admin = [...roles].filter(isAdminRole).sort();
        const id = serviceAccountName(project, email);
        results.push(admin.length > 0 ? fail(id, 'global', `Holds ${admin.join(', ')} on project ${project}`) : pass(id, 'global', `No owner, editor or admin role on project ${project}`));
      }
      if (results.length === 0) return [pass(projectName(project), 'global', 'No user-managed service account is granted a role on the project')];
      return results;
    }),
);
