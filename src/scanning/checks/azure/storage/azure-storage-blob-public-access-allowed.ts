import { defineAzureCheck, fail, forEachResource, pass, tagsOf } from '../lib/helpers.js';

/**
 * An account that does not report the setting was created before it existed and allows anonymous access unless
 * it was turned off (the API then reports false), so a missing value fails too.
 */
export const check = defineAzureCheck(
  {
    id: 'azure-storage-blob-public-access-allowed',
    title: 'Storage account allows anonymous (public) blob access',
    service: 'storage',
    resourceType: 'Microsoft.Storage/storageAccounts',
    severity: 'high',
    description: 'Checks that \'Allow Blob anonymous access\' (allowBlobPublicAccess) is off for the storage account, so no container in it can be made publicly readable.',
    risk: 'With anonymous access allowed, one container set to Blob or Container access level publishes its data to anyone on the internet without any credential or log of who read it.',
    remediation: {
      text: 'Disallow anonymous blob access on the account; share data with SAS tokens or Entra ID instead.',
      cli: 'az storage account update --resource-group <RESOURCE_GROUP> --name <ACCOUNT_NAME> --allow-blob-public-access false',
      url: 'https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-prevent',
    },
    compliance: {
      'cis-azure-3.0': ['4.17'],
      soc2: ['CC6.1', 'CC6.6'],
      'iso27001-2022': ['A.5.15', 'A.8.3'],
      'nist-800-53-r5': ['AC-3', 'AC-21', 'SC-7'],
      'nist-csf-2.0': ['PR.AA-05', 'PR.DS-01'],
      'pci-dss-4.0': ['1.4.1', '7.2.1'],
      hipaa: ['164.312(a)(1)'],
      gdpr: ['Art.25', 'Art.32'],
    },
    needs: ['storage.accounts'],
  },
  (snapshot) =>
    forEachResource(snapshot, 'storage.accounts', 'Microsoft.Storage/storageAccounts', (account) =>
      account.allowBlobPublicAccess !== false
        ? fail(account.id, account.location, account.allowBlobPublicAccess === true ? 'Anonymous blob access is allowed on the account' : 'Anonymous blob access is not disallowed (the setting is unset, which older accounts treat as allowed)', { ...tagsOf(account), exposed: true })
        : pass(account.id, account.location, 'Anonymous blob access is disallowed', tagsOf(account)),
    ),
);
