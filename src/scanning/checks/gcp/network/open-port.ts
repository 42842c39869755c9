/** One shape for "this port is open to the internet" firewall checks (SSH, RDP). */
import type { FirewallRule } from '../../../providers/gcp/snapshot.js';
import { NETWORK_EXPOSURE } from '../lib/compliance.js';
import { defineGcpCheck, fail, firewallName, pass, withEachProject, type GcpCheck } from '../lib/helpers.js';
import { allowsPort, isOpenToInternet } from '../lib/network.js';

export function defineOpenPortCheck(spec: { id: string; cis: string; service: string; port: number; protocol: 'tcp' | 'udp'; severity: 'high' | 'critical'; risk: string }): GcpCheck {
  return defineGcpCheck(
    {
      id: spec.id,
      title: `Firewall rule allows ${spec.service} (${spec.protocol}/${spec.port}) from the internet`,
      service: 'network',
      resourceType: 'compute.googleapis.com/Firewall',
      severity: spec.severity,
      description: `Checks that no enabled ingress firewall rule allows ${spec.protocol}/${spec.port} (${spec.service}) from 0.0.0.0/0 or ::/0, directly, in a port range, or through an all-protocol rule.`,
      risk: spec.risk,
      remediation: {
        text: `Restrict the rule's source ranges to known addresses, or reach the instances through Identity-Aware Proxy TCP forwarding (source 35.235.240.0/20) instead of exposing ${spec.service}.`,
        cli: 'gcloud compute firewall-rules update <RULE_NAME> --project=<PROJECT_ID> --source-ranges=<TRUSTED_CIDR>',
        url: 'https://cloud.google.com/firewall/docs/using-firewalls',
      },
      compliance: { 'cis-gcp-3.0': [spec.cis], ...NETWORK_EXPOSURE },
      needs: ['compute.firewalls'],
    },
    (snapshot) =>
      withEachProject(snapshot, 'compute.firewalls', (rules: FirewallRule[], project) =>
        rules
          .filter((rule) => rule.direction === 'INGRESS')
          .map((rule) => {
            const id = firewallName(project, rule.name);
            if (isOpenToInternet(rule) && allowsPort(rule, spec.protocol, spec.port)) {
              return fail(id, 'global', `Allows ${spec.protocol}/${spec.port} from ${rule.sourceRanges.join(', ')} on network ${rule.network}`, { exposed: true });
            }
            return pass(id, 'global', rule.disabled ? 'The rule is disabled' : `Does not allow ${spec.protocol}/${spec.port} from the internet`);
          }),
      ),
  );
}
