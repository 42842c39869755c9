/**
 * A running CloudSentinel: the database (migrated), the keyring, the job queue with its workers and,
 * for `serve`, the HTTP server. `stop()` shuts it down in the order that loses nothing: refuse new
 * traffic, let in-flight requests and jobs finish within the grace period, close the database.
 */
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiRouter } from './api/router.js';
import { createDiscordApp } from './bot/discord/app.js';
import { createDiscordNotifier } from './bot/discord/notifier.js';
import { createGitHubApp } from './bot/github/index.js';
import { createSlackApp } from './bot/slack/app.js';
import type { RequestFront } from './bot/slack/fast-ack.js';
import { createSlackNotifier } from './bot/slack/notifier.js';
import { createTeamsBot } from './bot/teams/app.js';
import { createTeamsNotifier } from './bot/teams/notifier.js';
import type { NotifierRegistry } from './bot/core/types.js';
import type { Config } from './config.js';
import { AppError } from './errors.js';
import type { Readiness } from './http/health.js';
import { createJobHandlers, type JobHandlers } from './jobs/handlers/index.js';
import { HEALTH_CHECK_CRON, type HealthCheck } from './jobs/handlers/maintenance.js';
import { createSharedRateLimiter } from './integrations/rate-limits.js';
import { testIntegration } from './integrations/test-connection.js';
import { listIntegrations } from './store/integrations.js';
import { JobQueue } from './jobs/job-queue.js';
import { QUEUE_NAMES, QUEUE_SPECS, type JobPayloads, type QueueName } from './jobs/queues.js';
import { resolveKeyring } from './keyring.js';
import type { Logger } from './logger.js';
import { createMetrics, trackIntegrationHealth, type Metrics } from './metrics.js';
import type { EvidenceCollectorRegistry } from './evidence/types.js';
import type { ScannerRegistry } from './scanning/scanner.js';
import { defaultEvidenceCollectors, defaultScanners } from './scanning/scanners.js';
import { createServer } from './server.js';
import type { Keyring } from './store/crypto.js';
import { openDatabase, type Database } from './store/db.js';

export type ServiceMode = 'serve' | 'worker';

export interface ServiceOptions {
  config: Config;
  logger: Logger;
  mode: ServiceMode;
  /** Replace or add job handlers (benchmarks and tests bring their own work). */
  handlers?: Partial<JobHandlers>;
  /** The provider scanners scan jobs use (default: every provider this build supports). */
  scanners?: ScannerRegistry;
  /** The evidence collectors sync jobs use (default: every provider this build supports). */
  collectors?: EvidenceCollectorRegistry;
}

export interface RunningService {
  database: Database;
  keyring: Keyring;
  queue: JobQueue<JobPayloads>;
  metrics: Metrics;
  readiness: Readiness;
  /** The HTTP address, for `serve`. */
  address: AddressInfo | null;
  stop(): Promise<void>;
}

export async function openConfiguredDatabase(config: Config, logger: Logger): Promise<Database> {
  if (config.database.kind === 'embedded') {
    logger.info(
      { dataDir: config.database.dataDir },
      'Using the embedded database (PGlite). For production, or to run several processes, set DATABASE_URL=postgres://user:password@host:5432/db',
    );
    return openDatabase({ kind: 'embedded', dataDir: config.database.dataDir });
  }
  return openDatabase({ kind: 'postgres', url: config.database.url, poolSize: config.database.poolSize });
}

