import { defineAzureCheck, fail, forEachSubscription, pass } from '../lib/helpers.js';

/** Plan name → what it protects. Plans the subscription does not offer are not reported. */
const PLANS: Record<string, string> = {
  VirtualMachines: 'Servers',
  AppServices: 'App Service',
  SqlServers: 'Azure SQL Databases',
  SqlServerVirtualMachines: 'SQL servers on machines',
  OpenSourceRelationalDatabases: 'Open-source relational databases',
  CosmosDbs: 'Azure Cosmos DB',
  StorageAccounts: 'Storage',
  Containers: 'Containers',
  KeyVaults: 'Key Vault',
  Arm: 'Resource Manager',
};

/**
 * One result per plan, reported on the plan's id (`/subscriptions/<id>/providers/Microsoft.Security/pricings/<plan>`).
 */
export const check = defineAzureCheck(
  {
    id: 'azure-defender-plans-off',
    title: 'Microsoft Defender for Cloud plan is not enabled',
    service: 'defender',
    resourceType: 'Microsoft.Security/pricings',
    severity: 'medium',
    description: 'Checks that the Microsoft Defender for Cloud plans CIS asks for (Servers, App Service, Azure SQL, SQL on machines, open-source databases, Cosmos DB, Storage, Containers, Key Vault, Resource Manager) are on the Standard tier in the subscription.',
    risk: 'Without the plan, threats against that resource type (malware, brute force, anomalous data access, suspicious management operations) are neither detected nor alerted on.',
    remediation: {
      text: 'Turn the plan on (Standard tier) for the subscription.',
      cli: 'az security pricing create --name <PLAN_NAME> --tier Standard',
      url: 'https://learn.microsoft.com/azure/defender-for-cloud/enable-enhanced-security',
    },
    compliance: {
      'cis-azure-3.0': ['3.1.3.1', '3.1.4.1', '3.1.5.1', '3.1.6.1', '3.1.7.1', '3.1.7.2', '3.1.7.3', '3.1.7.4', '3.1.8.1', '3.1.9.1'],
      soc2: ['CC7.1', 'CC7.2'],
      'iso27001-2022': ['A.8.7', 'A.8.8', 'A.8.16'],
      'nist-800-53-r5': ['RA-5', 'SI-3', 'SI-4'],
      'nist-csf-2.0': ['DE.CM-01', 'ID.RA-01'],
      'pci-dss-4.0': ['5.2.1', '11.5.1'],
      hipaa: ['164.308(a)(1)(ii)(A)', '164.308(a)(5)(ii)(B)'],
      gdpr: ['Art.32'],
    },
    needs: ['security.pricings'],
  },
  (snapshot) =>
    forEachSubscription(snapshot, 'security.pricings', (plans, subscription) =>
      plans.flatMap((plan) => {
        const label = PLANS[plan.name];
        if (!label) return [];
        const id = plan.id || `/subscriptions/${subscription.subscriptionId}/providers/Microsoft.Security/pricings/${plan.name}`;
        return [plan.pricingTier === 'Standard' ? pass(id, 'global', `Defender for ${label} is on`) : fail(id, 'global', `Defender for ${label} is off (${plan.pricingTier} tier)`)];
      }),
    ),
);
