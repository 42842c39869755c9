import { defineAzureCheck, fail, forEachParent, pass, tagsOf } from '../lib/helpers.js';

export const check = defineAzureCheck(
  {
    id: 'azure-sql-auditing-disabled',
    title: 'SQL server auditing is not enabled',
    service: 'sql',
    resourceType: 'Microsoft.Sql/servers',
    severity: 'medium',
    description: 'Checks that server-level auditing (blob auditing policy) is enabled on the SQL logical server, which records database events for every database on it.',
    risk: 'Without auditing there is no record of logins, queries and permission changes, so a breach or misuse of the data cannot be detected or investigated.',
    remediation: {
      text: 'Enable server auditing to a storage account, Log Analytics workspace or Event Hub.',
      cli: 'az sql server audit-policy update --resource-group <RESOURCE_GROUP> --name <SERVER_NAME> --state Enabled --lats Enabled --lawri <WORKSPACE_ID>',
      url: 'https://learn.microsoft.com/azure/azure-sql/database/auditing-overview',
    },
    compliance: {
      'cis-azure-3.0': ['5.1.1'],
      soc2: ['CC7.2'],
      'iso27001-2022': ['A.8.15', 'A.8.16'],
      'nist-800-53-r5': ['AU-2', 'AU-12', 'SI-4'],
      'nist-csf-2.0': ['DE.CM-01', 'PR.PS-04'],
      'pci-dss-4.0': ['10.2.1'],
      hipaa: ['164.312(b)'],
      gdpr: ['Art.32'],
    },
    needs: ['sql.auditing'],
  },
  (snapshot) =>
    forEachParent(snapshot, 'sql.auditing', 'Microsoft.Sql/servers', (server, policy) => [
      policy.state === 'Enabled' ? pass(server.id, server.location, 'Server auditing is enabled', tagsOf(server)) : fail(server.id, server.location, `Server auditing is ${policy.state}`, tagsOf(server)),
    ]),
);
