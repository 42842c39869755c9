/**
 * The CloudSentinel GitHub App end to end: the real service (`serve`: HTTP server, job workers) with
 * the App configured, the real @octokit/app against a fake GitHub API (installation tokens from the
 * App's JWT, repository reads, check runs), and a scripted GitHub scanner injected into the service.
 * Deliveries are signed as GitHub signs them, in GitHub's payload shapes.
 */
import { generateKeyPairSync } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubCheckJobHandler } from '../../../src/bot/github/jobs/check-run-job.js';
import { createOctokitApp } from '../../../src/bot/github/octokit-app.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { startService, type RunningService } from '../../../src/service.js';
import { listAudit } from '../../../src/store/audit.js';
import { generateKeySpec } from '../../../src/store/crypto.js';
import type { Db } from '../../../src/store/db.js';
import { findInstallationIntegration } from '../../../src/store/github-installations.js';
import { readCredentials, type PublicIntegration } from '../../../src/store/integrations.js';
import { alerts, findings, githubDeliveries, integrations, scans } from '../../../src/store/schema.js';
import { DEFAULT_TENANT_SLUG, getTenant } from '../../../src/store/tenants.js';
import { startFakeGitHubApp, type FakeGitHubApp } from '../../fakes/github-app.js';
import { serviceDatabase } from '../../helpers/db.js';
import { waitFor } from '../../helpers/wait.js';
import {
  APP_ID,
  INSTALLATION_ID,
  checkRunRequestedAction,
  deliver,
  installationCreated,
  installationDeleted,
  push,
  repositoriesChanged,
  sign,
} from './payloads.js';
import { CHECKS, ScriptedGitHubScanner } from './scripted-scanner.js';

const WEBHOOK_SECRET = 'whsec-test-0123456789abcdef';
const HEAD = { api: 'a'.repeat(40), web: 'b'.repeat(40) };
const TIMEOUT = 15_000;

const appKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_KEY = appKeys.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

let fake: FakeGitHubApp;
let service: RunningService;
let db: Db;
let baseUrl: string;
let dropDatabase: () => Promise<void>;
const scanner = new ScriptedGitHubScanner(['acme/api', 'acme/web', 'acme/docs']);
const logLines: string[] = [];

const post = (event: string, payload: Record<string, unknown> | string, options: { id?: string; signature?: string | null } = {}) =>
  deliver(baseUrl, WEBHOOK_SECRET, event, payload, options);

async function integration(): Promise<PublicIntegration> {
  const found = await findInstallationIntegration(db, INSTALLATION_ID);
  if (!found) throw new Error('no integration for the installation');
  return found;
}

async function scansOf(repository: string) {
  const rows = await db.select().from(scans);
  return rows.filter((scan) => scan.scope?.repositories?.includes(repository));
}

async function allScansFinished(): Promise<boolean> {
  const rows = await db.select({ finishedAt: scans.finishedAt }).from(scans);
  return rows.every((row) => row.finishedAt !== null);
}

const runsOf = (repository: string) => fake.checkRuns.filter((run) => run.repository === repository);

async function alertsOf(repository: string) {
  return db
    .select({ state: alerts.state, reason: alerts.reason, checkId: findings.checkId, changedBy: alerts.changedBy })
    .from(alerts)
    .innerJoin(findings, eq(findings.id, alerts.findingId))
    .where(eq(findings.resourceId, repository));
}

beforeAll(async () => {
  fake = await startFakeGitHubApp({
    appId: APP_ID,
    publicKey: appKeys.publicKey,
    installations: {
      [String(INSTALLATION_ID)]: {
        account: 'acme',
        repositories: {
          api: { defaultBranch: 'main', headSha: HEAD.api },
          web: { defaultBranch: 'main', headSha: HEAD.web },
          docs: { defaultBranch: 'main', headSha: null },
        },
      },
    },
  });
  const database = await serviceDatabase('github-app');
  const databaseEnv = database.env;
  dropDatabase = database.drop;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'debug',
    CLOUDSENTINEL_SHUTDOWN_GRACE_SECONDS: '3',
    CLOUDSENTINEL_ENCRYPTION_KEYS: generateKeySpec('v1'),
    GITHUB_API_URL: fake.url,
    GITHUB_APP_ID: APP_ID,
    // As a secret store often keeps it: one line, base64.
    GITHUB_APP_PRIVATE_KEY: Buffer.from(PRIVATE_KEY).toString('base64'),
    GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
    ...databaseEnv,
  });
  const logger = createLogger('debug', { write: (line: string) => logLines.push(line) });
  scanner.script('acme/api', { fail: [CHECKS.unprotected.id, CHECKS.codeowners.id] });
  service = await startService({ config, logger, mode: 'serve', scanners: { github: scanner } });
  db = service.database.db;
  baseUrl = `http://127.0.0.1:${service.address?.port ?? 0}`;
}, 30_000);

