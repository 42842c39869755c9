import { NETWORK_EXPOSURE } from '../lib/compliance.js';
import { defineGcpCheck, fail, networkName, pass, projectName, withEachProject } from '../lib/helpers.js';

/** CIS 3.1: the auto-created `default` network, with its permissive pre-populated rules, is deleted. */
export const check = defineGcpCheck(
  {
    id: 'gcp-network-default-network',
    title: 'Project has the default network',
    service: 'network',
    resourceType: 'compute.googleapis.com/Network',
    severity: 'medium',
    description: 'Checks that the project has no VPC network named default.',
    risk: 'The default network comes with rules allowing SSH, RDP and ICMP from anywhere and all traffic between its subnets in every region; workloads land in it without a network design.',
    remediation: {
      text: 'Move workloads to purpose-built custom-mode networks, delete the default network, and set the compute.skipDefaultNetworkCreation organization policy.',
      cli: 'gcloud compute networks delete default --project=<PROJECT_ID>',
      url: 'https://cloud.google.com/vpc/docs/vpc#default-network',
    },
    compliance: { 'cis-gcp-3.0': ['3.1'], ...NETWORK_EXPOSURE },
    needs: ['compute.networks'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'compute.networks', (networks, project) => {
      const found = networks.find((network) => network.name === 'default');
      if (found) return [fail(networkName(project, 'default'), 'global', 'The default network exists')];
      return [pass(projectName(project), 'global', 'No default network')];
    }),
);
