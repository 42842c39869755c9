import { SECURE_CONFIGURATION } from '../lib/compliance.js';
import { instanceResult, metadataFlag } from '../lib/compute.js';
import { defineGcpCheck, fail, pass, withEachProject } from '../lib/helpers.js';

/** CIS 4.3: instances block project-wide SSH keys (`block-project-ssh-keys`), GKE nodes excepted. */
export const check = defineGcpCheck(
  {
    id: 'gcp-compute-instance-project-ssh-keys-allowed',
    title: 'VM instance accepts project-wide SSH keys',
    service: 'compute',
    resourceType: 'compute.googleapis.com/Instance',
    severity: 'medium',
    description: 'Checks that every VM instance (other than GKE nodes) has the block-project-ssh-keys metadata set to true.',
    risk: 'A project-wide SSH key opens every instance that accepts it: one leaked key is a shell on all of them.',
    remediation: {
      text: 'Set block-project-ssh-keys=TRUE on the instance (or use OS Login, which ignores metadata keys).',
      cli: 'gcloud compute instances add-metadata <INSTANCE> --zone=<ZONE> --project=<PROJECT_ID> --metadata=block-project-ssh-keys=TRUE',
      url: 'https://cloud.google.com/compute/docs/connect/restrict-ssh-keys',
    },
    compliance: { 'cis-gcp-3.0': ['4.3'], ...SECURE_CONFIGURATION, 'nist-800-53-r5': ['AC-17', 'IA-5'] },
    needs: ['compute.instances'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'compute.instances', (instances, project) =>
      instances
        .filter((instance) => !instance.gkeNode)
        .map((instance) => {
          const { id, region, tags } = instanceResult(project, instance);
          return metadataFlag(instance.metadata, 'block-project-ssh-keys') === true
            ? pass(id, region, 'Project-wide SSH keys are blocked', { tags })
            : fail(id, region, 'block-project-ssh-keys is not set to true', { tags });
        }),
    ),
);
