import { defineMetricFilterCheck } from './metric-filter.js';

/** CIS 2.10: Cloud Storage IAM permission changes. */
export const check = defineMetricFilterCheck({
  id: 'gcp-logging-metric-storage-iam-changes',
  cis: '2.10',
  what: 'Cloud Storage IAM permission changes',
  filter: 'resource.type="gcs_bucket" AND protoPayload.methodName="storage.setIamPermissions"',
  fragments: ['gcs_bucket', 'storage.setIamPermissions'],
});
