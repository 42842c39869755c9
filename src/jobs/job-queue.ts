/**
 * CloudSentinel's job layer over pg-boss: typed queues, enqueue inside the caller's transaction,
 * batched workers that settle each job on its own, metrics, correlation ids, and a graceful stop
 * that lets in-flight jobs finish.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { PgBoss, fromDrizzle } from 'pg-boss';
import type { ConstructorOptions, Db as IDatabase, DrizzleTransactionLike, JobResult, SendOptions } from 'pg-boss';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Tx } from '../store/db.js';
import { deadLetterQueue, type Envelope, type QueueSpec, type WorkerSpec } from './queues.js';

export interface JobContext {
  id: string;
  queue: string;
  correlationId: string;
  retryCount: number;
  logger: Logger;
  signal: AbortSignal;
}

export type JobHandler<T> = (data: Envelope<T>, context: JobContext) => Promise<void>;

export interface EnqueueOptions {
  /** Enqueue inside this transaction: the job exists only if the transaction commits. */
  tx?: Tx;
  correlationId?: string;
  /** At most one queued-or-active job per key (pg-boss singleton semantics). */
  singletonKey?: string;
  startAfter?: Date | number;
  priority?: number;
}

export interface JobQueueOptions<P> {
  boss: Pick<ConstructorOptions, 'connectionString' | 'db' | 'backend' | 'max'>;
  specs: { [Q in keyof P & string]: QueueSpec };
  logger: Logger;
  metrics?: Metrics;
  /** Run pg-boss's cron scheduler and maintenance in this process (default true). */
  schedule?: boolean;
}

export class JobQueue<P extends { [K in keyof P]: object }> {
  private readonly boss: PgBoss;
  private readonly workers: Array<{ queue: string; id: string }> = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private state: 'created' | 'running' | 'stopping' | 'stopped' | 'failed' = 'created';
  private lastError: Error | null = null;

  private constructor(private readonly options: JobQueueOptions<P>) {
    const schedule = options.schedule ?? true;
    // LISTEN/NOTIFY: a job on a notify queue wakes the workers at once, on every machine, instead of
    // waiting out their polling interval (which stays as the fallback). pg-boss warns and polls
    // where the connection cannot listen (PgBouncer in transaction mode).
    this.boss = new PgBoss({ ...options.boss, schema: 'pgboss', schedule, supervise: schedule, migrate: true, useListenNotify: true });
    this.boss.on('warning', (warning: { message: string }) => options.logger.warn({ warning: warning.message }, 'job queue warning'));
    this.boss.on('error', (error: Error) => {
      this.lastError = error;
      options.logger.error({ err: error }, 'job queue error');
    });
  }

  static async start<P extends { [K in keyof P]: object }>(options: JobQueueOptions<P>): Promise<JobQueue<P>> {
    const queue = new JobQueue(options);
    await queue.boss.start();
    await queue.createQueues();
    queue.state = 'running';
    return queue;
  }

  /** True while pg-boss runs and has not reported an error since the last successful round trip. */
  get running(): boolean {
    return this.state === 'running';
  }

  get status(): { state: string; lastError: string | null } {
    return { state: this.state, lastError: this.lastError?.message ?? null };
  }

  private async createQueues(): Promise<void> {
    for (const [name, spec] of Object.entries<QueueSpec>(this.options.specs)) {
      const dead = deadLetterQueue(name);
      await this.createOrUpdate(dead, { retryLimit: 0, retentionSeconds: 30 * 86_400, deleteAfterSeconds: 30 * 86_400 });
      await this.createOrUpdate(name, { ...spec.options, deadLetter: dead });
    }
  }

  private async createOrUpdate(name: string, options: QueueSpec['options'] & { deadLetter?: string }): Promise<void> {
    const existing = await this.boss.getQueue(name);
    if (!existing) {
      await this.boss.createQueue(name, options);
      return;
    }
    // The policy of an existing queue cannot change; everything else follows the code.
    const { policy: _policy, partition: _partition, ...mutable } = options;
    await this.boss.updateQueue(name, mutable);
  }

  async send<Q extends keyof P & string>(name: Q, payload: P[Q], options: EnqueueOptions = {}): Promise<string | null> {
    const data: Envelope<P[Q]> = { ...payload, correlationId: options.correlationId ?? randomUUID() };
    return this.boss.send(name, data, this.sendOptions(options));
  }

  /** One round trip for many jobs of one queue. */
  async sendMany<Q extends keyof P & string>(name: Q, payloads: P[Q][], options: Pick<EnqueueOptions, 'tx' | 'correlationId'> = {}): Promise<void> {
    if (payloads.length === 0) return;
    const correlationId = options.correlationId ?? randomUUID();
    const jobs = payloads.map((payload) => ({ data: { ...payload, correlationId } }));
    await this.boss.insert(name, jobs, options.tx ? { db: inTransaction(options.tx) } : undefined);
  }

