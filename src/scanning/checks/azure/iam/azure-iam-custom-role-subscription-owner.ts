import { defineAzureCheck, fail, forEachSubscription, pass } from '../lib/helpers.js';

/**
 * One result per custom role; a role only assignable to resource groups or resources passes.
 */
export const check = defineAzureCheck(
  {
    id: 'azure-iam-custom-role-subscription-owner',
    title: 'Custom role grants all actions (\'*\') at subscription scope',
    service: 'iam',
    resourceType: 'Microsoft.Authorization/roleDefinitions',
    severity: 'high',
    description: 'Checks for custom role definitions whose actions include \'*\' and that are assignable at the subscription (or root) scope: custom subscription owner roles.',
    risk: 'A custom \'*\' role is an Owner equivalent that escapes reviews of the built-in Owner role; anyone assigned it controls every resource and every access grant in the subscription.',
    remediation: {
      text: 'Replace the custom role with the built-in roles that grant only what is needed, and delete it.',
      cli: 'az role definition delete --name <ROLE_NAME> --scope /subscriptions/<SUBSCRIPTION_ID>',
      url: 'https://learn.microsoft.com/azure/role-based-access-control/custom-roles',
    },
    compliance: {
      'cis-azure-3.0': ['2.23'],
      soc2: ['CC6.1', 'CC6.3'],
      'iso27001-2022': ['A.5.15', 'A.5.18', 'A.8.2'],
      'nist-800-53-r5': ['AC-2', 'AC-6', 'AC-6(1)'],
      'nist-csf-2.0': ['PR.AA-05'],
      'pci-dss-4.0': ['7.2.1', '7.2.2'],
      hipaa: ['164.308(a)(4)(ii)(B)', '164.308(a)(3)(ii)(A)'],
      gdpr: ['Art.25', 'Art.32'],
    },
    needs: ['authorization.customRoles'],
  },
  (snapshot) =>
    forEachSubscription(snapshot, 'authorization.customRoles', (roles, subscription) => {
      const subscriptionScope = `/subscriptions/${subscription.subscriptionId}`.toLowerCase();
      return roles.map((role) => {
        const broad = role.assignableScopes.filter((scope) => scope === '/' || scope.toLowerCase().replace(/\/+$/, '') === subscriptionScope);
        const wildcard = role.actions.includes('*');
        if (wildcard && broad.length > 0) return fail(role.id, 'global', `Custom role ${role.roleName} grants '*' and is assignable at ${broad.join(', ')}`);
        return pass(role.id, 'global', wildcard ? `Custom role ${role.roleName} grants '*' but only below the subscription` : `Custom role ${role.roleName} does not grant '*'`);
      });
    }),
);
