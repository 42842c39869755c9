import { defineAzureCheck, fail, forEachResource, pass, tagsOf } from '../lib/helpers.js';

const MODERN = new Set(['TLS1_2', 'TLS1_3']);

/**
 * An unset minimum is the service default, TLS 1.0 for accounts created before November 2024.
 */
export const check = defineAzureCheck(
  {
    id: 'azure-storage-min-tls-below-1-2',
    title: 'Storage account accepts TLS versions below 1.2',
    service: 'storage',
    resourceType: 'Microsoft.Storage/storageAccounts',
    severity: 'medium',
    description: 'Checks that the minimum TLS version of the storage account is TLS 1.2 or later.',
    risk: 'TLS 1.0 and 1.1 have known weaknesses (BEAST, weak cipher suites) and are deprecated; clients that negotiate them can have their traffic decrypted or downgraded.',
    remediation: {
      text: 'Set the minimum TLS version of the account to TLS 1.2 after checking that clients support it.',
      cli: 'az storage account update --resource-group <RESOURCE_GROUP> --name <ACCOUNT_NAME> --min-tls-version TLS1_2',
      url: 'https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version',
    },
    compliance: {
      'cis-azure-3.0': ['4.15'],
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
      !MODERN.has(account.minimumTlsVersion ?? '')
        ? fail(account.id, account.location, `The minimum TLS version is ${account.minimumTlsVersion ?? 'unset (TLS 1.0 by default)'}`, { ...tagsOf(account) })
        : pass(account.id, account.location, `The minimum TLS version is ${account.minimumTlsVersion ?? ''}`, tagsOf(account)),
    ),
);
