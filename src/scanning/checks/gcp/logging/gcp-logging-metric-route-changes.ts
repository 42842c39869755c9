import { defineMetricFilterCheck } from './metric-filter.js';

/** CIS 2.8: VPC network route changes. */
export const check = defineMetricFilterCheck({
  id: 'gcp-logging-metric-route-changes',
  cis: '2.8',
  what: 'VPC network route changes',
  filter: 'resource.type="gce_route" AND (protoPayload.methodName:"compute.routes.delete" OR protoPayload.methodName:"compute.routes.insert")',
  fragments: ['gce_route', 'compute.routes.delete', 'compute.routes.insert'],
});
