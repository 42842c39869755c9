import { LEAST_PRIVILEGE } from '../lib/compliance.js';
import { defineGcpCheck, fail, pass, projectName, withEachProject } from '../lib/helpers.js';

/** CIS 1.1: corporate identities only — no personal Gmail accounts in the project IAM policy. */
export const check = defineGcpCheck(
  {
    id: 'gcp-iam-personal-gmail-accounts',
    title: 'Personal Gmail account granted access to the project',
    service: 'iam',
    resourceType: 'cloudresourcemanager.googleapis.com/Project',
    severity: 'medium',
    description: 'Checks the project IAM policy for user members with @gmail.com or @googlemail.com addresses.',
    risk: 'Personal accounts are outside the organization\'s control: no enforced MFA or password policy, and no offboarding when the person leaves.',
    remediation: {
      text: 'Replace personal accounts with the people\'s corporate (Cloud Identity or Google Workspace) accounts; restrict members with the iam.allowedPolicyMemberDomains organization policy.',
      cli: 'gcloud projects remove-iam-policy-binding <PROJECT_ID> --member=user:<EMAIL> --role=<ROLE>',
      url: 'https://cloud.google.com/resource-manager/docs/organization-policy/restricting-domains',
    },
    compliance: { 'cis-gcp-3.0': ['1.1'], ...LEAST_PRIVILEGE, 'nist-800-53-r5': ['AC-2', 'IA-2'], 'nist-csf-2.0': ['PR.AA-01'] },
    needs: ['resourcemanager.iamPolicy'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'resourcemanager.iamPolicy', (policy, project) => {
      const personal = [...new Set(policy.bindings.flatMap((binding) => binding.members.filter((member) => /^user:.+@(gmail|googlemail)\.com$/i.test(member))))].sort();
      if (personal.length === 0) return [pass(projectName(project), 'global', 'No personal Gmail account in the project IAM policy')];
      return [fail(projectName(project), 'global', `Personal accounts: ${personal.join(', ')}`)];
    }),
);
