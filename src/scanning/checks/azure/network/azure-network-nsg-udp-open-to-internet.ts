import { defineAzureCheck, fail, forEachResource, pass, tagsOf } from '../lib/helpers.js';
import { describeRule, udpRulesOpen } from '../lib/nsg.js';

export const check = defineAzureCheck(
  {
    id: 'azure-network-nsg-udp-open-to-internet',
    title: 'Network security group allows UDP from the internet',
    service: 'network',
    resourceType: 'Microsoft.Network/networkSecurityGroups',
    severity: 'medium',
    description: 'Checks whether an inbound Allow rule of the NSG lets UDP (or any protocol) in from *, Internet, Any or 0.0.0.0/0 without a higher-priority rule denying all UDP from the internet.',
    risk: 'Internet-facing UDP services (DNS, NTP, SSDP, CLDAP, memcached) are abused for reflection and amplification DDoS attacks and are a common foothold.',
    remediation: {
      text: 'Restrict the rule to the source ranges that need the UDP service, or remove it.',
      cli: 'az network nsg rule update --resource-group <RESOURCE_GROUP> --nsg-name <NSG_NAME> --name <RULE_NAME> --source-address-prefixes <TRUSTED_CIDR>',
      url: 'https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview',
    },
    compliance: {
      'cis-azure-3.0': ['7.3'],
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
  (snapshot) =>
    forEachResource(snapshot, 'network.securityGroups', 'Microsoft.Network/networkSecurityGroups', (group) => {
      const open = udpRulesOpen(group);
      if (open.length === 0) return pass(group.id, group.location, 'No rule allows UDP from the internet', tagsOf(group));
      return fail(group.id, group.location, `UDP open to the internet by ${open.map(describeRule).join('; ')}`, { ...tagsOf(group), exposed: true });
    }),
);
