import { LEAST_PRIVILEGE } from '../lib/compliance.js';
import { CLOUD_PLATFORM_SCOPE, instanceResult, isDefaultComputeServiceAccount } from '../lib/compute.js';
import { defineGcpCheck, fail, pass, withEachProject } from '../lib/helpers.js';

/** CIS 4.2: no instance runs as the default service account with the full cloud-platform scope. */
export const check = defineGcpCheck(
  {
    id: 'gcp-compute-instance-default-sa-full-access',
    title: 'VM instance uses the default service account with full access to all Cloud APIs',
    service: 'compute',
    resourceType: 'compute.googleapis.com/Instance',
    severity: 'high',
    description: 'Checks that no VM instance (other than GKE nodes) runs as the Compute Engine default service account with the https://www.googleapis.com/auth/cloud-platform scope.',
    risk: 'Anyone who runs code on the instance (an SSRF bug, a compromised process) gets a token for the default service account — usually Editor — valid for every Google Cloud API.',
    remediation: {
      text: 'Attach a dedicated least-privilege service account, or at least narrow the scopes (the instance must be stopped).',
      cli: 'gcloud compute instances set-service-account <INSTANCE> --zone=<ZONE> --project=<PROJECT_ID> --service-account=<SERVICE_ACCOUNT_EMAIL> --scopes=cloud-platform',
      url: 'https://cloud.google.com/compute/docs/access/service-accounts#accesscopesiam',
    },
    compliance: { 'cis-gcp-3.0': ['4.2'], ...LEAST_PRIVILEGE },
    needs: ['compute.instances'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'compute.instances', (instances, project) =>
      instances
        .filter((instance) => !instance.gkeNode)
        .map((instance) => {
          const { id, region, tags } = instanceResult(project, instance);
          const full = instance.serviceAccounts.find((sa) => isDefaultComputeServiceAccount(sa.email) && sa.scopes.includes(CLOUD_PLATFORM_SCOPE));
          if (full) return fail(id, region, `Runs as ${full.email} with the cloud-platform (all APIs) scope`, { tags });
          return pass(id, region, 'Does not combine the default service account with full API access', { tags });
        }),
    ),
);
