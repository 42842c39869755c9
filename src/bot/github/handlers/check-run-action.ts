/** `check_run.requested_action`: a button on the "CloudSentinel posture" check run was pressed. */
import type { GitHubAppJob } from '../../../jobs/queues.js';
import { CHECK_NAME, RESCAN_ACTION, RESCAN_ALL_ACTION } from '../check-run.js';
import { actorOf, installationIdOf, objectAt, repositoryOf, stringAt } from '../payload.js';
import type { Delivery, WebhookHandler } from './types.js';

export const checkRunActionHandler: WebhookHandler = {
  events: ['check_run.requested_action'],
  jobsFor({ id, name, payload }: Delivery): GitHubAppJob[] {
    if (stringAt(objectAt(payload, 'check_run'), 'name') !== CHECK_NAME) return [];
    const base = { deliveryId: id, installationId: installationIdOf(name, payload), actor: actorOf(payload) };
    const cause = 'check_run.requested_action';
    const repository = repositoryOf(name, payload);
    switch (stringAt(objectAt(payload, 'requested_action'), 'identifier') ?? '') {
      case RESCAN_ACTION:
        return repository ? [{ ...base, kind: 'rescan', repositories: [repository], cause }] : [];
      case RESCAN_ALL_ACTION:
        return [{ ...base, kind: 'rescan', repositories: null, cause }];
      default:
        return [];
    }
  },
};
