import { defineAzureCheck, fail, forEachResource, pass, tagsOf } from '../lib/helpers.js';

export const check = defineAzureCheck(
  {
    id: 'azure-storage-network-default-allow',
    title: 'Storage account network access default action is Allow',
    service: 'storage',
    resourceType: 'Microsoft.Storage/storageAccounts',
    severity: 'medium',
    description: 'Checks that the storage account\'s firewall denies network access by default (networkAcls.defaultAction Deny), admitting only selected networks, IP ranges and private endpoints.',
    risk: 'With the default action Allow, the account endpoints accept connections from any network on the internet; a leaked key or SAS token is then usable from anywhere.',
    remediation: {
      text: 'Set the default network action to Deny and allow the virtual networks, IP ranges or private endpoints that need access.',
      cli: 'az storage account update --resource-group <RESOURCE_GROUP> --name <ACCOUNT_NAME> --default-action Deny',
      url: 'https://learn.microsoft.com/azure/storage/common/storage-network-security',
    },
    compliance: {
      'cis-azure-3.0': ['4.7'],
      soc2: ['CC6.1', 'CC6.6'],
      'iso27001-2022': ['A.8.20', 'A.8.22'],
      'nist-800-53-r5': ['AC-4', 'SC-7'],
      'nist-csf-2.0': ['PR.IR-01'],
      'pci-dss-4.0': ['1.3.1', '1.4.1'],
      hipaa: ['164.312(a)(1)', '164.312(e)(1)'],
      gdpr: ['Art.32'],
    },
    needs: ['storage.accounts'],
  },
  (snapshot) =>
    forEachResource(snapshot, 'storage.accounts', 'Microsoft.Storage/storageAccounts', (account) =>
      account.networkDefaultAction !== 'Deny'
        ? fail(account.id, account.location, `The network default action is ${account.networkDefaultAction ?? 'Allow (no network rule set)'}: every network may connect`, { ...tagsOf(account), exposed: true })
        : pass(account.id, account.location, 'The network default action is Deny', tagsOf(account)),
    ),
);
