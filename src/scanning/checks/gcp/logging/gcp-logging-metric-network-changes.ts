import { defineMetricFilterCheck } from './metric-filter.js';

/** CIS 2.9: VPC network changes (creation, changes, deletion, peering). */
export const check = defineMetricFilterCheck({
  id: 'gcp-logging-metric-network-changes',
  cis: '2.9',
  what: 'VPC network changes',
  filter:
    'resource.type="gce_network" AND (protoPayload.methodName:"compute.networks.insert" OR protoPayload.methodName:"compute.networks.patch" OR protoPayload.methodName:"compute.networks.delete" OR protoPayload.methodName:"compute.networks.removePeering" OR protoPayload.methodName:"compute.networks.addPeering")',
  fragments: ['gce_network', 'compute.networks.insert', 'compute.networks.patch', 'compute.networks.delete', 'compute.networks.removePeering', 'compute.networks.addPeering'],
});
