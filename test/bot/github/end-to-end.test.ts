/**
 * The GitHub App end to end, as the "Done when" reads: installing the App on an
 * organization results in repository findings, check runs and chat alerts. Nothing is scripted
 * inside CloudSentinel: the real service (`serve`: HTTP server, job workers, the shared rate
 * limiter in the database) with the REAL GitHub scanner, the real @octokit/app, and one fake GitHub
 * behind GITHUB_API_URL that serves the installation-token flow, the REST endpoints the checks read
 * (with `Link` pagination, rate-limit headers and ETags) and records check runs; Slack is a fake
 * behind SLACK_API_URL with a channel subscribed to the tenant's integrations. Deliveries are signed
 * as GitHub signs them, in GitHub's payload shapes, and go through POST /github/webhooks and the
 * real handlers: installation created, a push that fixes a setting, an organization ruleset, the
 * "Rescan all" button, and a suspend / unsuspend.
 */
import { generateKeyPairSync } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { startService, type RunningService } from '../../../src/service.js';
import { listAlertMessages } from '../../../src/store/alert-messages.js';
import { generateKeySpec } from '../../../src/store/crypto.js';
import { rowsOf, type Db } from '../../../src/store/db.js';
import { findInstallationIntegration } from '../../../src/store/github-installations.js';
import type { PublicIntegration } from '../../../src/store/integrations.js';
import { listRoutesForChannel } from '../../../src/store/routes.js';
import { alerts, findings, scans } from '../../../src/store/schema.js';
import { headShaOf, startFakeGitHubApi, type FakeGitHubApi, type FakeRepo } from '../../fakes/github-api.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack.js';
import { serviceDatabase } from '../../helpers/db.js';
import { postSlack, slashCommandBody } from '../../helpers/slack.js';
import { waitFor } from '../../helpers/wait.js';
import { compliantRepo } from '../../scanning/github/world.js';
import { APP_ID, INSTALLATION_ID, checkRunRequestedAction, deliver, installationCreated, installationSuspension, organizationRuleset, push } from './payloads.js';

const WEBHOOK_SECRET = 'whsec-e2e-0123456789abcdef';
const SLACK_SECRET = 'e2e-github-signing-secret';
const ADMIN = 'UADMIN';
const CHANNEL = 'C-GITHUB-SEC';
const REPOSITORIES = ['acme/api', 'acme/web', 'acme/docs'];
const NO_CODEOWNERS = 'github-repo-no-codeowners';
const SECRET_SCANNING = 'github-repo-secret-scanning-disabled';
const TIMEOUT = 15_000;

const appKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_KEY = appKeys.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

const compliant = compliantRepo;

/** `acme/web` has no CODEOWNERS (a push can fix that) and secret scanning off (a push cannot). */
const web: FakeRepo = { ...compliant('web'), codeowners: null, securityAndAnalysis: { secretScanning: 'disabled', pushProtection: 'disabled' } };

let github: FakeGitHubApi;
let slack: FakeSlack;
let service: RunningService;
let db: Db;
let baseUrl: string;
let dropDatabase: () => Promise<void>;
const logLines: string[] = [];

const post = (event: string, payload: Record<string, unknown>) => deliver(baseUrl, WEBHOOK_SECRET, event, payload);
const runsOf = (repository: string) => github.checkRuns.filter((run) => run.repository === repository);

async function integration(): Promise<PublicIntegration> {
  const found = await findInstallationIntegration(db, INSTALLATION_ID);
  if (!found) throw new Error('no integration for the installation');
  return found;
}

async function allScans() {
  return db.select().from(scans).orderBy(scans.createdAt);
}

const scansOf = async (repository: string) => (await allScans()).filter((scan) => scan.scope?.repositories?.includes(repository));
const fullScans = async () => (await allScans()).filter((scan) => scan.scope === null);
const allScansFinished = async () => (await allScans()).every((scan) => scan.finishedAt !== null);

/** The current (unresolved) findings and the alert of each, for one resource. */
async function alertsOf(resourceId: string) {
  return db
    .select({ id: alerts.id, state: alerts.state, reason: alerts.reason, checkId: findings.checkId, status: findings.status })
    .from(alerts)
    .innerJoin(findings, eq(findings.id, alerts.findingId))
    .where(eq(findings.resourceId, resourceId));
}

async function cardsIn(channel: string, alertId: string) {
  return (await listAlertMessages(db, alertId)).filter((message) => message.channelId === channel);
}

/** The `scan recorded` log line of a scan: its summary and the API calls it made. */
function recorded(scanId: string): { apiCalls?: { calls: number; notModified?: number }; new?: number; resolved?: number } | undefined {
  for (const line of logLines) {
    const entry = JSON.parse(line) as { msg?: string; scanId?: string };
    if (entry.msg === 'scan recorded' && entry.scanId === scanId) return entry as ReturnType<typeof recorded>;
  }
  return undefined;
}

