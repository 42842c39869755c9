import { defineMetricFilterCheck } from './metric-filter.js';

/** CIS 2.7: VPC network firewall rule changes. */
export const check = defineMetricFilterCheck({
  id: 'gcp-logging-metric-firewall-changes',
  cis: '2.7',
  what: 'VPC firewall rule changes',
  filter: 'resource.type="gce_firewall_rule" AND (protoPayload.methodName:"compute.firewalls.patch" OR protoPayload.methodName:"compute.firewalls.insert" OR protoPayload.methodName:"compute.firewalls.delete")',
  fragments: ['gce_firewall_rule', 'compute.firewalls.patch', 'compute.firewalls.insert', 'compute.firewalls.delete'],
});
