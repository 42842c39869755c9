import { NETWORK_EXPOSURE } from '../lib/compliance.js';
import { instanceResult } from '../lib/compute.js';
import { defineGcpCheck, fail, pass, withEachProject } from '../lib/helpers.js';

/** CIS 4.9: instances have no external IP address (GKE nodes are judged by their cluster's settings and left out). */
export const check = defineGcpCheck(
  {
    id: 'gcp-compute-instance-public-ip',
    title: 'VM instance has a public IP address',
    service: 'compute',
    resourceType: 'compute.googleapis.com/Instance',
    severity: 'medium',
    description: 'Checks that no VM instance (other than GKE nodes) has an external IPv4 address on any network interface.',
    risk: 'A public address makes the instance directly reachable from the internet: one permissive firewall rule away from exposure, and it can reach out without going through NAT and egress controls.',
    remediation: {
      text: 'Remove the access config and reach the instance through Identity-Aware Proxy, a load balancer or Cloud NAT; enforce compute.vmExternalIpAccess.',
      cli: 'gcloud compute instances delete-access-config <INSTANCE> --zone=<ZONE> --project=<PROJECT_ID> --access-config-name="external-nat"',
      url: 'https://cloud.google.com/compute/docs/ip-addresses/reserve-static-external-ip-address#disableexternalip',
    },
    compliance: { 'cis-gcp-3.0': ['4.9'], ...NETWORK_EXPOSURE },
    needs: ['compute.instances'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'compute.instances', (instances, project) =>
      instances
        .filter((instance) => !instance.gkeNode)
        .map((instance) => {
          const { id, region, tags } = instanceResult(project, instance);
          if (instance.externalIps.length > 0) return fail(id, region, `External IP address(es): ${instance.externalIps.join(', ')}`, { exposed: true, tags });
          return pass(id, region, 'No external IP address', { tags });
        }),
    ),
);
