import { defineMetricFilterCheck } from './metric-filter.js';

/** CIS 2.11: Cloud SQL instance configuration changes. */
export const check = defineMetricFilterCheck({
  id: 'gcp-logging-metric-sql-config-changes',
  cis: '2.11',
  what: 'Cloud SQL instance configuration changes',
  filter: 'protoPayload.methodName="cloudsql.instances.update"',
  fragments: ['cloudsql.instances.update'],
});
