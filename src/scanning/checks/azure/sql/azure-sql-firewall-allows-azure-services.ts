import { defineAzureCheck, fail, forEachParent, pass, tagsOf } from '../lib/helpers.js';

/**
 * A lower finding than azure-sql-firewall-allows-all-ips: the range is Azure's own address space, not the internet.
 */
export const check = defineAzureCheck(
  {
    id: 'azure-sql-firewall-allows-azure-services',
    title: 'SQL server firewall allows access from all Azure services',
    service: 'sql',
    resourceType: 'Microsoft.Sql/servers',
    severity: 'low',
    description: 'Checks whether the SQL logical server has the 0.0.0.0–0.0.0.0 rule (\'Allow Azure services and resources to access this server\', AllowAllWindowsAzureIps), which admits connections from any Azure tenant\'s services, not only yours.',
    risk: 'Any workload in any Azure subscription, including an attacker\'s, can reach the server endpoint and try to log in; only the credentials stand in the way.',
    remediation: {
      text: 'Remove the rule and allow your services through virtual network rules or private endpoints.',
      cli: 'az sql server firewall-rule delete --resource-group <RESOURCE_GROUP> --server <SERVER_NAME> --name AllowAllWindowsAzureIps',
      url: 'https://learn.microsoft.com/azure/azure-sql/database/firewall-configure#connections-from-inside-azure',
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
      const azure = rules.find((rule) => rule.startIpAddress === '0.0.0.0' && rule.endIpAddress === '0.0.0.0');
      if (!azure) return [pass(server.id, server.location, 'Azure services are not admitted wholesale', tagsOf(server))];
      return [fail(server.id, server.location, `Firewall rule ${azure.name} (0.0.0.0) admits every Azure service, of any tenant`, tagsOf(server))];
    }),
);
