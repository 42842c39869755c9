import { KEY_MANAGEMENT } from '../lib/compliance.js';
import { bigqueryDatasetName, defineGcpCheck, fail, pass, withEachProject } from '../lib/helpers.js';

/**
 * CIS 7.3: every dataset names a default customer-managed key, so new tables are encrypted with it.
 * (CIS 7.2 asks the same of every existing table, which needs a call per table; not collected.)
 */
export const check = defineGcpCheck(
  {
    id: 'gcp-bigquery-dataset-cmek-default-missing',
    title: 'BigQuery dataset has no default customer-managed encryption key',
    service: 'bigquery',
    resourceType: 'bigquery.googleapis.com/Dataset',
    severity: 'low',
    description: 'Checks that every BigQuery dataset has a default Cloud KMS key (CMEK) for the tables created in it.',
    risk: 'Tables are encrypted with Google-managed keys only: the organization cannot revoke access to the data by disabling its own key, rotate it on its schedule, or show key custody to auditors.',
    remediation: {
      text: 'Set a Cloud KMS key as the dataset\'s default (BigQuery\'s service account needs roles/cloudkms.cryptoKeyEncrypterDecrypter on it); existing tables keep their key until copied or updated.',
      cli: 'bq update --default_kms_key=projects/<KMS_PROJECT>/locations/<LOCATION>/keyRings/<RING>/cryptoKeys/<KEY> <PROJECT_ID>:<DATASET>',
      url: 'https://cloud.google.com/bigquery/docs/customer-managed-encryption',
    },
    compliance: { 'cis-gcp-3.0': ['7.3'], ...KEY_MANAGEMENT },
    needs: ['bigquery.datasets'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'bigquery.datasets', (datasets, project) =>
      datasets.map((dataset) => {
        const id = bigqueryDatasetName(project, dataset.id);
        return dataset.defaultKmsKeyName
          ? pass(id, dataset.location, `Default key ${dataset.defaultKmsKeyName}`, { tags: dataset.labels })
          : fail(id, dataset.location, 'No default customer-managed key: new tables use Google-managed encryption', { tags: dataset.labels });
      }),
    ),
);
