import { defineAzureCheck, fail, forEachResource, pass, tagsOf } from '../lib/helpers.js';
import { describeRule, openPorts } from '../lib/nsg.js';

export const check = defineAzureCheck(
  {
    id: 'azure-network-nsg-rdp-open-to-internet',
    title: 'Network security group allows RDP (3389) from the internet',
    service: 'network',
    resourceType: 'Microsoft.Network/networkSecurityGroups',
    severity: 'high',
    description: 'Checks whether an inbound rule of the NSG, evaluated in priority order, allows TCP port 3389 from *, Internet, Any or 0.0.0.0/0 — including port ranges, port lists or all ports.',
    risk: 'RDP exposed to the internet is a leading ransomware entry point: password spraying and RDP vulnerabilities (BlueKeep) give an interactive session on the VM.',
    remediation: {
      text: 'Restrict the rule to trusted source ranges, or remove it and use Azure Bastion or just-in-time VM access.',
      cli: 'az network nsg rule update --resource-group <RESOURCE_GROUP> --nsg-name <NSG_NAME> --name <RULE_NAME> --source-address-prefixes <TRUSTED_CIDR>',
      url: 'https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview',
    },
    compliance: {
      'cis-azure-3.0': ['7.1'],
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
      const open = openPorts(group, [3389], 'Tcp');
      if (open.length === 0) return pass(group.id, group.location, 'RDP (3389) is not open to the internet', tagsOf(group));
      const detail = open.map(({ port, rule }) => `${port} by ${describeRule(rule)}`).join('; ');
      return fail(group.id, group.location, `RDP (3389) open to the internet: ${detail}`, { ...tagsOf(group), exposed: true });
    }),
);
