import { defineAzureCheck, fail, forEachResource, pass, tagsOf } from '../lib/helpers.js';

export const check = defineAzureCheck(
  {
    id: 'azure-storage-infrastructure-encryption-disabled',
    title: 'Storage account does not use infrastructure (double) encryption',
    service: 'storage',
    resourceType: 'Microsoft.Storage/storageAccounts',
    severity: 'low',
    description: 'Checks that infrastructure encryption (requireInfrastructureEncryption) is enabled, so data is encrypted twice at rest, at the service and at the infrastructure level, with different algorithms and keys.',
    risk: 'Without the second layer, a compromise of one encryption algorithm or key leaves data at rest readable; regulated data may require double encryption.',
    remediation: {
      text: 'Infrastructure encryption can only be chosen when an account is created: create a new account with it enabled and move the data.',
      cli: 'az storage account create --resource-group <RESOURCE_GROUP> --name <NEW_ACCOUNT_NAME> --location <LOCATION> --require-infrastructure-encryption',
      url: 'https://learn.microsoft.com/azure/storage/common/infrastructure-encryption-enable',
    },
    compliance: {
      'cis-azure-3.0': ['4.2'],
      soc2: ['CC6.1'],
      'iso27001-2022': ['A.8.24'],
      'nist-800-53-r5': ['SC-28', 'SC-28(1)', 'SC-13'],
      'nist-csf-2.0': ['PR.DS-01'],
      'pci-dss-4.0': ['3.5.1'],
      hipaa: ['164.312(a)(2)(iv)'],
      gdpr: ['Art.32'],
    },
    needs: ['storage.accounts'],
  },
  (snapshot) =>
    forEachResource(snapshot, 'storage.accounts', 'Microsoft.Storage/storageAccounts', (account) =>
      account.requireInfrastructureEncryption !== true
        ? fail(account.id, account.location, 'Infrastructure (double) encryption is not enabled', { ...tagsOf(account) })
        : pass(account.id, account.location, 'Infrastructure (double) encryption is enabled', tagsOf(account)),
    ),
);
