import { defineAzureCheck, fail, forEachParent, pass, tagsOf } from '../lib/helpers.js';

export const check = defineAzureCheck(
  {
    id: 'azure-sql-firewall-allows-all-ips',
    title: 'SQL server firewall allows the whole internet (0.0.0.0–255.255.255.255)',
    service: 'sql',
    resourceType: 'Microsoft.Sql/servers',
    severity: 'critical',
    description: 'Checks whether a firewall rule of the SQL logical server admits every IPv4 address: a range from 0.0.0.0 to 255.255.255.255.',
    risk: 'The server endpoint accepts logins from anywhere on the internet; passwords are sprayed and brute-forced, and a leaked connection string is usable from any network.',
    remediation: {
      text: 'Delete the rule and allow only the client ranges that need access, or use private endpoints and deny public network access.',
      cli: 'az sql server firewall-rule delete --resource-group <RESOURCE_GROUP> --server <SERVER_NAME> --name <RULE_NAME>',
      url: 'https://learn.microsoft.com/azure/azure-sql/database/firewall-configure',
    },
    compliance: {
      'cis-azure-3.0': ['5.1.2'],
      soc2: ['CC6.1', 'CC6.6'],
      'iso27001-2022': ['A.8.20', 'A.8.22'],
      'nist-800-53-r5': ['AC-4', 'SC-7'],
      'nist-csf-2.0': ['PR.IR-01'],
      'pci-dss-4.0': ['1.3.1', '1.4.1'],
      hipaa: ['164.312(a)(1)', '164.312(e)(1)'],
      gdpr: ['Art.32'],
    },
    needs: ['sql.firewallRules'],
  },
  (snapshot) =>
    forEachParent(snapshot, 'sql.firewallRules', 'Microsoft.Sql/servers', (server, rules) => {
      const open = rules.filter((rule) => rule.startIpAddress === '0.0.0.0' && rule.endIpAddress === '255.255.255.255');
      if (open.length === 0) return [pass(server.id, server.location, 'No firewall rule admits every IPv4 address', tagsOf(server))];
      return [fail(server.id, server.location, `Firewall rule ${open.map((rule) => rule.name).join(', ')} admits 0.0.0.0–255.255.255.255`, { ...tagsOf(server), exposed: true })];
    }),
);