beforeAll(async () => {
  github = await startFakeGitHubApi({
    token: 'ghp_unused-in-this-test',
    login: 'octo-scanner',
    // Two a page: a scan of the whole installation lists the three repositories over two pages.
    pageSize: 2,
    orgs: [
      {
        login: 'acme',
        settings: { two_factor_requirement_enabled: true, default_repository_permission: 'read', members_can_create_public_repositories: false, is_verified: true },
        owners: ['alice', 'bob'],
        actions: { enabled_repositories: 'all', allowed_actions: 'selected' },
        workflow: { default_workflow_permissions: 'read', can_approve_pull_request_reviews: false },
        repos: [compliant('api'), web, compliant('docs')],
      },
    ],
    app: { appId: APP_ID, publicKey: appKeys.publicKey, installations: { [String(INSTALLATION_ID)]: 'acme' } },
  });
  slack = await startFakeSlack();
  const database = await serviceDatabase('github-e2e');
  const databaseEnv = database.env;
  dropDatabase = database.drop;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    CLOUDSENTINEL_SHUTDOWN_GRACE_SECONDS: '3',
    CLOUDSENTINEL_ENCRYPTION_KEYS: generateKeySpec('v1'),
    CLOUDSENTINEL_ADMINS: `slack:${ADMIN}`,
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_API_URL: slack.url,
    SLACK_BOT_TOKEN: 'xoxb-github-e2e-bot-token',
    GITHUB_API_URL: github.url,
    GITHUB_APP_ID: APP_ID,
    GITHUB_APP_PRIVATE_KEY: PRIVATE_KEY,
    GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
    ...databaseEnv,
  });
  const logger = createLogger('info', { write: (line: string) => logLines.push(line) });
  // No scanners injected: the service builds its real ones, the GitHub scanner included.
  service = await startService({ config, logger, mode: 'serve' });
  db = service.database.db;
  baseUrl = `http://127.0.0.1:${service.address?.port ?? 0}`;

  // The security channel takes every integration's alerts, the App's included once it is installed.
  const subscribed = await postSlack(
    baseUrl,
    SLACK_SECRET,
    slashCommandBody({ teamId: slack.team.id, userId: ADMIN, channelId: CHANNEL, text: 'subscribe all low', responseUrl: slack.responseUrl('subscribe') }),
  );
  expect(subscribed.status).toBe(200);
  await waitFor(async () => (await listRoutesForChannel(db, 'slack', CHANNEL)).length === 1, TIMEOUT);
}, 60_000);

afterAll(async () => {
  await service?.stop();
  await github?.close();
  await slack?.close();
  await dropDatabase?.();
});

