import { defineAzureCheck, fail, forEachParent, pass, tagsOf } from '../lib/helpers.js';

/**
 * Disabled keys are not evaluated: they cannot be used.
 */
export const check = defineAzureCheck(
  {
    id: 'azure-keyvault-key-without-expiry',
    title: 'Key vault key has no expiration date',
    service: 'keyvault',
    resourceType: 'Microsoft.KeyVault/vaults/keys',
    severity: 'medium',
    description: 'Checks that every enabled key in the vault (RBAC and access-policy vaults alike) has an expiration date set, as Resource Manager lists the keys with their attributes.',
    risk: 'Keys without an expiry are never forced into rotation; a key that leaked stays valid for as long as it exists, and the amount of data under one key keeps growing.',
    remediation: {
      text: 'Set an expiration date on the key, or a rotation policy that creates new versions with one.',
      cli: 'az keyvault key set-attributes --vault-name <VAULT_NAME> --name <KEY_NAME> --expires <YYYY-MM-DDTHH:MM:SSZ>',
      url: 'https://learn.microsoft.com/azure/key-vault/keys/how-to-configure-key-rotation',
    },
    compliance: {
      'cis-azure-3.0': ['3.3.1', '3.3.2'],
      soc2: ['CC6.1'],
      'iso27001-2022': ['A.8.24', 'A.5.17'],
      'nist-800-53-r5': ['SC-12', 'IA-5(1)'],
      'nist-csf-2.0': ['PR.DS-01', 'PR.AA-01'],
      'pci-dss-4.0': ['3.7.4', '8.3.9'],
      hipaa: ['164.312(a)(2)(iv)'],
      gdpr: ['Art.32'],
    },
    needs: ['keyvault.keys'],
  },
  (snapshot) =>
    forEachParent(snapshot, 'keyvault.keys', 'Microsoft.KeyVault/vaults', (vault, items) =>
      items
        .filter((item) => item.enabled)
        .map((item) =>
          item.expires
            ? pass(item.id, vault.location, `The key expires on ${item.expires.slice(0, 10)}`, tagsOf(vault))
            : fail(item.id, vault.location, `The key ${item.name} in vault ${vault.name} has no expiration date`, tagsOf(vault)),
        ),
    ),
);
