import { PUBLIC_ACCESS } from '../lib/compliance.js';
import { bigqueryDatasetName, defineGcpCheck, fail, pass, withEachProject } from '../lib/helpers.js';

const PUBLIC = new Set(['allUsers', 'allAuthenticatedUsers']);

/** CIS 7.1: no BigQuery dataset grants access to allUsers or allAuthenticatedUsers. */
export const check = defineGcpCheck(
  {
    id: 'gcp-bigquery-dataset-public',
    title: 'BigQuery dataset is publicly accessible',
    service: 'bigquery',
    resourceType: 'bigquery.googleapis.com/Dataset',
    severity: 'critical',
    description: 'Checks that no BigQuery dataset\'s access list includes allUsers or allAuthenticatedUsers.',
    risk: 'Anyone on the internet (allUsers), or anyone with any Google account (allAuthenticatedUsers), can query the dataset\'s tables — and the querying is billed to whoever runs it, so nothing flags it.',
    remediation: {
      text: 'Export the dataset, delete the allUsers and allAuthenticatedUsers entries from its "access" list (grant the groups that need it instead), and apply the file; enforce the iam.allowedPolicyMemberDomains organization policy.',
      cli: 'bq show --format=prettyjson <PROJECT_ID>:<DATASET> > dataset.json && bq update --source=dataset.json <PROJECT_ID>:<DATASET>',
      url: 'https://cloud.google.com/bigquery/docs/control-access-to-resources-iam',
    },
    compliance: { 'cis-gcp-3.0': ['7.1'], ...PUBLIC_ACCESS },
    needs: ['bigquery.datasets'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'bigquery.datasets', (datasets, project) =>
      datasets.map((dataset) => {
        const id = bigqueryDatasetName(project, dataset.id);
        const open = dataset.access.filter((entry) => PUBLIC.has(entry.member));
        if (open.length > 0) return fail(id, dataset.location, `Grants ${open.map((entry) => `${entry.role} to ${entry.member}`).join(', ')}`, { exposed: true, tags: dataset.labels });
        return pass(id, dataset.location, 'Not granted to allUsers or allAuthenticatedUsers', { tags: dataset.labels });
      }),
    ),
);
