import { defineAzureCheck, fail, forEachResource, pass, tagsOf } from '../lib/helpers.js';

/**
 * An unset value passes: soft delete is on by default for every vault since 2020 and cannot be turned off.
 */
export const check = defineAzureCheck(
  {
    id: 'azure-keyvault-soft-delete-disabled',
    title: 'Key vault does not have soft delete enabled',
    service: 'keyvault',
    resourceType: 'Microsoft.KeyVault/vaults',
    severity: 'high',
    description: 'Checks that soft delete is enabled on the key vault, so that deleted vaults, keys, secrets and certificates can be recovered during the retention period.',
    risk: 'Without soft delete, a mistaken or malicious deletion destroys keys for good, and with them every piece of data encrypted under those keys.',
    remediation: {
      text: 'Enable soft delete on the vault (it is on by default for new vaults and cannot be turned off once on).',
      cli: 'az keyvault update --resource-group <RESOURCE_GROUP> --name <VAULT_NAME> --enable-soft-delete true',
      url: 'https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview',
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
      vault.enableSoftDelete === false ? fail(vault.id, vault.location, 'Soft delete is disabled', tagsOf(vault)) : pass(vault.id, vault.location, 'Soft delete is enabled', tagsOf(vault)),
    ),
);
