import { defineAzureCheck, fail, forEachResource, pass, tagsOf } from '../lib/helpers.js';

export const check = defineAzureCheck(
  {
    id: 'azure-storage-shared-key-access-allowed',
    title: 'Storage account allows Shared Key authorization',
    service: 'storage',
    resourceType: 'Microsoft.Storage/storageAccounts',
    severity: 'medium',
    description: 'Checks that \'Allow storage account key access\' (allowSharedKeyAccess) is off, so requests must be authorized with Microsoft Entra ID rather than the account keys or SAS tokens signed with them.',
    risk: 'Account keys grant full control of all data in the account, never expire, and leave no per-user trace; a leaked key or key-signed SAS is usable until the key is rotated.',
    remediation: {
      text: 'Move clients to Microsoft Entra ID authorization and then disallow Shared Key access on the account.',
      cli: 'az storage account update --resource-group <RESOURCE_GROUP> --name <ACCOUNT_NAME> --allow-shared-key-access false',
      url: 'https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent',
    },
    compliance: {
      soc2: ['CC6.1'],
      'iso27001-2022': ['A.5.17', 'A.8.5'],
      'nist-800-53-r5': ['AC-2', 'IA-2', 'IA-5'],
      'nist-csf-2.0': ['PR.AA-01', 'PR.AA-03'],
      'pci-dss-4.0': ['8.3.1', '8.6.3'],
      hipaa: ['164.312(d)'],
      gdpr: ['Art.32'],
    },
    needs: ['storage.accounts'],
  },
  (snapshot) =>
    forEachResource(snapshot, 'storage.accounts', 'Microsoft.Storage/storageAccounts', (account) =>
      account.allowSharedKeyAccess !== false
        ? fail(account.id, account.location, account.allowSharedKeyAccess === true ? 'Shared Key authorization is allowed' : 'Shared Key authorization is not disallowed (unset means allowed)', { ...tagsOf(account) })
        : pass(account.id, account.location, 'Shared Key authorization is disallowed', tagsOf(account)),
    ),
);
