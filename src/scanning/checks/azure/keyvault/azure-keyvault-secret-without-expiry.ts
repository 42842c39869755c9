import { defineAzureCheck, fail, forEachParent, pass, tagsOf } from '../lib/helpers.js';

/**
 * Disabled secrets are not evaluated: they cannot be read.
 */
export const check = defineAzureCheck(
  {
    id: 'azure-keyvault-secret-without-expiry',
    title: 'Key vault secret has no expiration date',
    service: 'keyvault',
    resourceType: 'Microsoft.KeyVault/vaults/secrets',
    severity: 'medium',
    description: 'Checks that every enabled secret in the vault (RBAC and access-policy vaults alike) has an expiration date set; Resource Manager lists secrets with their attributes, never their values.',
    risk: 'Secrets without an expiry are never forced into rotation; a leaked password or connection string stays valid indefinitely.',
    remediation: {
      text: 'Set an expiration date on the secret and rotate it before it expires.',
      cli: 'az keyvault secret set-attributes --vault-name <VAULT_NAME> --name <SECRET_NAME> --expires <YYYY-MM-DDTHH:MM:SSZ>',
      url: 'https://learn.microsoft.com/azure/key-vault/secrets/tutorial-rotation',
    },
    compliance: {
      'cis-azure-3.0': ['3.3.3', '3.3.4'],
      soc2: ['CC6.1'],
      'iso27001-2022': ['A.8.24', 'A.5.17'],
      'nist-800-53-r5': ['SC-12', 'IA-5(1)'],
      'nist-csf-2.0': ['PR.DS-01', 'PR.AA-01'],
      'pci-dss-4.0': ['3.7.4', '8.3.9'],
      hipaa: ['164.312(a)(2)(iv)'],
      gdpr: ['Art.32'],
    },
    needs: ['keyvault.secrets'],
  },
  (snapshot) =>
    forEachParent(snapshot, 'keyvault.secrets', 'Microsoft.KeyVault/vaults', (vault, items) =>
      items
        .filter((item) => item.enabled)
        .map((item) =>
          item.expires
            ? pass(item.id, vault.location, `The secret expires on ${item.expires.slice(0, 10)}`, tagsOf(vault))
            : fail(item.id, vault.location, `The secret ${item.name} in vault ${vault.name} has no expiration date`, tagsOf(vault)),
        ),
    ),
);
