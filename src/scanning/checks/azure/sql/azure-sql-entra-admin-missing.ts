import { defineAzureCheck, fail, forEachParent, pass, tagsOf } from '../lib/helpers.js';

export const check = defineAzureCheck(
  {
    id: 'azure-sql-entra-admin-missing',
    title: 'SQL server has no Microsoft Entra administrator',
    service: 'sql',
    resourceType: 'Microsoft.Sql/servers',
    severity: 'medium',
    description: 'Checks that a Microsoft Entra ID (Azure AD) administrator is configured on the SQL logical server, which enables Entra authentication for its databases.',
    risk: 'Without Entra authentication, access relies on SQL logins and passwords only: no MFA, no conditional access, no central disabling of a leaver.',
    remediation: {
      text: 'Set a Microsoft Entra group as the server administrator and move users to Entra authentication.',
      cli: 'az sql server ad-admin create --resource-group <RESOURCE_GROUP> --server-name <SERVER_NAME> --display-name <GROUP_NAME> --object-id <GROUP_OBJECT_ID>',
      url: 'https://learn.microsoft.com/azure/azure-sql/database/authentication-aad-configure',
    },
    compliance: {
      'cis-azure-3.0': ['5.1.4'],
      soc2: ['CC6.1', 'CC6.2'],
      'iso27001-2022': ['A.5.16', 'A.8.5'],
      'nist-800-53-r5': ['AC-2', 'IA-2'],
      'nist-csf-2.0': ['PR.AA-01'],
      'pci-dss-4.0': ['8.2.1'],
      hipaa: ['164.312(d)'],
      gdpr: ['Art.32'],
    },
    needs: ['sql.administrators'],
  },
  (snapshot) =>
    forEachParent(snapshot, 'sql.administrators', 'Microsoft.Sql/servers', (server, admins) => [
      admins.length > 0
        ? pass(server.id, server.location, `Entra administrator: ${admins.map((admin) => admin.login).join(', ')}`, tagsOf(server))
        : fail(server.id, server.location, 'No Microsoft Entra administrator is configured', tagsOf(server)),
    ]),
);
