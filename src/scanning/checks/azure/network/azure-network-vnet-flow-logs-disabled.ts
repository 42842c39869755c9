import { defineAzureCheck, fail, forEachResource, partOf, pass, sameId, tagsOf, unknown } from '../lib/helpers.js';

/**
 * When the flow logs of the network's region could not be read and no readable log covers it, the result
 * is `unknown`.
 */
export const check = defineAzureCheck(
  {
    id: 'azure-network-vnet-flow-logs-disabled',
    title: 'Virtual network traffic is not recorded by flow logs',
    service: 'network',
    resourceType: 'Microsoft.Network/virtualNetworks',
    severity: 'medium',
    description: 'Checks that each virtual network is covered by an enabled flow log, on the virtual network itself or on the network security groups of its subnets.',
    risk: 'Without flow logs there is no record of which addresses talked to which VMs, so lateral movement, scanning and data exfiltration cannot be detected or investigated.',
    remediation: {
      text: 'Create a virtual network flow log (NSG flow logs are being retired) to a storage account, with traffic analytics if possible.',
      cli: 'az network watcher flow-log create --location <LOCATION> --name <FLOW_LOG_NAME> --vnet <VNET_ID> --storage-account <STORAGE_ACCOUNT_ID> --retention 90',
      url: 'https://learn.microsoft.com/azure/network-watcher/vnet-flow-logs-overview',
    },
    compliance: {
      'cis-azure-3.0': ['7.5'],
      soc2: ['CC7.2'],
      'iso27001-2022': ['A.8.15', 'A.8.16'],
      'nist-800-53-r5': ['AU-2', 'AU-12', 'SI-4'],
      'nist-csf-2.0': ['DE.CM-01', 'PR.PS-04'],
      'pci-dss-4.0': ['10.2.1'],
      hipaa: ['164.312(b)'],
      gdpr: ['Art.32'],
    },
    needs: ['network.virtualNetworks', 'network.flowLogs'],
  },
  (snapshot) =>
    forEachResource(snapshot, 'network.virtualNetworks', 'Microsoft.Network/virtualNetworks', (network, subscription) => {
      const flowLogs = partOf(subscription, 'network.flowLogs');
      if (!flowLogs.ok) return unknown(network.id, network.location, `Could not check: ${flowLogs.error}`, tagsOf(network));
      const targets = [network.id, ...network.subnetNetworkSecurityGroupIds];
      const logs = flowLogs.value.flatMap(({ value }) => (value.ok ? value.value : []));
      const covering = logs.find((log) => log.enabled && targets.some((target) => sameId(target, log.targetResourceId)));
      if (covering) return pass(network.id, network.location, `Recorded by flow log ${covering.name}`, tagsOf(network));
      const unread = flowLogs.value.find(({ resource, value }) => !value.ok && resource.location.toLowerCase() === network.location.toLowerCase());
      if (unread && !unread.value.ok) return unknown(network.id, network.location, `Could not check: ${unread.value.error}`, tagsOf(network));
      return fail(network.id, network.location, 'No enabled flow log covers the virtual network or the NSGs of its subnets', tagsOf(network));
    }),
);
