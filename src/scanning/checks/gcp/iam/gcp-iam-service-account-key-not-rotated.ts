import { CREDENTIALS } from '../lib/compliance.js';
import { daysSince, defineGcpCheck, fail, pass, serviceAccountKeyName, serviceAccountName, unknown, withEachProject } from '../lib/helpers.js';

/** CIS 1.7: user-managed keys are rotated — none is older than `settings.maxAccessKeyAgeDays` (90). */
export const check = defineGcpCheck(
  {
    id: 'gcp-iam-service-account-key-not-rotated',
    title: 'Service account key has not been rotated',
    service: 'iam',
    resourceType: 'iam.googleapis.com/ServiceAccountKey',
    severity: 'medium',
    description: 'Checks that every enabled user-managed service account key was created within the configured maximum age (90 days by default).',
    risk: 'The older a key, the more places it has been copied to and the longer a leaked copy keeps working.',
    remediation: {
      text: 'Create a new key, move the workload to it, then delete the old key — or better, stop using keys.',
      cli: 'gcloud iam service-accounts keys create <NEW_KEY_FILE> --iam-account=<EMAIL> && gcloud iam service-accounts keys delete <OLD_KEY_ID> --iam-account=<EMAIL>',
      url: 'https://cloud.google.com/iam/docs/keys-create-delete',
    },
    compliance: { 'cis-gcp-3.0': ['1.7'], ...CREDENTIALS },
    needs: ['iam.serviceAccounts'],
  },
  (snapshot, settings, now) =>
    withEachProject(snapshot, 'iam.serviceAccounts', (accounts, project) =>
      accounts.flatMap((account) => {
        if (!account.userManagedKeys.ok) return [unknown(serviceAccountName(project, account.email), 'global', `Could not check: ${account.userManagedKeys.error}`)];
        return account.userManagedKeys.value
          .filter((key) => !key.disabled)
          .map((key) => {
            const id = serviceAccountKeyName(key.name);
            const age = daysSince(key.validAfterTime, now);
            if (age === null) return unknown(id, 'global', 'Could not check: the key has no creation time');
            if (age > settings.maxAccessKeyAgeDays) return fail(id, 'global', `Created ${age} days ago (more than ${settings.maxAccessKeyAgeDays})`);
            return pass(id, 'global', `Created ${age} days ago`);
          });
      }),
    ),
);
