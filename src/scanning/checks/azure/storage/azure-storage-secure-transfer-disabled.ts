import { defineAzureCheck, fail, forEachResource, pass, tagsOf } from '../lib/helpers.js';

export const check = defineAzureCheck(
  {
    id: 'azure-storage-secure-transfer-disabled',
    title: 'Storage account does not require secure transfer (HTTPS)',
    service: 'storage',
    resourceType: 'Microsoft.Storage/storageAccounts',
    severity: 'high',
    description: 'Checks that \'Secure transfer required\' (supportsHttpsTrafficOnly) is enabled on the storage account, so that REST requests over plain HTTP and SMB without encryption are refused.',
    risk: 'Requests over plain HTTP expose shared keys, SAS tokens and data to anyone on the network path, who can read or alter them.',
    remediation: {
      text: 'Enable \'Secure transfer required\' on the storage account.',
      cli: 'az storage account update --resource-group <RESOURCE_GROUP> --name <ACCOUNT_NAME> --https-only true',
      url: 'https://learn.microsoft.com/azure/storage/common/storage-require-secure-transfer',
    },
    compliance: {
      'cis-azure-3.0': ['4.1'],
      soc2: ['CC6.1', 'CC6.7'],
      'iso27001-2022': ['A.8.24'],
      'nist-800-53-r5': ['SC-8', 'SC-8(1)', 'SC-13'],
      'nist-csf-2.0': ['PR.DS-02'],
      'pci-dss-4.0': ['4.2.1'],
      hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
      gdpr: ['Art.32'],
    },
    needs: ['storage.accounts'],
  },
  (snapshot) =>
    forEachResource(snapshot, 'storage.accounts', 'Microsoft.Storage/storageAccounts', (account) =>
      account.enableHttpsTrafficOnly === false
        ? fail(account.id, account.location, 'Secure transfer required is off: the account accepts plain HTTP requests', { ...tagsOf(account) })
        : pass(account.id, account.location, 'Secure transfer (HTTPS only) is required', tagsOf(account)),
    ),
);
