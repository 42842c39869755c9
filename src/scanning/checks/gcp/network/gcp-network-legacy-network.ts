import { NETWORK_EXPOSURE } from '../lib/compliance.js';
import { defineGcpCheck, fail, networkName, pass, withEachProject } from '../lib/helpers.js';

/** CIS 3.2: no legacy (non-subnet) networks. */
export const check = defineGcpCheck(
  {
    id: 'gcp-network-legacy-network',
    title: 'Legacy VPC network in use',
    service: 'network',
    resourceType: 'compute.googleapis.com/Network',
    severity: 'medium',
    description: 'Checks that no VPC network of the project is a legacy network (one IPv4 range, no subnets).',
    risk: 'Legacy networks cannot have subnets, flow logs per subnet, private Google access or many newer controls, so traffic is neither segmented nor logged.',
    remediation: {
      text: 'Create a custom-mode VPC network, migrate the workloads, and delete the legacy network.',
      cli: 'gcloud compute networks create <NETWORK_NAME> --project=<PROJECT_ID> --subnet-mode=custom',
      url: 'https://cloud.google.com/vpc/docs/legacy',
    },
    compliance: { 'cis-gcp-3.0': ['3.2'], ...NETWORK_EXPOSURE },
    needs: ['compute.networks'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'compute.networks', (networks, project) =>
      networks.map((network) =>
        network.legacy ? fail(networkName(project, network.name), 'global', 'Legacy network (no subnets)') : pass(networkName(project, network.name), 'global', network.autoCreateSubnetworks ? 'Auto-mode VPC network' : 'Custom-mode VPC network'),
      ),
    ),
);
