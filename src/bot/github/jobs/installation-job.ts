/**
 * The `github` queue: what a verified App delivery asked for. An installation becomes an
 * integration of its tenant and each granted repository gets its own scan; repositories taken away
 * (or deleted) are retired; an uninstalled or suspended installation is disabled with its alerts
 * closed; a change to a repository rescans that repository only.
 *
 * Idempotent under retries: the integration is found by its installation id under a per-installation
 * lock before anything is created, scan requests join a queued scan of the same repository, and
 * retiring what is already retired changes nothing.
 */
import type { Alert } from '../../../store/alerts.js';
import { appendAudit } from '../../../store/audit.js';
import type { Keyring } from '../../../store/crypto.js';
import type { Db, Tx } from '../../../store/db.js';
import { findInstallationIntegration, githubAppOf, lockInstallation, reconnectInstallation } from '../../../store/github-installations.js';
import { createIntegration, destroyIntegration, findIntegrationByName, updateIntegration, type PublicIntegration } from '../../../store/integrations.js';
import { retireFindings } from '../../../store/retirement.js';
import { ensureDefaultTenant } from '../../../store/tenants.js';
import type { JobContext, JobHandler, JobQueue } from '../../../jobs/job-queue.js';
import type { Envelope, GitHubAccount, GitHubAppJob, JobPayloads } from '../../../jobs/queues.js';
import { startScan } from '../../../jobs/start-scan.js';

export interface InstallationJobDeps {
  db: Db;
  queue: JobQueue<JobPayloads>;
  keyring: Keyring;
  clock?: () => Date;
}

type Job<K extends GitHubAppJob['kind']> = Envelope<Extract<GitHubAppJob, { kind: K }>>;

