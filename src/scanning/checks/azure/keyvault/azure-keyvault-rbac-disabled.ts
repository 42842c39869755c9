import { defineAzureCheck, fail, forEachResource, pass, tagsOf } from '../lib/helpers.js';

export const check = defineAzureCheck(
  {
    id: 'azure-keyvault-rbac-disabled',
    title: 'Key vault uses access policies instead of Azure RBAC',
    service: 'keyvault',
    resourceType: 'Microsoft.KeyVault/vaults',
    severity: 'medium',
    description: 'Checks that the key vault uses the Azure role-based access control permission model (enableRbacAuthorization) rather than vault access policies.',
    risk: 'Access policies grant broad per-vault permissions outside Azure RBAC: they are not covered by PIM, deny assignments or central access reviews, and anyone with Contributor on the vault can grant themselves data access.',
    remediation: {
      text: 'Migrate the vault to the Azure RBAC permission model after assigning the equivalent Key Vault data-plane roles.',
      cli: 'az keyvault update --resource-group <RESOURCE_GROUP> --name <VAULT_NAME> --enable-rbac-authorization true',
      url: 'https://learn.microsoft.com/azure/key-vault/general/rbac-migration',
    },
    compliance: {
      'cis-azure-3.0': ['3.3.6'],
      soc2: ['CC6.1', 'CC6.3'],
      'iso27001-2022': ['A.5.15', 'A.5.18', 'A.8.2'],
      'nist-800-53-r5': ['AC-2', 'AC-3', 'AC-6'],
      'nist-csf-2.0': ['PR.AA-05'],
      'pci-dss-4.0': ['7.2.1'],
      hipaa: ['164.308(a)(4)(ii)(B)'],
      gdpr: ['Art.32'],
    },
    needs: ['keyvault.vaults'],
  },
  (snapshot) =>
    forEachResource(snapshot, 'keyvault.vaults', 'Microsoft.KeyVault/vaults', (vault) =>
      vault.enableRbacAuthorization !== true ? fail(vault.id, vault.location, 'The vault uses access policies (RBAC authorization is off)', tagsOf(vault)) : pass(vault.id, vault.location, 'The vault uses Azure RBAC authorization', tagsOf(vault)),
    ),
);
