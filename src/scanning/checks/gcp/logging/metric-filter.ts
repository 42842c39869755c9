/**
 * CIS 2.4–2.11 ask for a log-based metric (with an alert on it) per kind of security-relevant
 * change. A metric matches when its filter contains every fragment of the CIS filter, ignoring
 * whitespace and case. Alerting policies live in Cloud Monitoring, which this scan does not read: a
 * pass says the metric exists, and says that the alert is not verified.
 */
import type { LogMetric } from '../../../providers/gcp/snapshot.js';
import { MONITORING } from '../lib/compliance.js';
import { defineGcpCheck, fail, pass, projectName, withEachProject, type GcpCheck } from '../lib/helpers.js';

const normalize = (text: string) => text.replace(/\s+/g, '').replace(/"/g, '').toLowerCase();

export function matchingMetrics(metrics: readonly LogMetric[], fragments: readonly string[]): LogMetric[] {
  return metrics.filter((metric) => !metric.disabled && fragments.every((fragment) => normalize(metric.filter).includes(normalize(fragment))));
}

export function defineMetricFilterCheck(spec: { id: string; cis: string; what: string; filter: string; fragments: readonly string[]; severity?: 'low' | 'medium' }): GcpCheck {
  return defineGcpCheck(
    {
      id: spec.id,
      title: `No log metric for ${spec.what}`,
      service: 'logging',
      resourceType: 'cloudresourcemanager.googleapis.com/Project',
      severity: spec.severity ?? 'low',
      description: `Checks that the project has a log-based metric whose filter matches ${spec.what}, for an alerting policy to fire on (CIS ${spec.cis}).`,
      risk: `Without a metric and an alert, ${spec.what} go unnoticed until someone reads the audit logs — often too late.`,
      remediation: {
        text: `Create a log-based metric with the CIS filter and a Cloud Monitoring alerting policy on it. Filter: ${spec.filter}`,
        cli: `gcloud logging metrics create <METRIC_NAME> --project=<PROJECT_ID> --description="CIS ${spec.cis}" --log-filter='${spec.filter}'`,
        url: 'https://cloud.google.com/logging/docs/logs-based-metrics/create-metric',
      },
      compliance: { 'cis-gcp-3.0': [spec.cis], ...MONITORING },
      needs: ['logging.metrics'],
    },
    (snapshot) =>
      withEachProject(snapshot, 'logging.metrics', (metrics, project) => {
        const found = matchingMetrics(metrics, spec.fragments);
        if (found.length === 0) return [fail(projectName(project), 'global', `No enabled log metric filters for ${spec.what}`)];
        return [pass(projectName(project), 'global', `Metric(s) ${found.map((m) => m.name).join(', ')} match; the alerting policy on them is not verified (Cloud Monitoring is not read)`)];
      }),
  );
}
