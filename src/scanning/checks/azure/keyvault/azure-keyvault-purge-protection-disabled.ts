import { defineAzureCheck, fail, forEachResource, pass, tagsOf } from '../lib/helpers.js';

export const check = defineAzureCheck(
  {
    id: 'azure-keyvault-purge-protection-disabled',
    title: 'Key vault does not have purge protection enabled',
    service: 'keyvault',
    resourceType: 'Microsoft.KeyVault/vaults',
    severity: 'medium',
    description: 'Checks that purge protection is enabled on the key vault, so that soft-deleted vaults and objects cannot be purged before the retention period ends.',
    risk: 'Without purge protection, an attacker or insider with the right permissions can delete and immediately purge keys, making encrypted data unrecoverable (a ransomware pattern).',
    remediation: {
      text: 'Enable purge protection on the vault (it cannot be turned off again).',
      cli: 'az keyvault update --resource-group <RESOURCE_GROUP> --name <VAULT_NAME> --enable-purge-protection true',
      url: 'https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview#purge-protection',
    },
    compliance: {
      'cis-azure-3.0': ['3.3.5'],
      soc2: ['CC6.1', 'A1.2'],
      'iso27001-2022': ['A.8.13', 'A.8.24'],
      'nist-800-53-r5': ['CP-9', 'SC-12'],
      'nist-csf-2.0': ['PR.DS-11'],
      'pci-dss-4.0': ['3.6.1'],
      hipaa: ['164.308(a)(7)(ii)(A)'],
      gdpr: ['Art.32'],
    },
    needs: ['keyvault.vaults'],
  },
  (snapshot) =>
    forEachResource(snapshot, 'keyvault.vaults', 'Microsoft.KeyVault/vaults', (vault) =>
      vault.enablePurgeProtection !== true ? fail(vault.id, vault.location, 'Purge protection is not enabled', tagsOf(vault)) : pass(vault.id, vault.location, 'Purge protection is enabled', tagsOf(vault)),
    ),
);