export function githubAppJobHandler(deps: InstallationJobDeps): JobHandler<JobPayloads['github']> {
  const clock = deps.clock ?? (() => new Date());

  /** The installation's integration, made on first sight: in the tenant that already has it, else the default tenant. */
  async function connect(job: Envelope<{ installationId: number; account: GitHubAccount; actor: string }>): Promise<PublicIntegration> {
    return deps.db.transaction(async (tx) => {
      await lockInstallation(tx, job.installationId);
      const credentials = { installation_id: job.installationId, ...(job.account.type === 'Organization' ? { organization: job.account.login } : {}) };
      const configuration = { githubApp: { installationId: job.installationId, account: job.account.login, accountType: job.account.type } };
      const existing = await findInstallationIntegration(tx, job.installationId);
      if (existing && existing.status !== 'disabled') return existing;
      const tenantId = existing?.tenantId ?? (await ensureDefaultTenant(tx)).id;
      // Installed again after an uninstall: the same integration comes back, with its history.
      const previous = existing ?? (await findIntegrationByName(tx, tenantId, job.account.login));
      if (previous && githubAppOf(previous)) {
        const again = await reconnectInstallation(tx, deps.keyring, previous.id, { credentials, configuration });
        await audit(tx, again, job.actor, 'integration.reconnect', { installationId: job.installationId, account: job.account.login });
        return again;
      }
      // The account's login is the name, unless another integration (a token for the same org) has it.
      const name = previous ? `${job.account.login}-github-app` : job.account.login;
      const created = await createIntegration(tx, deps.keyring, { tenantId, name, provider: 'github', credentials, configuration });
      await audit(tx, created, job.actor, 'integration.create', { name, provider: 'github', installationId: job.installationId, account: job.account.login, via: 'github-app' });
      return created;
    });
  }

  /** One scan per repository, so each gets its own check run as soon as it is done. */
  async function scanEach(integration: PublicIntegration, repositories: string[], job: Envelope<GitHubAppJob>): Promise<void> {
    for (const repository of repositories) {
      await startScan(deps.db, deps.queue, {
        tenantId: integration.tenantId,
        integrationId: integration.id,
        requestedBy: job.actor,
        repositories: [repository],
        correlationId: job.correlationId,
      });
    }
  }

  /** Closes the alerts of what CloudSentinel can no longer see, audits each, and refreshes their chat cards. */
  async function retire(tx: Tx, integration: PublicIntegration, job: Envelope<GitHubAppJob>, reason: string, repositories?: string[]): Promise<Alert[]> {
    const closed = await retireFindings(tx, { integrationId: integration.id, actor: job.actor, reason, now: clock(), ...(repositories ? { repositories } : {}) });
    for (const alert of closed) {
      await appendAudit(tx, { tenantId: integration.tenantId, actor: job.actor, action: 'alert.resolved', targetType: 'alert', targetId: alert.id, details: { reason, deliveryId: job.deliveryId } });
    }
    await deps.queue.sendMany(
      'refresh',
      closed.map((alert) => ({ tenantId: integration.tenantId, alertId: alert.id, version: alert.version, note: reason })),
      { tx, correlationId: job.correlationId },
    );
    return closed;
  }

  const handlers: { [K in GitHubAppJob['kind']]: (job: Job<K>, context: JobContext) => Promise<void> } = {
    'installation-created': async (job) => {
      const integration = await connect(job);
      await scanEach(integration, job.repositories, job);
    },

    'repositories-added': async (job) => {
      // An installation made before CloudSentinel listened is taken on here.
      const integration = await connect(job);
      await scanEach(integration, job.repositories, job);
    },

    'repositories-removed': async (job, context) => {
      await deps.db.transaction(async (tx) => {
        await lockInstallation(tx, job.installationId);
        const integration = await findInstallationIntegration(tx, job.installationId);
        if (!integration) {
          context.logger.info({ installationId: job.installationId }, 'repositories removed from an installation CloudSentinel does not know; nothing to retire');
          return;
        }
        const closed = await retire(tx, integration, job, job.reason, job.repositories);
        await audit(tx, integration, job.actor, 'integration.repositories-removed', { repositories: job.repositories, alertsClosed: closed.length, deliveryId: job.deliveryId });
      });
    },

    'installation-removed': async (job, context) => {
      await deps.db.transaction(async (tx) => {
        await lockInstallation(tx, job.installationId);
        const integration = await findInstallationIntegration(tx, job.installationId);
        if (!integration) {
          context.logger.info({ installationId: job.installationId }, 'an installation CloudSentinel does not know was removed; nothing to do');
          return;
        }
        const what = job.how === 'deleted' ? 'uninstalled from' : 'suspended on';
        const reason = `The CloudSentinel GitHub App was ${what} ${job.account.login}.`;
        // Uninstalled: the installation id is worthless now, so the credentials go (as the REST API's removal does).
        if (job.how === 'deleted') await destroyIntegration(tx, integration.tenantId, integration.id);
        else await updateIntegration(tx, integration.id, { status: 'disabled' });
        const closed = await retire(tx, integration, job, reason);
        await audit(tx, integration, job.actor, job.how === 'deleted' ? 'integration.uninstalled' : 'integration.suspended', {
          installationId: job.installationId,
          account: job.account.login,
          alertsClosed: closed.length,
          deliveryId: job.deliveryId,
        });
      });
    },

    'installation-unsuspended': async (job) => {
      const integration = await connect(job);
      await startScan(deps.db, deps.queue, { tenantId: integration.tenantId, integrationId: integration.id, requestedBy: job.actor, correlationId: job.correlationId });
    },

    rescan: async (job, context) => {
      const integration = await findInstallationIntegration(deps.db, job.installationId);
      if (!integration || integration.status === 'disabled') {
        context.logger.info({ installationId: job.installationId, cause: job.cause }, 'a change in an installation CloudSentinel does not scan; ignored');
        return;
      }
      if (job.repositories) await scanEach(integration, job.repositories, job);
      else await startScan(deps.db, deps.queue, { tenantId: integration.tenantId, integrationId: integration.id, requestedBy: job.actor, correlationId: job.correlationId });
    },
  };

  return (job, context) => {
    context.logger.info({ kind: job.kind, installationId: job.installationId, deliveryId: job.deliveryId }, 'GitHub App job');
    const handler = handlers[job.kind] as (job: Envelope<GitHubAppJob>, context: JobContext) => Promise<void>;
    return handler(job, context);
  };
}

function audit(tx: Tx, integration: PublicIntegration, actor: string, action: string, details: Record<string, unknown>) {
  return appendAudit(tx, { tenantId: integration.tenantId, actor, action, targetType: 'integration', targetId: integration.id, details });
}
