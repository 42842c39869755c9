import { LOGGING } from '../lib/compliance.js';
import { collectedIn, defineGcpCheck, fail, networkName, pass, unknown, withEachProject } from '../lib/helpers.js';

/**
 * CIS 2.12: every VPC network has a DNS server policy with query logging. Policies name their
 * networks by URL; a network is matched by its name within the project.
 */
export const check = defineGcpCheck(
  {
    id: 'gcp-dns-vpc-logging-disabled',
    title: 'VPC network does not log Cloud DNS queries',
    service: 'dns',
    resourceType: 'compute.googleapis.com/Network',
    severity: 'low',
    description: 'Checks that every VPC network is covered by a Cloud DNS server policy with logging enabled.',
    risk: 'Without DNS query logs, lookups of command-and-control or exfiltration domains from the network\'s VMs and containers go unseen, and an incident cannot be traced back to the machine that made them.',
    remediation: {
      text: 'Create a DNS server policy with logging for the network, or turn logging on in the policy already attached to it.',
      cli: 'gcloud dns policies create <POLICY_NAME> --project=<PROJECT_ID> --networks=<NETWORK_NAME> --enable-logging --description="DNS query logging"',
      url: 'https://cloud.google.com/dns/docs/monitoring',
    },
    compliance: { 'cis-gcp-3.0': ['2.12'], ...LOGGING },
    needs: ['compute.networks', 'dns.policies'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'compute.networks', (networks, project) => {
      const policies = collectedIn(snapshot, 'dns.policies', project);
      return networks.map((network) => {
        const id = networkName(project, network.name);
        if (!policies.ok) return unknown(id, 'global', `Could not check: ${policies.error}`);
        const attached = policies.value.filter((policy) => policy.networks.includes(network.name));
        const logging = attached.find((policy) => policy.enableLogging);
        if (logging) return pass(id, 'global', `DNS server policy ${logging.name} logs queries`);
        return fail(id, 'global', attached.length > 0 ? `DNS server policy ${attached.map((p) => p.name).join(', ')} does not log queries` : 'No DNS server policy applies to the network');
      });
    }),
);
