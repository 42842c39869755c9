/**
 * The CloudSentinel GitHub App, composed: the webhook endpoint (when the webhook secret is set) and
 * the job handlers for its two queues. `service.ts` wires both in when the App is configured.
 */
import type { GitHubConfig } from '../../config.js';
import type { JobHandlers } from '../../jobs/handlers/index.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import type { JobPayloads } from '../../jobs/queues.js';
import type { Logger } from '../../logger.js';
import type { Keyring } from '../../store/crypto.js';
import type { Db } from '../../store/db.js';
import { createGitHubWebhooks, type GitHubWebhooks } from './app.js';
import { githubCheckJobHandler } from './jobs/check-run-job.js';
import { githubAppJobHandler } from './jobs/installation-job.js';
import { createOctokitApp, type OctokitApp } from './octokit-app.js';

export interface GitHubAppDeps {
  db: Db;
  queue: JobQueue<JobPayloads>;
  keyring: Keyring;
  logger: Logger;
  clock?: () => Date;
}

export interface GitHubAppParts {
  app: OctokitApp;
  /** Null without GITHUB_WEBHOOK_SECRET: the App's jobs still run (scans, check runs), no deliveries are taken. */
  webhooks: GitHubWebhooks | null;
  handlers: Pick<JobHandlers, 'github' | 'github-check'>;
}

/** Null when the App is not configured (no GITHUB_APP_ID / GITHUB_APP_PRIVATE_KEY). */
export function createGitHubApp(github: GitHubConfig, deps: GitHubAppDeps): GitHubAppParts | null {
  if (!github.app) return null;
  const app = createOctokitApp({ appId: github.app.appId, privateKey: github.app.privateKey, webhookSecret: github.webhookSecret ?? null, apiUrl: github.apiUrl });
  return {
    app,
    webhooks: github.webhookSecret ? createGitHubWebhooks({ db: deps.db, queue: deps.queue, app, logger: deps.logger }) : null,
    handlers: {
      github: githubAppJobHandler(deps),
      'github-check': githubCheckJobHandler({ ...deps, app }),
    },
  };
}
