/** `installation_repositories`: repositories granted to the App are scanned; those taken away are retired. */
import type { GitHubAppJob } from '../../../jobs/queues.js';
import { accountOf, actorOf, installationIdOf, repositoryNames, stringAt } from '../payload.js';
import type { Delivery, WebhookHandler } from './types.js';

export const installationRepositoriesHandler: WebhookHandler = {
  events: ['installation_repositories.added', 'installation_repositories.removed'],
  jobsFor({ id, name, payload }: Delivery): GitHubAppJob[] {
    const base = { deliveryId: id, installationId: installationIdOf(name, payload), actor: actorOf(payload) };
    if (stringAt(payload, 'action') === 'added') {
      const repositories = repositoryNames(name, payload, 'repositories_added');
      return repositories.length > 0 ? [{ ...base, kind: 'repositories-added', account: accountOf(name, payload), repositories }] : [];
    }
    const repositories = repositoryNames(name, payload, 'repositories_removed');
    if (repositories.length === 0) return [];
    return [{ ...base, kind: 'repositories-removed', repositories, reason: 'The repository was removed from the CloudSentinel GitHub App installation.' }];
  },
};
