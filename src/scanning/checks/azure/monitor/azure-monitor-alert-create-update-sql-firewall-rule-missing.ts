import { alertFor } from '../lib/activity-log.js';
import { defineAzureCheck } from '../lib/helpers.js';

export const check = defineAzureCheck(
  {
    id: 'azure-monitor-alert-create-update-sql-firewall-rule-missing',
    title: 'No activity log alert for \'Create or Update SQL Server Firewall Rule\'',
    service: 'monitor',
    resourceType: 'Microsoft.Resources/subscriptions',
    severity: 'low',
    description: 'Checks that the subscription has an enabled activity log alert, scoped to the subscription, that fires when a SQL server firewall rule is created or changed (operation Microsoft.Sql/servers/firewallRules/write).',
    risk: 'Without the alert nobody is told when a SQL server firewall rule is created or changed: a firewall rule opening a database server to the internet goes unnoticed.',
    remediation: {
      text: 'Create an activity log alert on the subscription for the operation Microsoft.Sql/servers/firewallRules/write, with an action group that notifies the security team.',
      cli: 'az monitor activity-log alert create --resource-group <RESOURCE_GROUP> --name <ALERT_NAME> --scope /subscriptions/<SUBSCRIPTION_ID> --condition category=Administrative and operationName=Microsoft.Sql/servers/firewallRules/write --action-group <ACTION_GROUP_ID>',
      url: 'https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-create-activity-log-alert-rule',
    },
    compliance: {
      'cis-azure-3.0': ['6.2.7'],
      soc2: ['CC7.2', 'CC7.3'],
      'iso27001-2022': ['A.8.16'],
      'nist-800-53-r5': ['AU-6', 'SI-4', 'CM-3'],
      'nist-csf-2.0': ['DE.CM-01', 'DE.AE-02'],
      'pci-dss-4.0': ['10.4.1', '10.7.2'],
      hipaa: ['164.308(a)(1)(ii)(D)', '164.312(b)'],
      gdpr: ['Art.32', 'Art.33'],
    },
    needs: ['monitor.activityLogAlerts'],
  },
  (snapshot) => alertFor(snapshot, 'Microsoft.Sql/servers/firewallRules/write'),
);
