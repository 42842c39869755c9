/**
 * Changes that can alter a repository's posture: its branch protection rules or rulesets, its
 * settings or visibility, a push to its default branch (CODEOWNERS, workflows). Each rescans that
 * repository only. An organization-wide ruleset rescans the whole installation; a deleted
 * repository is retired; a renamed one is rescanned under its new name and retired under the old.
 */
import type { GitHubAppJob } from '../../../jobs/queues.js';
import { actorOf, installationIdOf, objectAt, repositoryOf, stringAt } from '../payload.js';
import type { Delivery, WebhookHandler } from './types.js';

/** `repository` actions that change what the checks look at. */
const REPOSITORY_ACTIONS = ['edited', 'publicized', 'privatized', 'renamed', 'archived', 'unarchived', 'deleted', 'transferred'];

export const repositoryChangeHandler: WebhookHandler = {
  events: ['branch_protection_rule', 'repository_ruleset', 'push', ...REPOSITORY_ACTIONS.map((action) => `repository.${action}`)],
  jobsFor({ id, name, payload }: Delivery): GitHubAppJob[] {
    const base = { deliveryId: id, installationId: installationIdOf(name, payload), actor: actorOf(payload) };
    const repository = repositoryOf(name, payload);
    const cause = [name, stringAt(payload, 'action')].filter(Boolean).join('.');
    if (!repository) {
      // Only an organization-level ruleset comes without a repository; it may touch every one.
      return name === 'repository_ruleset' ? [{ ...base, kind: 'rescan', repositories: null, cause }] : [];
    }
    if (name === 'push') {
      const defaultBranch = stringAt(objectAt(payload, 'repository'), 'default_branch');
      const toDefault = defaultBranch !== undefined && stringAt(payload, 'ref') === `refs/heads/${defaultBranch}`;
      return toDefault && objectAt(payload, 'head_commit') !== undefined ? [{ ...base, kind: 'rescan', repositories: [repository], cause }] : [];
    }
    if (name === 'repository') {
      const action = stringAt(payload, 'action');
      if (action === 'deleted' || action === 'transferred') {
        return [{ ...base, kind: 'repositories-removed', repositories: [repository], reason: `The repository was ${action} on GitHub.` }];
      }
      const oldName = stringAt(objectAt(objectAt(objectAt(payload, 'changes'), 'repository'), 'name'), 'from');
      if (action === 'renamed' && oldName) {
        const owner = repository.split('/')[0] ?? '';
        return [
          { ...base, kind: 'repositories-removed', repositories: [`${owner}/${oldName}`], reason: `The repository was renamed to ${repository}.` },
          { ...base, kind: 'rescan', repositories: [repository], cause },
        ];
      }
    }
    return [{ ...base, kind: 'rescan', repositories: [repository], cause }];
  },
};
