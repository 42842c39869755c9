import { NETWORK_EXPOSURE } from '../lib/compliance.js';
import { defineGcpCheck, fail, firewallName, pass, withEachProject } from '../lib/helpers.js';
import { allowsAllPorts, isOpenToInternet } from '../lib/network.js';

/** Every port (all protocols, or every TCP/UDP port) open to the internet. */
export const check = defineGcpCheck(
  {
    id: 'gcp-network-firewall-all-ports-open',
    title: 'Firewall rule allows all ports from the internet',
    service: 'network',
    resourceType: 'compute.googleapis.com/Firewall',
    severity: 'critical',
    description: 'Checks that no enabled ingress firewall rule allows every protocol, or every TCP or UDP port, from 0.0.0.0/0 or ::/0.',
    risk: 'Every service on the targeted instances — databases, admin consoles, debug ports — is reachable by anyone on the internet.',
    remediation: {
      text: 'Replace the rule with rules that allow only the ports the workload serves, from the sources that need them.',
      cli: 'gcloud compute firewall-rules update <RULE_NAME> --project=<PROJECT_ID> --allow=tcp:443 --source-ranges=<TRUSTED_CIDR>',
      url: 'https://cloud.google.com/firewall/docs/using-firewalls',
    },
    compliance: { 'cis-gcp-3.0': ['3.6', '3.7'], ...NETWORK_EXPOSURE },
    needs: ['compute.firewalls'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'compute.firewalls', (rules, project) =>
      rules
        .filter((rule) => rule.direction === 'INGRESS')
        .map((rule) => {
          const id = firewallName(project, rule.name);
          if (isOpenToInternet(rule) && allowsAllPorts(rule)) {
            const what = rule.allowed.map((entry) => (entry.ports.length ? `${entry.protocol}:${entry.ports.join(',')}` : entry.protocol)).join(', ');
            return fail(id, 'global', `Allows ${what} from ${rule.sourceRanges.join(', ')} on network ${rule.network}`, { exposed: true });
          }
          return pass(id, 'global', rule.disabled ? 'The rule is disabled' : 'Does not allow every port from the internet');
        }),
    ),
);
