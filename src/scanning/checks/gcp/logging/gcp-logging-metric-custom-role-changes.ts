import { defineMetricFilterCheck } from './metric-filter.js';

/** CIS 2.6: custom role changes. */
export const check = defineMetricFilterCheck({
  id: 'gcp-logging-metric-custom-role-changes',
  cis: '2.6',
  what: 'custom role changes',
  filter: 'resource.type="iam_role" AND (protoPayload.methodName="google.iam.admin.v1.CreateRole" OR protoPayload.methodName="google.iam.admin.v1.DeleteRole" OR protoPayload.methodName="google.iam.admin.v1.UpdateRole")',
  fragments: ['iam_role', 'CreateRole', 'DeleteRole', 'UpdateRole'],
});
