/** What each webhook asks for: deliveries in GitHub's shapes in, neutral jobs out (no I/O). */
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/errors.js';
import { WEBHOOK_HANDLERS, type Delivery } from '../../../src/bot/github/handlers/index.js';
import type { GitHubAppJob } from '../../../src/jobs/queues.js';
import { INSTALLATION_ID, checkRunRequestedAction, installationCreated, push, repositoriesChanged } from './payloads.js';

/** Routes a delivery the way @octokit/webhooks does: by `event` or `event.action`. */
function jobsFor(name: string, payload: Record<string, unknown>): GitHubAppJob[] {
  const action = typeof payload.action === 'string' ? payload.action : null;
  const delivery: Delivery = { id: 'd-1', name, payload };
  return WEBHOOK_HANDLERS.filter((h) => h.events.includes(name) || (action !== null && h.events.includes(`${name}.${action}`))).flatMap((h) => h.jobsFor(delivery));
}

const base = { deliveryId: 'd-1', installationId: INSTALLATION_ID, actor: 'github:octocat' };

describe('GitHub App webhook handlers', () => {
  it('installation created: the account and every granted repository', () => {
    expect(jobsFor('installation', installationCreated(['acme/api', 'acme/web']))).toEqual([
      { ...base, kind: 'installation-created', account: { login: 'acme', type: 'Organization' }, repositories: ['acme/api', 'acme/web'] },
    ]);
  });

  it('installation suspended, unsuspended, deleted', () => {
    const payload = installationCreated([]);
    expect(jobsFor('installation', { ...payload, action: 'suspend' })).toMatchObject([{ kind: 'installation-removed', how: 'suspended' }]);
    expect(jobsFor('installation', { ...payload, action: 'unsuspend' })).toMatchObject([{ kind: 'installation-unsuspended' }]);
    expect(jobsFor('installation', { ...payload, action: 'deleted' })).toMatchObject([{ kind: 'installation-removed', how: 'deleted' }]);
    expect(jobsFor('installation', { ...payload, action: 'new_permissions_accepted' })).toEqual([]);
  });

  it('repositories added are scanned, removed ones retired', () => {
    expect(jobsFor('installation_repositories', repositoriesChanged('added', ['acme/new']))).toMatchObject([{ kind: 'repositories-added', repositories: ['acme/new'] }]);
    expect(jobsFor('installation_repositories', repositoriesChanged('removed', ['acme/old']))).toMatchObject([{ kind: 'repositories-removed', repositories: ['acme/old'] }]);
  });

  it('a push rescans only when it reaches the default branch with a commit', () => {
    expect(jobsFor('push', push('acme/api', 'main'))).toEqual([{ ...base, kind: 'rescan', repositories: ['acme/api'], cause: 'push' }]);
    expect(jobsFor('push', push('acme/api', 'feature/x'))).toEqual([]);
    expect(jobsFor('push', { ...push('acme/api', 'main'), ref: 'refs/tags/main' })).toEqual([]);
    // Deleting the branch: no head commit to look at.
    expect(jobsFor('push', { ...push('acme/api', 'main'), deleted: true, head_commit: null })).toEqual([]);
  });

  it('repository settings, rules and rulesets rescan that repository; a rename retires the old name; a deletion retires it', () => {
    const repository = push('acme/api', 'main').repository as Record<string, unknown>;
    const common = { repository, installation: { id: INSTALLATION_ID }, sender: { login: 'octocat' } };
    expect(jobsFor('branch_protection_rule', { ...common, action: 'edited', rule: { id: 1 } })).toMatchObject([{ kind: 'rescan', repositories: ['acme/api'], cause: 'branch_protection_rule.edited' }]);
    expect(jobsFor('repository', { ...common, action: 'privatized' })).toMatchObject([{ kind: 'rescan', repositories: ['acme/api'] }]);
    expect(jobsFor('repository', { ...common, action: 'created' })).toEqual([]);
    expect(jobsFor('repository', { ...common, action: 'renamed', changes: { repository: { name: { from: 'old-api' } } } })).toMatchObject([
      { kind: 'repositories-removed', repositories: ['acme/old-api'] },
      { kind: 'rescan', repositories: ['acme/api'] },
    ]);
    expect(jobsFor('repository', { ...common, action: 'deleted' })).toMatchObject([{ kind: 'repositories-removed', repositories: ['acme/api'], reason: 'The repository was deleted on GitHub.' }]);
    expect(jobsFor('repository_ruleset', { ...common, action: 'created', repository_ruleset: { id: 7 } })).toMatchObject([{ kind: 'rescan', repositories: ['acme/api'] }]);
    // An organization-level ruleset has no repository: the whole installation.
    const { repository: _none, ...orgLevel } = common;
    expect(jobsFor('repository_ruleset', { ...orgLevel, action: 'edited', repository_ruleset: { id: 8 } })).toMatchObject([{ kind: 'rescan', repositories: null }]);
  });

  it('the check run buttons: Rescan, Rescan all; another app\'s check run or an unknown button does nothing', () => {
    expect(jobsFor('check_run', checkRunRequestedAction('acme/api', 'a'.repeat(40), 'rescan'))).toMatchObject([{ kind: 'rescan', repositories: ['acme/api'], cause: 'check_run.requested_action' }]);
    expect(jobsFor('check_run', checkRunRequestedAction('acme/api', 'a'.repeat(40), 'rescan-all'))).toMatchObject([{ kind: 'rescan', repositories: null }]);
    expect(jobsFor('check_run', checkRunRequestedAction('acme/api', 'a'.repeat(40), 'fix-it'))).toEqual([]);
    const other = checkRunRequestedAction('acme/api', 'a'.repeat(40), 'rescan');
    expect(jobsFor('check_run', { ...other, check_run: { ...(other.check_run as object), name: 'CI' } })).toEqual([]);
  });

  it('refuses a delivery without what its event must carry as malformed', () => {
    const malformed = (name: string, payload: Record<string, unknown>) => {
      try {
        jobsFor(name, payload);
      } catch (error) {
        return isAppError(error) && error.code === 'VALIDATION_ERROR' ? error.message : `unexpected: ${String(error)}`;
      }
      return 'accepted';
    };
    expect(malformed('installation', { action: 'created', installation: { id: 'x' } })).toMatch(/no installation id/);
    expect(malformed('installation', { action: 'created', installation: { id: 1 } })).toMatch(/no installation account/);
    expect(malformed('installation', { ...installationCreated([]), repositories: 'all' })).toMatch(/repositories is not a list/);
    expect(malformed('installation_repositories', { ...repositoriesChanged('added', []), repositories_added: [{ name: 'x' }] })).toMatch(/no full name/);
    expect(malformed('push', { ...push('acme/api', 'main'), repository: { full_name: '../../etc' } })).toMatch(/no full name/);
  });
});
