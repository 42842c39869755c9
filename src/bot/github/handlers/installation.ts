/**
 * `installation`: the App was installed (the installation becomes an integration and each granted
 * repository is scanned), uninstalled or suspended (the integration is disabled and its alerts
 * closed), or unsuspended (enabled again and rescanned).
 */
import type { GitHubAppJob } from '../../../jobs/queues.js';
import { accountOf, actorOf, installationIdOf, repositoryNames, stringAt } from '../payload.js';
import type { Delivery, WebhookHandler } from './types.js';

export const installationHandler: WebhookHandler = {
  events: ['installation.created', 'installation.deleted', 'installation.suspend', 'installation.unsuspend'],
  jobsFor({ id, name, payload }: Delivery): GitHubAppJob[] {
    const base = { deliveryId: id, installationId: installationIdOf(name, payload), actor: actorOf(payload) };
    switch (stringAt(payload, 'action') ?? '') {
      case 'created':
        return [{ ...base, kind: 'installation-created', account: accountOf(name, payload), repositories: repositoryNames(name, payload, 'repositories') }];
      case 'deleted':
        return [{ ...base, kind: 'installation-removed', account: accountOf(name, payload), how: 'deleted' }];
      case 'suspend':
        return [{ ...base, kind: 'installation-removed', account: accountOf(name, payload), how: 'suspended' }];
      case 'unsuspend':
        return [{ ...base, kind: 'installation-unsuspended', account: accountOf(name, payload) }];
      default:
        return [];
    }
  },
};
