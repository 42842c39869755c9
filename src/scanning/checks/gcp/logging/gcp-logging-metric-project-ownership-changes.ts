import { defineMetricFilterCheck } from './metric-filter.js';

/** CIS 2.4: project ownership assignments and changes. */
export const check = defineMetricFilterCheck({
  id: 'gcp-logging-metric-project-ownership-changes',
  cis: '2.4',
  what: 'project ownership assignments and changes',
  filter: '(protoPayload.serviceName="cloudresourcemanager.googleapis.com") AND (ProjectOwnership OR projectOwnerInvitee) OR (protoPayload.serviceData.policyDelta.bindingDeltas.action="REMOVE" AND protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner") OR (protoPayload.serviceData.policyDelta.bindingDeltas.action="ADD" AND protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner")',
  fragments: ['cloudresourcemanager.googleapis.com', 'ProjectOwnership', 'roles/owner'],
  severity: 'medium',
});
