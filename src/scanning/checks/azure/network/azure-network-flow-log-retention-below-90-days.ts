import { defineAzureCheck, fail, forEachParent, pass } from '../lib/helpers.js';

const MIN_DAYS = 90;

export const check = defineAzureCheck(
  {
    id: 'azure-network-flow-log-retention-below-90-days',
    title: 'Flow log retention is shorter than 90 days',
    service: 'network',
    resourceType: 'Microsoft.Network/networkWatchers/flowLogs',
    severity: 'medium',
    description: 'Checks that every NSG or virtual network flow log keeps its records for at least 90 days (retention enabled with 90 days or more, or 0 days: forever).',
    risk: 'Intrusions are often found months later; with short retention the network record of how the attacker got in and what left is gone when it is needed.',
    remediation: {
      text: 'Enable retention on the flow log and set it to 90 days or more.',
      cli: 'az network watcher flow-log update --location <LOCATION> --name <FLOW_LOG_NAME> --retention 90',
      url: 'https://learn.microsoft.com/azure/network-watcher/nsg-flow-logs-overview',
    },
    compliance: {
      'cis-azure-3.0': ['7.5'],
      soc2: ['CC7.2'],
      'iso27001-2022': ['A.8.15'],
      'nist-800-53-r5': ['AU-11', 'AU-4'],
      'nist-csf-2.0': ['PR.PS-04'],
      'pci-dss-4.0': ['10.5.1'],
      hipaa: ['164.312(b)', '164.316(b)(2)(i)'],
      gdpr: ['Art.32'],
    },
    needs: ['network.flowLogs'],
  },
  (snapshot) =>
    forEachParent(snapshot, 'network.flowLogs', 'Microsoft.Network/networkWatchers', (watcher, logs) =>
      logs.map((log) => {
        if (!log.retentionEnabled) return fail(log.id, watcher.location, 'Retention is not enabled: records are not kept by policy');
        if (log.retentionDays === 0) return pass(log.id, watcher.location, 'Records are kept forever (retention 0 days)');
        if (log.retentionDays < MIN_DAYS) return fail(log.id, watcher.location, `Records are kept ${log.retentionDays} days, fewer than ${MIN_DAYS}`);
        return pass(log.id, watcher.location, `Records are kept ${log.retentionDays} days`);
      }),
    ),
);
