import { CREDENTIALS } from '../lib/compliance.js';
import { defineGcpCheck, fail, pass, serviceAccountName, unknown, withEachProject } from '../lib/helpers.js';

/** CIS 1.4: service accounts use only Google-managed keys (no downloadable, user-managed ones). */
export const check = defineGcpCheck(
  {
    id: 'gcp-iam-service-account-user-managed-keys',
    title: 'Service account has user-managed keys',
    service: 'iam',
    resourceType: 'iam.googleapis.com/ServiceAccount',
    severity: 'medium',
    description: 'Checks that no service account of the project has an enabled user-managed (downloadable) key.',
    risk: 'A key file is a long-lived bearer credential: it is copied into repositories, laptops and CI systems, and whoever finds it acts as the service account from anywhere.',
    remediation: {
      text: 'Delete the key and switch the workload to attached service accounts, Workload Identity Federation or short-lived credentials; block new keys with the iam.disableServiceAccountKeyCreation organization policy.',
      cli: 'gcloud iam service-accounts keys delete <KEY_ID> --iam-account=<EMAIL>',
      url: 'https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys',
    },
    compliance: { 'cis-gcp-3.0': ['1.4'], ...CREDENTIALS },
    needs: ['iam.serviceAccounts'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'iam.serviceAccounts', (accounts, project) =>
      accounts.map((account) => {
        const id = serviceAccountName(project, account.email);
        if (!account.userManagedKeys.ok) return unknown(id, 'global', `Could not check: ${account.userManagedKeys.error}`);
        const enabled = account.userManagedKeys.value.filter((key) => !key.disabled);
        if (enabled.length === 0) return pass(id, 'global', 'No enabled user-managed key');
        return fail(id, 'global', `${enabled.length} enabled user-managed key(s): ${enabled.map((key) => key.name.split('/').pop()).join(', ')}`);
      }),
    ),
);
