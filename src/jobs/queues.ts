/**
 * Queue names, the payload each carries, and how each retries. Every payload travels with the
 * correlation id of the request (or schedule) that caused it, so one id follows the work from a
 * chat click through every job it starts.
 */
import type { Queue } from 'pg-boss';

export interface JobPayloads {
  scan: { tenantId: string; integrationId: string; scanId: string };
  sync: { tenantId: string; integrationId: string; syncId: string };
  notify: { tenantId: string; alertIds: string[]; scanId?: string };
  /** `note`: what happened ("acknowledged by …"), added to the alert's thread on every copy. */
  refresh: { tenantId: string; alertId: string; version: number; note?: string };
  /** A change's note under one copy of a card (`messageId`: the alert_messages row), after the refresh that updated it. */
  note: { tenantId: string; messageId: string; text: string };
  /** An integration's connection test changed its verdict; told to the channels subscribed to it. */
  health: { tenantId: string; integrationId: string; turned: 'unhealthy' | 'healthy'; errorMessage: string | null; checkedAt: string };
  maintenance: MaintenanceJob;
  /** Work from a verified GitHub App webhook delivery (src/bot/github). */
  github: GitHubAppJob;
  /** After a scan of a GitHub App integration is recorded: the "CloudSentinel posture" check run of one repository. */
  'github-check': { tenantId: string; integrationId: string; scanId: string; repository: string };
}

/** The account (organization or user) a GitHub App installation belongs to. */
export interface GitHubAccount {
  login: string;
  type: string;
}

/**
 * What a GitHub App webhook delivery asks for, as neutral data (no webhook payload types).
 * `actor` is who did it on GitHub (`github:<login>`), for the audit log.
 */
export type GitHubAppJob = { deliveryId: string; installationId: number; actor: string } & (
  | { kind: 'installation-created'; account: GitHubAccount; repositories: string[] }
  | { kind: 'installation-unsuspended'; account: GitHubAccount }
  | { kind: 'installation-removed'; account: GitHubAccount; how: 'deleted' | 'suspended' }
  | { kind: 'repositories-added'; account: GitHubAccount; repositories: string[] }
  | { kind: 'repositories-removed'; repositories: string[]; reason: string }
  /** `repositories` null: the whole installation (an organization-wide ruleset changed). */
  | { kind: 'rescan'; repositories: string[] | null; cause: string }
);

/** Housekeeping, on schedules: re-open expired suppressions, keep scan schedules in step, start scheduled scans, check integrations' health. */
export type MaintenanceJob =
  | { task: 'reopen-expired-suppressions' }
  | { task: 'sync-schedules' }
  | { task: 'scheduled-scan'; tenantId: string; integrationId: string }
  | { task: 'check-health' };
export type MaintenanceTask = MaintenanceJob['task'];
export type QueueName = keyof JobPayloads;
export type Envelope<T> = T & { correlationId: string };

export interface WorkerSpec {
  /** Jobs fetched per poll; several small jobs in one round trip is what makes the queue fast. */
  batchSize: number;
  /** Pollers per process for this queue. */
  concurrency: number;
  pollingIntervalSeconds: number;
}

export interface QueueSpec {
  options: Omit<Queue, 'name' | 'deadLetter'>;
  worker: WorkerSpec;
}

/**
 * Retries back off exponentially; a job that exhausts them lands in `<queue>.dead` for inspection and
 * redrive. `notify` queues wake their workers through LISTEN/NOTIFY the moment a job commits: a click's
 * refresh does not wait for the next poll.
 */
export const QUEUE_SPECS: Record<QueueName, QueueSpec> = {
  scan: {
    options: { retryLimit: 3, retryDelay: 30, retryBackoff: true, retryDelayMax: 900, expireInSeconds: 3600, notify: true },
    worker: { batchSize: 1, concurrency: 2, pollingIntervalSeconds: 2 },
  },
  sync: {
    options: { retryLimit: 3, retryDelay: 10, retryBackoff: true, retryDelayMax: 600, expireInSeconds: 1800, notify: true },
    worker: { batchSize: 1, concurrency: 2, pollingIntervalSeconds: 2 },
  },
  notify: {
    options: { retryLimit: 6, retryDelay: 2, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 300, notify: true },
    worker: { batchSize: 10, concurrency: 2, pollingIntervalSeconds: 1 },
  },
  refresh: {
    options: { retryLimit: 6, retryDelay: 1, retryBackoff: true, retryDelayMax: 120, expireInSeconds: 120, notify: true },
    worker: { batchSize: 20, concurrency: 2, pollingIntervalSeconds: 1 },
  },
  // A note is posted at most once: a failed post is not retried, since it may have reached the
  // platform (the copy's card is current either way).
  note: {
    options: { retryLimit: 0, expireInSeconds: 300, notify: true },
    worker: { batchSize: 20, concurrency: 2, pollingIntervalSeconds: 1 },
  },
  health: {
    options: { retryLimit: 4, retryDelay: 10, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 300, notify: true },
    worker: { batchSize: 5, concurrency: 1, pollingIntervalSeconds: 2 },
  },
  maintenance: {
    options: { retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 600 },
    worker: { batchSize: 5, concurrency: 1, pollingIntervalSeconds: 2 },
  },
  github: {
    options: { retryLimit: 5, retryDelay: 5, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 300, notify: true },
    worker: { batchSize: 5, concurrency: 1, pollingIntervalSeconds: 2 },
  },
  'github-check': {
    options: { retryLimit: 4, retryDelay: 10, retryBackoff: true, retryDelayMax: 600, expireInSeconds: 300, notify: true },
    worker: { batchSize: 5, concurrency: 1, pollingIntervalSeconds: 2 },
  },
};

export const QUEUE_NAMES = Object.keys(QUEUE_SPECS) as QueueName[];

export function deadLetterQueue(name: string): string {
  return `${name}.dead`;
}
