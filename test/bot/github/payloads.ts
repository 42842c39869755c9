/**
 * GitHub App webhook payloads in GitHub's shapes (as documented for each event, trimmed of the
 * many URL fields nothing reads), and signing them as GitHub does: `X-Hub-Signature-256` is
 * `sha256=` + the HMAC-SHA256 of the exact body with the webhook secret.
 */
import { createHmac, randomUUID } from 'node:crypto';

type Json = Record<string, unknown>;

export const APP_ID = '31337';
export const INSTALLATION_ID = 4242;

const sender = { login: 'octocat', id: 583231, node_id: 'MDQ6VXNlcjU4MzIzMQ==', type: 'User', site_admin: false };
const account = { login: 'acme', id: 9001, node_id: 'MDEyOk9yZ2FuaXphdGlvbjkwMDE=', type: 'Organization', site_admin: false };

function installation(extra: Json = {}): Json {
  return {
    id: INSTALLATION_ID,
    account,
    repository_selection: 'selected',
    access_tokens_url: `https://api.github.com/app/installations/${INSTALLATION_ID}/access_tokens`,
    repositories_url: 'https://api.github.com/installation/repositories',
    app_id: Number(APP_ID),
    app_slug: 'cloudsentinel',
    target_id: account.id,
    target_type: 'Organization',
    permissions: { administration: 'read', checks: 'write', contents: 'read', metadata: 'read', members: 'read', organization_administration: 'read' },
    events: ['branch_protection_rule', 'check_run', 'push', 'repository', 'repository_ruleset'],
    created_at: '2026-12-05T21:00:00.000Z',
    updated_at: '2026-12-05T21:00:00.000Z',
    single_file_name: null,
    suspended_at: null,
    suspended_by: null,
    ...extra,
  };
}

/** The short repository objects `installation` and `installation_repositories` carry. */
function shortRepository(fullName: string, id: number): Json {
  const [, name] = fullName.split('/');
  return { id, node_id: `R_${id}`, name, full_name: fullName, private: true };
}

/** The full repository object `push`, `repository`, `check_run` ... carry. */
function repository(fullName: string, defaultBranch = 'main'): Json {
  const [owner, name] = fullName.split('/');
  return {
    id: 1000 + fullName.length,
    node_id: 'R_kgDOxxxx',
    name,
    full_name: fullName,
    private: true,
    owner: { ...account, login: owner },
    html_url: `https://github.com/${fullName}`,
    visibility: 'private',
    default_branch: defaultBranch,
    archived: false,
  };
}

export function installationCreated(repositories: string[]): Json {
  return { action: 'created', installation: installation(), repositories: repositories.map((r, i) => shortRepository(r, i + 1)), requester: null, sender };
}

export function installationDeleted(repositories: string[]): Json {
  return { action: 'deleted', installation: installation(), repositories: repositories.map((r, i) => shortRepository(r, i + 1)), sender };
}

/** `installation` suspended (an org owner suspended the App) or unsuspended (and it works again). */
export function installationSuspension(action: 'suspend' | 'unsuspend', repositories: string[]): Json {
  const suspended = action === 'suspend' ? { suspended_at: '2026-12-05T22:00:00.000Z', suspended_by: sender } : {};
  return { action, installation: installation(suspended), repositories: repositories.map((r, i) => shortRepository(r, i + 1)), sender };
}

/** `repository_ruleset` for a ruleset of the organization: no `repository`, it may apply to every one. */
export function organizationRuleset(action: 'created' | 'edited' | 'deleted'): Json {
  return {
    action,
    repository_ruleset: {
      id: 77,
      name: 'protect-default-branches',
      target: 'branch',
      source_type: 'Organization',
      source: account.login,
      enforcement: 'active',
      conditions: { ref_name: { include: ['~DEFAULT_BRANCH'], exclude: [] }, repository_name: { include: ['~ALL'], exclude: [], protected: false } },
      rules: [{ type: 'deletion' }, { type: 'non_fast_forward' }, { type: 'pull_request', parameters: { required_approving_review_count: 1, dismiss_stale_reviews_on_push: true } }],
      node_id: 'RRS_lACqUmVwb3NpdG9yec4',
      created_at: '2026-12-05T22:10:00.000Z',
      updated_at: '2026-12-05T22:10:00.000Z',
    },
    organization: { login: account.login, id: account.id, node_id: account.node_id },
    installation: { id: INSTALLATION_ID, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==' },
    sender,
  };
}

export function repositoriesChanged(action: 'added' | 'removed', repositories: string[]): Json {
  const list = repositories.map((r, i) => shortRepository(r, 100 + i));
  return {
    action,
    installation: installation(),
    repository_selection: 'selected',
    repositories_added: action === 'added' ? list : [],
    repositories_removed: action === 'removed' ? list : [],
    requester: null,
    sender,
  };
}

export function push(fullName: string, branch: string, after = 'f'.repeat(40)): Json {
  return {
    ref: `refs/heads/${branch}`,
    before: 'e'.repeat(40),
    after,
    repository: repository(fullName),
    pusher: { name: 'octocat', email: 'octocat@github.com' },
    sender,
    installation: { id: INSTALLATION_ID, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==' },
    created: false,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: `https://github.com/${fullName}/compare/eeee...ffff`,
    commits: [{ id: after, message: 'Update CODEOWNERS', timestamp: '2026-12-05T21:05:00Z', added: [], removed: [], modified: ['.github/CODEOWNERS'] }],
    head_commit: { id: after, message: 'Update CODEOWNERS', timestamp: '2026-12-05T21:05:00Z', added: [], removed: [], modified: ['.github/CODEOWNERS'] },
  };
}

export function checkRunRequestedAction(fullName: string, headSha: string, identifier: string): Json {
  return {
    action: 'requested_action',
    check_run: {
      id: 1,
      name: 'CloudSentinel posture',
      head_sha: headSha,
      external_id: 'scan-id',
      status: 'completed',
      conclusion: 'failure',
      app: { id: Number(APP_ID), slug: 'cloudsentinel', name: 'CloudSentinel' },
      check_suite: { id: 5, head_branch: 'main', head_sha: headSha },
      pull_requests: [],
    },
    requested_action: { identifier },
    repository: repository(fullName),
    installation: { id: INSTALLATION_ID, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==' },
    sender,
  };
}

export function sign(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface DeliveryResult {
  status: number;
  body: unknown;
  id: string;
}

/** POSTs a delivery as GitHub does; `signature` overrides the correct one (forgeries), null leaves it out. */
export async function deliver(
  baseUrl: string,
  secret: string,
  event: string,
  payload: Json | string,
  options: { id?: string; signature?: string | null } = {},
): Promise<DeliveryResult> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const id = options.id ?? randomUUID();
  const signature = options.signature === undefined ? sign(secret, body) : options.signature;
  const response = await fetch(`${baseUrl}/github/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/044aadd',
      'x-github-event': event,
      'x-github-delivery': id,
      'x-github-hook-id': '123456',
      'x-github-hook-installation-target-type': 'integration',
      'x-github-hook-installation-target-id': APP_ID,
      ...(signature === null ? {} : { 'x-hub-signature-256': signature }),
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null, id };
}
