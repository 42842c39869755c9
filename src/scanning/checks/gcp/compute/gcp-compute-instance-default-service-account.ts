import { LEAST_PRIVILEGE } from '../lib/compliance.js';
import { instanceResult, isDefaultComputeServiceAccount } from '../lib/compute.js';
import { defineGcpCheck, fail, pass, withEachProject } from '../lib/helpers.js';

/** CIS 4.1: instances do not run as the Compute Engine default service account (GKE nodes excepted, as CIS does). */
export const check = defineGcpCheck(
  {
    id: 'gcp-compute-instance-default-service-account',
    title: 'VM instance uses the Compute Engine default service account',
    service: 'compute',
    resourceType: 'compute.googleapis.com/Instance',
    severity: 'medium',
    description: 'Checks that no VM instance (other than GKE nodes) runs as the Compute Engine default service account.',
    risk: 'The default service account is shared by every VM that keeps the default, and is often granted Editor: code running on one instance can reach everything it can.',
    remediation: {
      text: 'Create a dedicated service account with only the roles the workload needs and attach it to the instance (the instance must be stopped).',
      cli: 'gcloud compute instances set-service-account <INSTANCE> --zone=<ZONE> --project=<PROJECT_ID> --service-account=<SERVICE_ACCOUNT_EMAIL> --scopes=cloud-platform',
      url: 'https://cloud.google.com/compute/docs/access/create-enable-service-accounts-for-instances',
    },
    compliance: { 'cis-gcp-3.0': ['4.1'], ...LEAST_PRIVILEGE },
    needs: ['compute.instances'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'compute.instances', (instances, project) =>
      instances
        .filter((instance) => !instance.gkeNode)
        .map((instance) => {
          const { id, region, tags } = instanceResult(project, instance);
          const defaults = instance.serviceAccounts.filter((sa) => isDefaultComputeServiceAccount(sa.email));
          if (defaults.length > 0) return fail(id, region, `Runs as ${defaults.map((sa) => sa.email).join(', ')}`, { tags });
          return pass(id, region, instance.serviceAccounts.length ? `Runs as ${instance.serviceAccounts.map((sa) => sa.email).join(', ')}` : 'No service account attached', { tags });
        }),
    ),
);