afterAll(async () => {
  await service?.stop();
  await fake?.close();
  await dropDatabase?.();
});

describe('POST /github/webhooks', () => {
  it('refuses a missing or forged signature (401) and a malformed delivery (400), taking nothing', async () => {
    const body = JSON.stringify(installationCreated(['acme/api']));
    expect((await post('installation', body, { signature: null })).status).toBe(401);
    expect((await post('installation', body, { signature: sign('not-the-secret-at-all', body) })).status).toBe(401);
    expect((await post('installation', body, { signature: 'sha256=nothex' })).status).toBe(401);
    // Signed with the right secret, but not a delivery.
    expect((await post('installation', '{"action": "created", ')).status).toBe(400);
    expect((await post('installation', '[1, 2]')).status).toBe(400);
    const missingInstallation = await post('installation', { action: 'created', repositories: [], sender: { login: 'octocat' } });
    expect(missingInstallation.status).toBe(400);
    expect(missingInstallation.body).toMatchObject({ error: expect.stringMatching(/malformed: no installation id/) as unknown });
    // An event nobody handles (GitHub's ping when the App is registered) is acknowledged.
    expect((await post('ping', { zen: 'Keep it logically awesome.', hook_id: 1 })).status).toBe(202);

    const [taken] = await db.select({ n: count() }).from(githubDeliveries);
    expect(taken?.n).toBe(0);
    expect(await db.select().from(integrations)).toEqual([]);
  });

  it('installation created: the installation becomes an integration of the default tenant and each repository is scanned and checked', async () => {
    const started = Date.now();
    const created = await post('installation', installationCreated(['acme/api', 'acme/web', 'acme/docs']));
    expect(created.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(2000);

    await waitFor(async () => runsOf('acme/api').length === 1 && runsOf('acme/web').length === 1 && (await scansOf('acme/docs')).some((s) => s.finishedAt), TIMEOUT, 100);

    const app = await integration();
    expect(app).toMatchObject({ name: 'acme', provider: 'github', status: 'connected', configuration: { githubApp: { installationId: INSTALLATION_ID, account: 'acme', accountType: 'Organization' } } });
    expect((await getTenant(db, app.tenantId)).slug).toBe(DEFAULT_TENANT_SLUG);
    expect(await readCredentials(db, service.keyring, app)).toEqual({ installation_id: INSTALLATION_ID, organization: 'acme' });
    // Stored encrypted, not in clear.
    const [stored] = await db.select({ enc: integrations.credentialsEnc }).from(integrations).where(eq(integrations.id, app.id));
    expect(stored?.enc).toMatch(/^cs1:/);
    expect(stored?.enc).not.toContain(String(INSTALLATION_ID));

    // One scan per repository, each scoped to it, and the scanner was told so.
    for (const repository of ['acme/api', 'acme/web', 'acme/docs']) {
      const [scan, ...more] = await scansOf(repository);
      expect(more).toEqual([]);
      expect(scan).toMatchObject({ integrationId: app.id, scope: { repositories: [repository] }, requestedBy: 'github:octocat' });
    }
    expect(scanner.calls.map((call) => call.scope?.repositories).sort()).toEqual([['acme/api'], ['acme/docs'], ['acme/web']]);
    expect(scanner.calls[0]?.credentials).toEqual({ installation_id: INSTALLATION_ID, organization: 'acme' });

    // The failing repository: a failed check run on its default branch head, a table of what fails, and the Rescan button.
    const [apiRun] = runsOf('acme/api');
    expect(apiRun?.body).toMatchObject({ name: 'CloudSentinel posture', head_sha: HEAD.api, status: 'completed', conclusion: 'failure', output: { title: '2 failing checks' } });
    const summary = apiRun?.body.output?.summary ?? '';
    expect(summary).toContain('| Severity | Check | Resource | Detail |');
    expect(summary).toContain(`| high | Default branch is not protected (\`${CHECKS.unprotected.id}\`) | \`acme/api\` |`);
    expect(summary).toContain(`| low | No CODEOWNERS for the default branch (\`${CHECKS.codeowners.id}\`)`);
    expect(summary).not.toContain(CHECKS.secretScanning.id);
    expect(summary.indexOf('| high |')).toBeLessThan(summary.indexOf('| low |'));
    expect(apiRun?.body.actions?.map((a) => a.identifier)).toEqual(['rescan', 'rescan-all']);
    expect(apiRun?.body.external_id).toBe((await scansOf('acme/api'))[0]?.id);
    // The passing one succeeds; the empty one has no commit to put a check run on.
    expect(runsOf('acme/web')[0]?.body).toMatchObject({ head_sha: HEAD.web, conclusion: 'success', output: { title: 'All checks pass' } });
    expect(runsOf('acme/docs')).toEqual([]);
    expect(fake.tokensIssued(String(INSTALLATION_ID))).toBeGreaterThan(0);

    // Findings became alerts, as for any integration (chat notifications come from the same notify jobs).
    expect((await alertsOf('acme/api')).map((a) => [a.checkId, a.state]).sort()).toEqual([
      [CHECKS.codeowners.id, 'open'],
      [CHECKS.unprotected.id, 'open'],
    ]);
    const actions = (await listAudit(db, { limit: 100 })).map((row) => row.action);
    expect(actions).toContain('integration.create');
    expect(actions.filter((a) => a === 'scan.requested')).toHaveLength(3);
  });

  it('a redelivery of the same delivery does nothing twice', async () => {
    const payload = installationCreated(['acme/api', 'acme/web', 'acme/docs']);
    const first = await post('installation_repositories', repositoriesChanged('added', ['acme/web']));
    expect(first.status).toBe(202);
    await waitFor(async () => (await scansOf('acme/web')).length === 2 && allScansFinished(), TIMEOUT, 100);
    const again = await post('installation_repositories', repositoriesChanged('added', ['acme/web']), { id: first.id });
    expect(again.status).toBe(202);
    // And the original installation delivery, redelivered from GitHub's settings page.
    const [original] = await db.select().from(githubDeliveries).where(eq(githubDeliveries.event, 'installation'));
    expect((await post('installation', payload, { id: original?.deliveryId })).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await scansOf('acme/web')).toHaveLength(2);
    expect(await scansOf('acme/api')).toHaveLength(1);
    expect(await db.select().from(integrations)).toHaveLength(1);
    const [delivered] = await db.select({ n: count() }).from(githubDeliveries).where(eq(githubDeliveries.deliveryId, first.id));
    expect(delivered?.n).toBe(1);
  });

  it('a push to another branch is ignored; a push to the default branch rescans that repository only', async () => {
    await waitFor(() => runsOf('acme/web').length === 2, TIMEOUT, 100);
    const before = { api: (await scansOf('acme/api')).length, web: (await scansOf('acme/web')).length };
    expect((await post('push', push('acme/web', 'feature/codeowners'))).status).toBe(202);
    // Secret scanning cannot be read this time: the scan is partial and the check run neutral.
    scanner.script('acme/web', { unknown: [CHECKS.secretScanning.id] });
    expect((await post('push', push('acme/web', 'main'))).status).toBe(202);
    await waitFor(() => runsOf('acme/web').length === 3, TIMEOUT, 100);
    expect((await scansOf('acme/web')).length).toBe(before.web + 1);
    expect((await scansOf('acme/api')).length).toBe(before.api);
    const latest = runsOf('acme/web').at(-1);
    expect(latest?.body).toMatchObject({ conclusion: 'neutral', output: { title: 'No failing checks, but some could not be checked' } });
    expect(latest?.body.output?.summary).toContain('### Could not be checked');
    expect(latest?.body.output?.summary).toContain('Resource not accessible by integration');
  });

  it('the check run\'s Rescan button rescans that repository', async () => {
    const before = (await scansOf('acme/api')).length;
    const pressed = await post('check_run', checkRunRequestedAction('acme/api', HEAD.api, 'rescan'));
    expect(pressed.status).toBe(202);
    await waitFor(() => runsOf('acme/api').length === 2, TIMEOUT, 100);
    const after = await scansOf('acme/api');
    expect(after).toHaveLength(before + 1);
    expect(after.find((scan) => scan.requestedBy === 'github:octocat' && scan.createdAt > (after[0]?.createdAt ?? new Date(0)))).toBeDefined();
    expect(runsOf('acme/api').at(-1)?.body.conclusion).toBe('failure');
  });

  it('the check-run job: a retry does not post twice for one scan; a repository out of reach is given up, not retried', async () => {
    const handler = githubCheckJobHandler({
      db,
      keyring: service.keyring,
      app: createOctokitApp({ appId: APP_ID, privateKey: PRIVATE_KEY, webhookSecret: null, apiUrl: fake.url }),
    });
    const app = await integration();
    const scanId = runsOf('acme/api').at(-1)?.body.external_id ?? '';
    const job = { tenantId: app.tenantId, integrationId: app.id, scanId, repository: 'acme/api', correlationId: 'test' };
    const context = (retryCount: number) => ({ id: 'job-1', queue: 'github-check', correlationId: 'test', retryCount, logger: createLogger('silent'), signal: new AbortController().signal });
    const before = runsOf('acme/api').length;
    await handler(job, context(1));
    expect(runsOf('acme/api')).toHaveLength(before);
    await handler(job, context(0));
    expect(runsOf('acme/api')).toHaveLength(before + 1);
    await expect(handler({ ...job, repository: 'acme/gone' }, context(0))).resolves.toBeUndefined();
    expect(runsOf('acme/gone')).toEqual([]);
  });

  it('repositories removed from the installation are retired: findings resolved, alerts closed with the reason; added back, they alert again', async () => {
    await waitFor(allScansFinished, TIMEOUT, 100);
    const app = await integration();
    const webFindings = () => db.select({ id: findings.id, resolvedAt: findings.resolvedAt }).from(findings).where(and(eq(findings.integrationId, app.id), eq(findings.resourceId, 'acme/web')));
    const webBefore = await webFindings();
    expect((await post('installation_repositories', repositoriesChanged('removed', ['acme/api']))).status).toBe(202);
    await waitFor(async () => (await alertsOf('acme/api')).every((a) => a.state === 'resolved'), TIMEOUT, 100);
    for (const alert of await alertsOf('acme/api')) {
      expect(alert).toMatchObject({ reason: 'The repository was removed from the CloudSentinel GitHub App installation.', changedBy: 'github:octocat' });
    }
    const current = await db.select().from(findings).where(and(eq(findings.integrationId, app.id), eq(findings.resourceId, 'acme/api')));
    expect(current.length).toBe(3);
    expect(current.every((f) => f.resolvedAt !== null)).toBe(true);
    // Other repositories keep theirs as they were.
    expect(await webFindings()).toEqual(webBefore);
    expect((await listAudit(db, { limit: 200 })).map((row) => row.action)).toContain('integration.repositories-removed');

    expect((await post('installation_repositories', repositoriesChanged('added', ['acme/api']))).status).toBe(202);
    await waitFor(async () => (await alertsOf('acme/api')).every((a) => a.state === 'open'), TIMEOUT, 100);
  });

  it('installation deleted: the integration is disabled and its credentials destroyed, its alerts closed with the reason, audited; later deliveries are ignored', async () => {
    await waitFor(allScansFinished, TIMEOUT, 100);
    expect((await post('installation', installationDeleted(['acme/api', 'acme/web']))).status).toBe(202);
    await waitFor(async () => (await integration()).status === 'disabled', TIMEOUT, 100);
    const app = await integration();
    const [stored] = await db.select({ enc: integrations.credentialsEnc }).from(integrations).where(eq(integrations.id, app.id));
    expect(stored?.enc).toBeNull();
    const closed = await alertsOf('acme/api');
    expect(closed.length).toBeGreaterThan(0);
    for (const alert of closed) expect(alert).toMatchObject({ state: 'resolved', reason: 'The CloudSentinel GitHub App was uninstalled from acme.' });
    const audit = await listAudit(db, { limit: 300 });
    expect(audit.find((row) => row.action === 'integration.uninstalled')).toMatchObject({ targetId: app.id, actor: 'github:octocat', details: { installationId: INSTALLATION_ID, alertsClosed: closed.length } });

    const scanCount = (await db.select().from(scans)).length;
    expect((await post('push', push('acme/web', 'main'))).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await db.select().from(scans)).toHaveLength(scanCount);
  });

  it('never writes the webhook secret, the App key or an installation token to the log', () => {
    const log = logLines.join('\n');
    expect(log).toContain('GitHub delivery taken');
    expect(log).not.toContain(WEBHOOK_SECRET);
    expect(log).not.toContain(PRIVATE_KEY.split('\n')[1]);
    expect(log).not.toMatch(/ghs_[0-9a-f]{36}/);
  });
});