describe('the GitHub App, end to end with the real scanner', () => {
  it('installation created: each repository is scanned, its findings stored, a check run posted on its default branch head, and the failures alerted in the subscribed channel', async () => {
    const created = await post('installation', installationCreated(REPOSITORIES));
    expect(created.status).toBe(202);
    await waitFor(async () => REPOSITORIES.every((r) => runsOf(r).length === 1) && (await allScansFinished()), TIMEOUT, 100);

    const app = await integration();
    expect(app).toMatchObject({ name: 'acme', provider: 'github', status: 'connected' });
    // One scan per repository, each of it alone, each complete.
    for (const repository of REPOSITORIES) {
      const [scan, ...more] = await scansOf(repository);
      expect(more).toEqual([]);
      expect(scan).toMatchObject({ integrationId: app.id, status: 'complete', scope: { repositories: [repository] } });
    }
    // The installation token came from the App's JWT; the checks' reads were made with it.
    expect(github.count('access_token')).toBeGreaterThan(0);
    for (const route of ['protection', 'rules', 'vulnerability_alerts', 'collaborators', 'contents', 'repo_actions']) expect(github.count(route), route).toBeGreaterThan(0);
    // ... each drawn first from the installation's request budget, shared in the database by every worker.
    const buckets = rowsOf<{ key: string }>(await db.execute(sql`select key from rate_buckets`)).map((row) => row.key);
    expect(buckets.filter((key) => key.startsWith('github:'))).toHaveLength(1);

    // Findings stored for each repository (repository checks only: a scan of named repositories does not judge the organization).
    const stored = await db.select().from(findings).where(eq(findings.integrationId, app.id));
    expect(new Set(stored.map((f) => f.resourceId))).toEqual(new Set(REPOSITORIES));
    const failing = stored.filter((f) => f.status === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    expect(new Set(failing.map((f) => f.resourceId))).toEqual(new Set(['acme/web']));
    expect(failing.map((f) => f.checkId)).toEqual(expect.arrayContaining([NO_CODEOWNERS, SECRET_SCANNING]));

    // Check runs on each default branch's head: success where nothing fails, failure with the table where something does.
    for (const repository of ['acme/api', 'acme/docs']) {
      const [run] = runsOf(repository);
      const owner = repository.split('/')[1] ?? '';
      expect(run?.body).toMatchObject({ name: 'CloudSentinel posture', head_sha: headShaOf('acme', compliant(owner)), status: 'completed', conclusion: 'success', output: { title: 'All checks pass' } });
    }
    const [webRun] = runsOf('acme/web');
    expect(webRun?.body).toMatchObject({ name: 'CloudSentinel posture', head_sha: headShaOf('acme', web), conclusion: 'failure', output: { title: `${failing.length} failing check${failing.length === 1 ? '' : 's'}` } });
    expect(webRun?.installationId).toBe(String(INSTALLATION_ID));
    expect(webRun?.body.external_id).toBe((await scansOf('acme/web'))[0]?.id);
    const summary = webRun?.body.output?.summary ?? '';
    expect(summary).toContain('| Severity | Check | Resource | Detail |');
    for (const finding of failing) expect(summary).toContain(`(\`${finding.checkId}\`) | \`acme/web\` |`);
    expect(webRun?.body.actions?.map((a) => a.identifier)).toEqual(['rescan', 'rescan-all']);

    // An alert per failure, each with its card in the subscribed channel.
    const webAlerts = await alertsOf('acme/web');
    expect(webAlerts.map((a) => [a.checkId, a.state]).sort()).toEqual(failing.map((f) => [f.checkId, 'open']).sort());
    await waitFor(async () => (await Promise.all(webAlerts.map((a) => cardsIn(CHANNEL, a.id)))).every((cards) => cards.length === 1), TIMEOUT, 100);
    const codeowners = webAlerts.find((a) => a.checkId === NO_CODEOWNERS);
    const [card] = await cardsIn(CHANNEL, codeowners?.id ?? '');
    const posted = slack.message(CHANNEL, card?.messageId ?? '');
    expect(JSON.stringify(posted?.blocks)).toContain('acme/web');
    expect(posted?.updates).toBe(0);
  });

  it('a push to the default branch that adds CODEOWNERS rescans that repository only: that alert is resolved and its card updated', async () => {
    const before = { api: (await scansOf('acme/api')).length, docs: (await scansOf('acme/docs')).length, web: (await scansOf('acme/web')).length };
    const open = await alertsOf('acme/web');
    const codeowners = open.find((a) => a.checkId === NO_CODEOWNERS);
    const [card] = await cardsIn(CHANNEL, codeowners?.id ?? '');

    // Someone adds .github/CODEOWNERS on the default branch: it has a new head commit.
    const head = '1'.repeat(40);
    Object.assign(web, { codeowners: '.github/CODEOWNERS', headSha: head });
    expect((await post('push', push('acme/web', 'main', head))).status).toBe(202);
    await waitFor(async () => runsOf('acme/web').length === 2 && (await allScansFinished()), TIMEOUT, 100);

    expect((await scansOf('acme/web')).length).toBe(before.web + 1);
    expect((await scansOf('acme/api')).length).toBe(before.api);
    expect((await scansOf('acme/docs')).length).toBe(before.docs);
    expect(await fullScans()).toEqual([]);
    // Still failing (secret scanning is off), on the new head, without the fixed check.
    const still = open.length - 1;
    const rerun = runsOf('acme/web')[1]?.body;
    expect(rerun).toMatchObject({ head_sha: head, conclusion: 'failure', output: { title: `${still} failing check${still === 1 ? '' : 's'}` } });
    expect(rerun?.output?.summary).not.toContain(NO_CODEOWNERS);
    expect(rerun?.output?.summary).toContain(SECRET_SCANNING);

    const after = await alertsOf('acme/web');
    expect(after.find((a) => a.id === codeowners?.id)?.state).toBe('resolved');
    expect(after.filter((a) => a.state === 'open').map((a) => a.checkId).sort()).toEqual(open.filter((a) => a.checkId !== NO_CODEOWNERS).map((a) => a.checkId).sort());
    // The card in the channel is redrawn to say so (no second card is posted for it).
    await waitFor(() => (slack.message(CHANNEL, card?.messageId ?? '')?.updates ?? 0) > 0, TIMEOUT, 100);
    expect(await cardsIn(CHANNEL, codeowners?.id ?? '')).toHaveLength(1);
    expect(JSON.stringify(slack.message(CHANNEL, card?.messageId ?? '')?.blocks).toLowerCase()).toContain('resolved');
  });

  it('an organization ruleset rescans the whole installation: every repository listed page by page, the organization judged, every repository checked', async () => {
    const runsBefore = REPOSITORIES.map((r) => runsOf(r).length);
    const listedBefore = github.count('org_repos');
    expect((await post('repository_ruleset', organizationRuleset('created'))).status).toBe(202);
    await waitFor(async () => (await fullScans()).length === 1 && (await allScansFinished()) && REPOSITORIES.every((r, i) => runsOf(r).length === (runsBefore[i] ?? 0) + 1), TIMEOUT, 100);

    const [scan] = await fullScans();
    expect(scan).toMatchObject({ status: 'complete', requestedBy: 'github:octocat' });
    // Three repositories at two a page: two pages, following `Link: rel="next"`.
    expect(github.count('org_repos') - listedBefore).toBe(2);
    const app = await integration();
    const orgFindings = await db.select().from(findings).where(and(eq(findings.integrationId, app.id), eq(findings.resourceId, 'org/acme')));
    expect(orgFindings.map((f) => f.checkId)).toContain('github-org-2fa-not-required');
    expect(orgFindings.every((f) => f.status === 'pass')).toBe(true);
    for (const repository of REPOSITORIES) expect(runsOf(repository).at(-1)?.body.external_id).toBe(scan?.id);
  });

  it('the check run\'s "Rescan all" button rescans the installation, and the rescan\'s answers come back 304 from the ETag cache', async () => {
    const fullBefore = (await fullScans()).length;
    const notModifiedBefore = github.notModified();
    const pressed = await post('check_run', checkRunRequestedAction('acme/api', headShaOf('acme', compliant('api')) ?? '', 'rescan-all'));
    expect(pressed.status).toBe(202);
    await waitFor(async () => (await fullScans()).length === fullBefore + 1 && (await allScansFinished()), TIMEOUT, 100);
    const scan = (await fullScans()).at(-1);
    expect(scan).toMatchObject({ status: 'complete', requestedBy: 'github:octocat' });
    await waitFor(() => REPOSITORIES.every((r) => runsOf(r).at(-1)?.body.external_id === scan?.id), TIMEOUT, 100);

    // The same requests as the ruleset's full scan, but what had an ETag is not modified: the scan's
    // own count (in its log line) is what the fake answered 304.
    const counted = recorded(scan?.id ?? '')?.apiCalls;
    expect(counted?.notModified).toBeGreaterThan(0);
    expect(counted?.notModified).toBe(github.notModified() - notModifiedBefore);
    expect(counted?.notModified).toBeLessThan(counted?.calls ?? 0);
  });

  it('suspended, the installation\'s alerts are closed; unsuspended, it is scanned whole again and its failures alert again', async () => {
    const failing = (await alertsOf('acme/web')).filter((a) => a.state === 'open').map((a) => a.checkId).sort();
    expect(failing).toContain(SECRET_SCANNING);
    expect((await post('installation', installationSuspension('suspend', REPOSITORIES))).status).toBe(202);
    await waitFor(async () => (await integration()).status === 'disabled', TIMEOUT, 100);
    for (const alert of await alertsOf('acme/web')) expect(alert.state).toBe('resolved');
    expect((await alertsOf('acme/web')).find((a) => a.checkId === SECRET_SCANNING)?.reason).toBe('The CloudSentinel GitHub App was suspended on acme.');

    const fullBefore = (await fullScans()).length;
    expect((await post('installation', installationSuspension('unsuspend', REPOSITORIES))).status).toBe(202);
    await waitFor(async () => (await fullScans()).length === fullBefore + 1 && (await allScansFinished()), TIMEOUT, 100);
    expect(await integration()).toMatchObject({ status: 'connected' });
    const scan = (await fullScans()).at(-1);
    expect(scan).toMatchObject({ status: 'complete' });
    const reopened = async () => (await alertsOf('acme/web')).filter((a) => a.state === 'open').map((a) => a.checkId).sort();
    expect(await reopened()).toEqual(failing);
    await waitFor(() => runsOf('acme/web').at(-1)?.body.external_id === scan?.id, TIMEOUT, 100);
    expect(runsOf('acme/web').at(-1)?.body).toMatchObject({ conclusion: 'failure' });

    // Every card in the channel comes to show its alert as it now is: closed by the suspension, open again.
    const cardsCurrent = async (): Promise<boolean> => {
      for (const alert of await db.select({ id: alerts.id, version: alerts.version }).from(alerts)) {
        if ((await cardsIn(CHANNEL, alert.id)).some((card) => card.renderedVersion < alert.version)) return false;
      }
      return true;
    };
    await waitFor(cardsCurrent, TIMEOUT, 200);
  });
});
