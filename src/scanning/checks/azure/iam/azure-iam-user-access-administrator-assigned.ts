import { defineAzureCheck, fail, forEachSubscription, pass, subscriptionScope } from '../lib/helpers.js';

/** The built-in User Access Administrator role's id, the same in every tenant. */
const USER_ACCESS_ADMINISTRATOR = '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9';

/**
 * One result per subscription, listing the principals and scopes.
 */
export const check = defineAzureCheck(
  {
    id: 'azure-iam-user-access-administrator-assigned',
    title: 'User Access Administrator role is assigned in the subscription',
    service: 'iam',
    resourceType: 'Microsoft.Resources/subscriptions',
    severity: 'high',
    description: 'Checks for standing assignments of the built-in User Access Administrator role in the subscription (at the subscription, a resource group or a resource, or inherited from the root scope).',
    risk: 'User Access Administrator can grant any role, Owner included, to anyone: a holder can take over the subscription; a leftover root-scope elevation of a Global Administrator is the classic case.',
    remediation: {
      text: 'Remove the assignment; grant access management just-in-time through Privileged Identity Management, and remove root-scope elevation after use.',
      cli: 'az role assignment delete --assignee <PRINCIPAL_ID> --role "User Access Administrator" --scope <SCOPE>',
      url: 'https://learn.microsoft.com/azure/role-based-access-control/elevate-access-global-admin',
    },
    compliance: {
      soc2: ['CC6.1', 'CC6.3'],
      'iso27001-2022': ['A.5.15', 'A.5.18', 'A.8.2'],
      'nist-800-53-r5': ['AC-2', 'AC-6', 'AC-6(1)'],
      'nist-csf-2.0': ['PR.AA-05'],
      'pci-dss-4.0': ['7.2.1', '7.2.2'],
      hipaa: ['164.308(a)(4)(ii)(B)', '164.308(a)(3)(ii)(A)'],
      gdpr: ['Art.25', 'Art.32'],
    },
    needs: ['authorization.roleAssignments'],
  },
  (snapshot) =>
    forEachSubscription(snapshot, 'authorization.roleAssignments', (assignments, subscription) => {
      const scope = subscriptionScope(subscription);
      const holders = assignments.filter((assignment) => assignment.roleDefinitionId.toLowerCase().endsWith(`/${USER_ACCESS_ADMINISTRATOR}`));
      if (holders.length === 0) return [pass(scope, 'global', 'No User Access Administrator assignment')];
      const who = holders.map((holder) => `${holder.principalType} ${holder.principalId} at ${holder.scope}`).join('; ');
      return [fail(scope, 'global', `User Access Administrator is assigned to ${who}`)];
    }),
);
