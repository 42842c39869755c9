import { defineAzureCheck, fail, forEachSubscription, partOf, pass, unknown } from '../lib/helpers.js';

/**
 * One result per region in use (the regions of the virtual networks), reported on the region:
 * `/subscriptions/<id>/providers/Microsoft.Network/locations/<region>`.
 */
export const check = defineAzureCheck(
  {
    id: 'azure-network-watcher-disabled',
    title: 'Network Watcher is not enabled in a region with virtual networks',
    service: 'network',
    resourceType: 'Microsoft.Network/locations',
    severity: 'medium',
    description: 'Checks that every region where the subscription has virtual networks has a Network Watcher, which flow logs, connection troubleshooting and topology need.',
    risk: 'Without Network Watcher in a region, its traffic cannot be logged or diagnosed, so an intrusion or exfiltration over the network leaves no record.',
    remediation: {
      text: 'Enable Network Watcher in the region (Azure does this automatically unless it was opted out).',
      cli: 'az network watcher configure --resource-group NetworkWatcherRG --locations <LOCATION> --enabled true',
      url: 'https://learn.microsoft.com/azure/network-watcher/network-watcher-create',
    },
    compliance: {
      'cis-azure-3.0': ['7.6'],
      soc2: ['CC7.2'],
      'iso27001-2022': ['A.8.15', 'A.8.16'],
      'nist-800-53-r5': ['AU-2', 'AU-12', 'SI-4'],
      'nist-csf-2.0': ['DE.CM-01', 'PR.PS-04'],
      'pci-dss-4.0': ['10.2.1'],
      hipaa: ['164.312(b)'],
      gdpr: ['Art.32'],
    },
    needs: ['network.virtualNetworks', 'network.watchers'],
  },
  (snapshot) =>
    forEachSubscription(snapshot, 'network.virtualNetworks', (networks, subscription) => {
      const regions = [...new Set(networks.map((network) => network.location.toLowerCase()))].sort();
      const watchers = partOf(subscription, 'network.watchers');
      return regions.map((region) => {
        const id = `/subscriptions/${subscription.subscriptionId}/providers/Microsoft.Network/locations/${region}`;
        if (!watchers.ok) return unknown(id, region, `Could not check: ${watchers.error}`);
        const watcher = watchers.value.find((w) => w.location.toLowerCase() === region);
        return watcher ? pass(id, region, `Network Watcher ${watcher.name} is enabled`) : fail(id, region, `No Network Watcher in ${region}, where the subscription has virtual networks`);
      });
    }),
);
