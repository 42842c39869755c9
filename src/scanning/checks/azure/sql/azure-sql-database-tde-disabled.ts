import { defineAzureCheck, fail, forEachParent, pass, tagsOf, unknown } from '../lib/helpers.js';

/**
 * One result per user database; `master` is not evaluated (TDE cannot be set there).
 */
export const check = defineAzureCheck(
  {
    id: 'azure-sql-database-tde-disabled',
    title: 'SQL database transparent data encryption is off',
    service: 'sql',
    resourceType: 'Microsoft.Sql/servers/databases',
    severity: 'high',
    description: 'Checks that transparent data encryption (TDE) is enabled on every user database of the SQL server.',
    risk: 'Without TDE, database files, backups and transaction logs are stored unencrypted; whoever obtains a copy reads the data.',
    remediation: {
      text: 'Enable transparent data encryption on the database.',
      cli: 'az sql db tde set --resource-group <RESOURCE_GROUP> --server <SERVER_NAME> --database <DATABASE_NAME> --status Enabled',
      url: 'https://learn.microsoft.com/azure/azure-sql/database/transparent-data-encryption-tde-overview',
    },
    compliance: {
      'cis-azure-3.0': ['5.1.5'],
      soc2: ['CC6.1'],
      'iso27001-2022': ['A.8.24'],
      'nist-800-53-r5': ['SC-28', 'SC-28(1)', 'SC-13'],
      'nist-csf-2.0': ['PR.DS-01'],
      'pci-dss-4.0': ['3.5.1'],
      hipaa: ['164.312(a)(2)(iv)'],
      gdpr: ['Art.32'],
    },
    needs: ['sql.databases'],
  },
  (snapshot) =>
    forEachParent(snapshot, 'sql.databases', 'Microsoft.Sql/servers', (server, databases) =>
      databases.map((database) => {
        const tde = database.transparentDataEncryption;
        if (!tde.ok) return unknown(database.id, database.location, `Could not check: ${tde.error}`, tagsOf(server));
        return tde.value === 'Enabled'
          ? pass(database.id, database.location, 'Transparent data encryption is enabled', tagsOf(server))
          : fail(database.id, database.location, `Transparent data encryption is ${tde.value}`, tagsOf(server));
      }),
    ),
);
