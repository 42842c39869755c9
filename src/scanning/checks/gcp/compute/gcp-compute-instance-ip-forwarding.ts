import { NETWORK_EXPOSURE } from '../lib/compliance.js';
import { instanceResult } from '../lib/compute.js';
import { defineGcpCheck, fail, pass, withEachProject } from '../lib/helpers.js';

/** CIS 4.6: IP forwarding is off (GKE nodes need it and are left out). */
export const check = defineGcpCheck(
  {
    id: 'gcp-compute-instance-ip-forwarding',
    title: 'VM instance has IP forwarding enabled',
    service: 'compute',
    resourceType: 'compute.googleapis.com/Instance',
    severity: 'low',
    description: 'Checks that no VM instance (other than GKE nodes) can send and receive packets with non-matching source or destination addresses.',
    risk: 'An instance that forwards packets can route around network controls and, if compromised, relay traffic between networks.',
    remediation: {
      text: 'Recreate the instance without IP forwarding (it cannot be changed in place) unless it is a deliberate NAT or appliance.',
      cli: 'gcloud compute instances create <INSTANCE> --zone=<ZONE> --project=<PROJECT_ID> --no-can-ip-forward',
      url: 'https://cloud.google.com/vpc/docs/using-routes#canipforward',
    },
    compliance: { 'cis-gcp-3.0': ['4.6'], ...NETWORK_EXPOSURE },
    needs: ['compute.instances'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'compute.instances', (instances, project) =>
      instances
        .filter((instance) => !instance.gkeNode)
        .map((instance) => {
          const { id, region, tags } = instanceResult(project, instance);
          return instance.canIpForward ? fail(id, region, 'IP forwarding is enabled', { tags }) : pass(id, region, 'IP forwarding is disabled', { tags });
        }),
    ),
);
