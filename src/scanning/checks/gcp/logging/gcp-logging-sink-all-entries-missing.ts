import { LOGGING } from '../lib/compliance.js';
import { defineGcpCheck, fail, pass, projectName, withEachProject } from '../lib/helpers.js';

/** CIS 2.2: at least one enabled sink exports every log entry (an empty filter). */
export const check = defineGcpCheck(
  {
    id: 'gcp-logging-sink-all-entries-missing',
    title: 'No log sink exports all log entries',
    service: 'logging',
    resourceType: 'cloudresourcemanager.googleapis.com/Project',
    severity: 'low',
    description: 'Checks that the project has an enabled log sink with no filter, so that a copy of every log entry is kept beyond Cloud Logging\'s default retention.',
    risk: 'Logs held only in the default buckets age out (30 days for most) and can be lost before an incident is noticed.',
    remediation: {
      text: 'Create a sink without a filter to a Cloud Storage bucket, BigQuery dataset or log bucket (an aggregated organization sink covers every project).',
      cli: 'gcloud logging sinks create <SINK_NAME> storage.googleapis.com/<BUCKET> --project=<PROJECT_ID>',
      url: 'https://cloud.google.com/logging/docs/export/configure_export_v2',
    },
    compliance: { 'cis-gcp-3.0': ['2.2'], ...LOGGING, 'nist-800-53-r5': ['AU-4', 'AU-11'] },
    needs: ['logging.sinks'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'logging.sinks', (sinks, project) => {
      const full = sinks.filter((sink) => !sink.disabled && sink.filter === '');
      if (full.length > 0) return [pass(projectName(project), 'global', `Sink(s) exporting every entry: ${full.map((sink) => sink.name).join(', ')}`)];
      return [fail(projectName(project), 'global', sinks.length === 0 ? 'The project has no log sink' : 'Every sink has a filter or is disabled: none exports all entries')];
    }),
);