  /** Runs `payload` on `name` at every tick of the cron expression (UTC); one schedule per key. */
  async schedule<Q extends keyof P & string>(name: Q, cron: string, payload: P[Q], key: string): Promise<void> {
    await this.boss.schedule(name, cron, { ...payload, correlationId: `schedule:${name}:${key}` }, { key, tz: 'UTC' });
  }

  async unschedule(name: keyof P & string, key: string): Promise<void> {
    await this.boss.unschedule(name, key);
  }

  /** The schedule keys registered on a queue, with their cron expressions. */
  async schedules(name: keyof P & string): Promise<Array<{ key: string; cron: string }>> {
    const schedules = await this.boss.getSchedules(name);
    return schedules.map((s) => ({ key: s.key, cron: s.cron }));
  }

  private sendOptions(options: EnqueueOptions): SendOptions {
    const send: SendOptions = {};
    if (options.tx) send.db = inTransaction(options.tx);
    if (options.singletonKey) send.singletonKey = options.singletonKey;
    if (options.startAfter !== undefined) send.startAfter = options.startAfter;
    if (options.priority !== undefined) send.priority = options.priority;
    return send;
  }

  /**
   * Starts workers for a queue. Jobs arrive in batches and run concurrently; each settles on its
   * own, so one failing job is retried without repeating the others.
   */
  async work<Q extends keyof P & string>(name: Q, handler: JobHandler<P[Q]>, spec: WorkerSpec = this.options.specs[name].worker): Promise<void> {
    const { logger, metrics } = this.options;
    const runOne = async (job: { id: string; data: Envelope<P[Q]>; retryCount: number; signal: AbortSignal }): Promise<JobResult> => {
      const correlationId = job.data.correlationId ?? job.id;
      const jobLogger = logger.child({ queue: name, jobId: job.id, correlationId, attempt: job.retryCount + 1 });
      const stopTimer = metrics?.jobDuration.startTimer({ queue: name });
      try {
        await handler(job.data, { id: job.id, queue: name, correlationId, retryCount: job.retryCount, logger: jobLogger, signal: job.signal });
        metrics?.jobsTotal.inc({ queue: name, outcome: 'completed' });
        return { id: job.id, status: 'completed' };
      } catch (error) {
        metrics?.jobsTotal.inc({ queue: name, outcome: 'failed' });
        jobLogger.error({ err: error }, 'job failed');
        return { id: job.id, status: 'failed', output: { message: error instanceof Error ? error.message : String(error) } };
      } finally {
        stopTimer?.();
      }
    };
    const options = {
      batchSize: spec.batchSize,
      localConcurrency: spec.concurrency,
      pollingIntervalSeconds: spec.pollingIntervalSeconds,
      // A notification wakes an idle worker, but one busy when it came would otherwise sleep out
      // pg-boss's relaxed 30 s notify-mode poll with jobs waiting: keep the normal poll as backstop.
      notifyPollingIntervalSeconds: spec.pollingIntervalSeconds,
      burstWhenBatchFull: spec.batchSize > 1,
      perJobResults: true as const,
    };
    const id = await this.boss.work<Envelope<P[Q]>, unknown, typeof options>(name, options, (jobs) => {
      const batch = Promise.all(jobs.map(runOne));
      this.inFlight.add(batch);
      return batch.finally(() => this.inFlight.delete(batch));
    });
    this.workers.push({ queue: name, id });
  }

  /** Jobs that exhausted their retries on `name`, oldest first (for inspection before a redrive). */
  async deadLetters<Q extends keyof P & string>(name: Q, limit = 100): Promise<Array<{ id: string; data: Envelope<P[Q]> }>> {
    const jobs = await this.boss.findJobs<Envelope<P[Q]>>(deadLetterQueue(name), { limit });
    return jobs.map((job) => ({ id: job.id, data: job.data }));
  }

  /** State of one job, for status pages and tests. */
  async jobState(name: keyof P & string, id: string): Promise<string | null> {
    const job = await this.boss.getJobById(name, id);
    return job?.state ?? null;
  }

  /**
   * Stops taking new jobs, gives the running ones `graceMs` to finish, then stops pg-boss. Jobs still
   * running at the deadline are failed back to the queue and retried elsewhere.
   */
  async stop(graceMs: number): Promise<void> {
    if (this.state === 'stopped' || this.state === 'stopping') return;
    this.state = 'stopping';
    const started = Date.now();
    await Promise.all(this.workers.map((w) => this.boss.offWork(w.queue, { id: w.id, wait: false })));
    await waitAtMost(Promise.allSettled([...this.inFlight]), graceMs);
    const remaining = Math.max(1000, graceMs - (Date.now() - started));
    await this.boss.stop({ graceful: true, timeout: remaining, close: true });
    this.state = 'stopped';
  }
}

/** pg-boss statements run through the caller's drizzle transaction, so the job commits with it. */
function inTransaction(tx: Tx): IDatabase {
  // drizzle's generic execute() signature is narrower than the structural type pg-boss declares,
  // but it is the very method the adapter calls.
  return fromDrizzle(tx as unknown as DrizzleTransactionLike, sql);
}

function waitAtMost(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.then(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