export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { config, logger, mode } = options;
  if (mode === 'worker' && config.database.kind === 'embedded') {
    throw new AppError('CONFIG_ERROR', '`cloudsentinel worker` needs DATABASE_URL: the embedded database belongs to the one process that opened it.', {
      hint: 'Point every server and worker at the same PostgreSQL with DATABASE_URL; `serve` alone runs workers in-process.',
    });
  }
  const metrics = createMetrics();
  const database = await openConfiguredDatabase(config, logger);
  const cleanup: Array<() => Promise<void>> = [() => database.close()];
  try {
    await database.migrate();
    const keyring = resolveKeyring(config, logger);
    const queue = await JobQueue.start<JobPayloads>({ boss: database.bossOptions, specs: QUEUE_SPECS, logger, metrics });
    cleanup.unshift(() => queue.stop(config.shutdownGraceMs));

    if (mode === 'serve') {
      await queue.schedule('maintenance', config.maintenanceCron, { task: 'reopen-expired-suppressions' }, 'reopen-expired-suppressions');
      // Integrations added or changed from the CLI or API get their scan schedules on the next tick.
      await queue.schedule('maintenance', config.maintenanceCron, { task: 'sync-schedules' }, 'sync-schedules');
      await queue.send('maintenance', { task: 'sync-schedules' });
      await queue.schedule('maintenance', HEALTH_CHECK_CRON, { task: 'check-health' }, 'check-health');
    }
    // Every platform configured here, for the jobs that post and refresh cards.
    const notifiers: NotifierRegistry = {};
    if (config.slack) notifiers.slack = createSlackNotifier({ db: database.db, keyring, slack: config.slack, logger });
    if (config.teams) notifiers.teams = createTeamsNotifier({ db: database.db, keyring, teams: config.teams, logger });
    if (config.discord) notifiers.discord = createDiscordNotifier({ db: database.db, discord: config.discord, logger });
    // The GitHub App (when GITHUB_APP_ID and its key are set): its webhook endpoint and its jobs.
    const githubApp = createGitHubApp(config.github, { db: database.db, queue, keyring, logger });

    if (mode === 'worker' || config.runWorkers) {
      // Every worker on every machine draws from the same provider budgets (rate_buckets in Postgres).
      const rateLimiter = createSharedRateLimiter(database.db);
      const scanners = options.scanners ?? defaultScanners(config, { rateLimiter });
      const collectors = options.collectors ?? defaultEvidenceCollectors(config, { rateLimiter });
      const handlers = {
        ...createJobHandlers({ db: database.db, queue, logger, keyring, scanners, collectors, notifiers, digestThreshold: config.digestThreshold, checkHealth: healthCheck(database.db, keyring, config) }),
        ...githubApp?.handlers,
        ...options.handlers,
      };
      for (const name of QUEUE_NAMES) await startWorker(queue, name, handlers);
      logger.info({ queues: QUEUE_NAMES.filter((name) => handlers[name]) }, 'job workers started');
    }

    trackIntegrationHealth(metrics, async () => (await listIntegrations(database.db)).map((i) => ({ name: i.name, provider: i.provider, status: i.health?.status ?? null })));

    const readiness: Readiness = {
      shuttingDown: false,
      checks: [
        { name: 'database', check: () => database.ping() },
        {
          name: 'migrations',
          check: async () => {
            const pending = await database.pendingMigrations();
            if (pending > 0) throw new Error(`${pending} migration(s) not applied; run \`cloudsentinel migrate\``);
          },
        },
        {
          name: 'jobs',
          check: () => (queue.running ? Promise.resolve() : Promise.reject(new Error(`job queue is ${queue.status.state}`))),
        },
      ],
    };

    let address: AddressInfo | null = null;
    if (mode === 'serve') {
      const routers = [];
      let front: RequestFront | null = null;
      if (config.slack) {
        const slack = createSlackApp({ db: database.db, queue, config, slack: config.slack, keyring, logger, metrics, bodyLimit: config.bodyLimit });
        routers.push({ path: '/', router: slack.router });
        front = slack.front;
        logger.info({ mode: config.slack.oauth ? 'oauth' : 'single-workspace' }, 'Slack is on at POST /slack/events');
      }
      if (config.teams) {
        const teams = createTeamsBot({ db: database.db, queue, config, teams: config.teams, keyring, logger });
        routers.push({ path: '/', router: teams.router });
        logger.info({ authenticated: config.teams.appId !== null }, 'Teams is on at POST /api/messages');
      }
      if (config.discord) {
        const discord = createDiscordApp({ db: database.db, queue, config, discord: config.discord, keyring, logger, bodyLimit: config.bodyLimit });
        routers.push({ path: '/', router: discord.router });
        logger.info('Discord is on at POST /discord/interactions');
      }
      if (githubApp?.webhooks) {
        routers.push({ path: '/', router: githubApp.webhooks.router });
        logger.info('The GitHub App is on at POST /github/webhooks');
      }
      // The REST API (/api/v1), its OpenAPI document (/openapi.json) and Swagger UI (/docs).
      routers.push({ path: '/', router: createApiRouter({ db: database.db, queue, keyring, logger, config }) });
      const app = createServer({ logger, metrics, readiness, bodyLimit: config.bodyLimit, routers });
      const server = await listen(front ? (req, res) => front(req, res, app) : app, config.port, config.host);
      address = server.address() as AddressInfo;
      cleanup.unshift(() => closeServer(server, config.shutdownGraceMs));
      logger.info({ port: address.port, host: config.host, database: database.kind }, `CloudSentinel is listening on port ${address.port}`);
    }

    let stopping: Promise<void> | null = null;
    return {
      database,
      keyring,
      queue,
      metrics,
      readiness,
      address,
      stop() {
        stopping ??= (async () => {
          readiness.shuttingDown = true;
          logger.info({ graceMs: config.shutdownGraceMs }, 'shutting down: finishing in-flight requests and jobs');
          await runAll(cleanup);
          logger.info('stopped');
        })();
        return stopping;
      },
    };
  } catch (error) {
    await runAll(cleanup).catch((closeError: unknown) => logger.warn({ err: closeError }, 'error while cleaning up after a failed start'));
    throw error;
  }
}

/** The periodic health check: the same connection test, with a real provider call, as the CLI and API. */
function healthCheck(db: Database['db'], keyring: Keyring, config: Config): HealthCheck {
  return (integration) => testIntegration(db, keyring, config, integration, 'maintenance');
}

async function startWorker<Q extends QueueName>(queue: JobQueue<JobPayloads>, name: Q, handlers: Partial<JobHandlers>): Promise<void> {
  const handler = handlers[name];
  if (handler) await queue.work(name, handler);
}

async function runAll(steps: Array<() => Promise<void>>): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0] instanceof Error ? failures[0] : new Error(String(failures[0]));
}

function listen(handler: RequestListener, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createHttpServer(handler);
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/** Stops accepting connections, lets in-flight requests finish, then drops what is left at the deadline. */
function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const deadline = setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, graceMs);
    server.close(() => {
      clearTimeout(deadline);
      resolve();
    });
    server.closeIdleConnections();
  });
}
