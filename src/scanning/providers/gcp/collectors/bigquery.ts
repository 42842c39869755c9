/**
 * BigQuery over its REST API (v2; no generated client is installed): a project's datasets, then
 * each dataset for its access list and default encryption, which the list does not carry.
 */
import pLimit from 'p-limit';
import type { BigQueryDataset } from '../snapshot.js';
import { paginate, withPage, type GcpCollectorContext } from './context.js';

interface DatasetListItem {
  datasetReference?: { datasetId?: string };
  location?: string;
  labels?: Record<string, string>;
}

interface AccessEntry {
  role?: string;
  userByEmail?: string;
  groupByEmail?: string;
  domain?: string;
  specialGroup?: string;
  iamMember?: string;
  view?: { projectId?: string; datasetId?: string; tableId?: string };
  routine?: { routineId?: string };
  dataset?: { dataset?: { datasetId?: string } };
}

interface DatasetResource {
  location?: string;
  labels?: Record<string, string>;
  access?: AccessEntry[];
  defaultEncryptionConfiguration?: { kmsKeyName?: string };
}

/** One access entry as an IAM-style member: `allAuthenticatedUsers` is a special group in BigQuery's own terms. */
function memberOf(entry: AccessEntry): string {
  if (entry.iamMember) return entry.iamMember;
  if (entry.specialGroup) return entry.specialGroup === 'allAuthenticatedUsers' ? 'allAuthenticatedUsers' : `specialGroup:${entry.specialGroup}`;
  if (entry.userByEmail) return `${entry.userByEmail.endsWith('.gserviceaccount.com') ? 'serviceAccount' : 'user'}:${entry.userByEmail}`;
  if (entry.groupByEmail) return `group:${entry.groupByEmail}`;
  if (entry.domain) return `domain:${entry.domain}`;
  if (entry.view) return `view:${entry.view.projectId ?? ''}.${entry.view.datasetId ?? ''}.${entry.view.tableId ?? ''}`;
  if (entry.routine) return `routine:${entry.routine.routineId ?? ''}`;
  if (entry.dataset) return `dataset:${entry.dataset.dataset?.datasetId ?? ''}`;
  return 'unknown';
}

export async function collectDatasets(ctx: GcpCollectorContext, project: string): Promise<BigQueryDataset[]> {
  const base = `${ctx.apiEndpoint('bigquery')}/bigquery/v2/projects/${encodeURIComponent(project)}/datasets`;
  const listed = await paginate((token) => ctx.transport.json<{ datasets?: DatasetListItem[]; nextPageToken?: string }>(withPage(`${base}?maxResults=1000`, token)).then((d) => ({ items: d.datasets, next: d.nextPageToken })));
  const limit = pLimit(8);
  return Promise.all(
    listed.map((item) =>
      limit(async () => {
        const id = item.datasetReference?.datasetId ?? '';
        const dataset = await ctx.transport.json<DatasetResource>(`${base}/${encodeURIComponent(id)}`);
        return {
          id,
          location: (dataset.location ?? item.location ?? 'us').toLowerCase(),
          access: (dataset.access ?? []).map((entry) => ({ role: entry.role ?? '', member: memberOf(entry) })),
          defaultKmsKeyName: dataset.defaultEncryptionConfiguration?.kmsKeyName ?? null,
          labels: dataset.labels ?? item.labels ?? {},
        };
      }),
    ),
  );
}
