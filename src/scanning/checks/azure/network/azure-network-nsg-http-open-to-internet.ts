import { defineAzureCheck, fail, forEachResource, pass, tagsOf } from '../lib/helpers.js';
import { describeRule, openPorts, ruleOpening } from '../lib/nsg.js';

/** HTTP(S) ports that serve web applications and their management consoles. */
const HTTP_PORTS = [80, 443, 8080, 8443];

/**
 * A 443 rule for a public web tier is not a finding: ports in settings.publicServicePorts are exempt, and
 * the pass detail names them.
 */
export const check = defineAzureCheck(
  {
    id: 'azure-network-nsg-http-open-to-internet',
    title: 'Network security group allows HTTP(S) management ports from the internet',
    service: 'network',
    resourceType: 'Microsoft.Network/networkSecurityGroups',
    severity: 'medium',
    description: 'Checks whether an inbound rule of the NSG allows HTTP(S) ports (80, 443, 8080, 8443) from *, Internet, Any or 0.0.0.0/0. Ports declared public services in settings.publicServicePorts (default 80 and 443, a public web tier) are not findings; the others (admin consoles on 8080/8443, or 80/443 when not declared public) are.',
    risk: 'Web management interfaces and application servers reachable from the internet are scanned for default credentials and known exploits within minutes of exposure.',
    remediation: {
      text: 'Restrict HTTP(S) management ports to trusted ranges; put public web traffic behind Application Gateway or Front Door with WAF.',
      cli: 'az network nsg rule update --resource-group <RESOURCE_GROUP> --nsg-name <NSG_NAME> --name <RULE_NAME> --source-address-prefixes <TRUSTED_CIDR>',
      url: 'https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview',
    },
    compliance: {
      'cis-azure-3.0': ['7.4'],
      soc2: ['CC6.1', 'CC6.6'],
      'iso27001-2022': ['A.8.20', 'A.8.22'],
      'nist-800-53-r5': ['AC-4', 'CM-7', 'SC-7'],
      'nist-csf-2.0': ['PR.IR-01'],
      'pci-dss-4.0': ['1.3.1', '1.4.2', '2.2.7'],
      hipaa: ['164.312(a)(1)', '164.312(e)(1)'],
      gdpr: ['Art.32'],
    },
    needs: ['network.securityGroups'],
  },
  (snapshot, settings) =>
    forEachResource(snapshot, 'network.securityGroups', 'Microsoft.Network/networkSecurityGroups', (group) => {
      const ports = HTTP_PORTS.filter((port) => !settings.publicServicePorts.includes(port));
      const open = openPorts(group, ports, 'Tcp');
      const exempt = HTTP_PORTS.filter((port) => settings.publicServicePorts.includes(port) && ruleOpening(group, port, 'Tcp'));
      const note = exempt.length > 0 ? ` (${exempt.join(', ')} open as public service ports, see settings.publicServicePorts)` : '';
      if (open.length === 0) return pass(group.id, group.location, `No HTTP(S) management port is open to the internet${note}`, tagsOf(group));
      const detail = open.map(({ port, rule }) => `${port} by ${describeRule(rule)}`).join('; ');
      return fail(group.id, group.location, `HTTP(S) open to the internet: ${detail}${note}`, { ...tagsOf(group), exposed: true });
    }),
);
