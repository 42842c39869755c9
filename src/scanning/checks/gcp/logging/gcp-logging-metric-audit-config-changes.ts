import { defineMetricFilterCheck } from './metric-filter.js';

/** CIS 2.5: audit configuration changes. */
export const check = defineMetricFilterCheck({
  id: 'gcp-logging-metric-audit-config-changes',
  cis: '2.5',
  what: 'audit configuration changes',
  filter: 'protoPayload.methodName="SetIamPolicy" AND protoPayload.serviceData.policyDelta.auditConfigDeltas:*',
  fragments: ['SetIamPolicy', 'auditConfigDeltas'],
});
