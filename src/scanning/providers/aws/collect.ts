/**
 * Collects the parts of an AWS snapshot that the selected checks need — those and nothing else.
 * Each part (each region of a regional part) is one task; a task that fails records
 * `{ ok: false, error }` for its part and the scan goes on. Only failing to learn who we are
 * (STS GetCallerIdentity: no, invalid or expired credentials) throws.
 *
 * Concurrency has two levels: `concurrency` bounds the tasks in flight here, and the clients bound
 * the API calls themselves (per service × region and in total; see createAwsClients).
 */
import pLimit from 'p-limit';
import { getCallerIdentity } from './caller-identity.js';
import type { AwsClients } from './clients.js';
import { attempt } from './collected.js';
import { createCollectorContext, type CollectorContext } from './collectors/context.js';
import { describeAwsError } from './errors.js';
import { LONG_RUNNING_PARTS, PART_COLLECTORS } from './part-collectors.js';
import { resolveRegions } from './regions.js';
import type { AwsPart, AwsParts, AwsSnapshot, Collected } from './snapshot.js';

export interface CollectAwsOptions {
  /** The parts to collect; duplicates are fine. */
  parts: readonly AwsPart[];
  /** Regions to scan; default every region enabled for the account. */
  regions?: readonly string[];
  clients: AwsClients;
  /** Part × region tasks in flight at once. Default 16. */
  concurrency?: number;
  /** After each task: tasks done, tasks in all. */
  onProgress?: (done: number, total: number) => void;
  /** Something the scan worked around, e.g. region discovery denied and only the home region scanned. */
  onWarning?: (message: string) => void;
}

interface Task {
  part: AwsPart;
  /** Undefined for a global part. */
  region: string | undefined;
  run: (ctx: CollectorContext) => Promise<Collected<unknown>>;
}

/** A task per part (per region of a regional part), the long-running parts first. */
function tasksFor(parts: readonly AwsPart[], regions: readonly string[]): Task[] {
  const tasks: Task[] = [];
  const ordered = [...parts.filter((part) => LONG_RUNNING_PARTS.has(part)), ...parts.filter((part) => !LONG_RUNNING_PARTS.has(part))];
  for (const part of ordered) {
    const collector = PART_COLLECTORS[part];
    if (collector.scope === 'global') {
      tasks.push({ part, region: undefined, run: (ctx) => attempt<unknown>(() => collector.collect(ctx)) });
    } else {
      for (const region of regions) tasks.push({ part, region, run: (ctx) => attempt<unknown>(() => collector.collect(ctx, region)) });
    }
  }
  return tasks;
}

export async function collectAws(options: CollectAwsOptions): Promise<AwsSnapshot> {
  const parts = [...new Set(options.parts)];
  const identity = await getCallerIdentity(options.clients);
  const anyRegional = parts.some((part) => PART_COLLECTORS[part].scope === 'regional');
  let regions = options.regions?.length ? [...new Set(options.regions)] : [];
  // Discovery only when a regional part needs it and no regions were named.
  if (anyRegional && regions.length === 0) {
    const resolved = await resolveRegions(options.clients, undefined);
    regions = resolved.regions;
    if (resolved.fallbackReason !== undefined) {
      options.onWarning?.(`Could not list the account's regions (${describeAwsError(resolved.fallbackReason)}); scanning ${regions.join(', ')} only.`);
    }
  }

  const named = options.regions?.length ? new Set(options.regions) : null;
  const ctx = createCollectorContext(options.clients, identity.accountId, identity.partition, named);
  const tasks = tasksFor(parts, regions);
  const limit = pLimit(Math.max(1, options.concurrency ?? 16));
  let done = 0;
  options.onProgress?.(0, tasks.length);
  const results = await Promise.all(
    tasks.map((task) =>
      limit(async () => {
        const result = await task.run(ctx);
        done += 1;
        options.onProgress?.(done, tasks.length);
        return result;
      }),
    ),
  );

  // Assembled after everything finished, so regional records list regions in scan order.
  const collected: Partial<Record<AwsPart, unknown>> = {};
  tasks.forEach((task, i) => {
    const result = results[i];
    if (!result) return;
    if (task.region === undefined) collected[task.part] = result;
    else {
      const byRegion = (collected[task.part] ??= {}) as Record<string, Collected<unknown>>;
      byRegion[task.region] = result;
    }
  });
  // Each entry was produced by that part's own collector (PART_COLLECTORS is typed per part).
  return { accountId: identity.accountId, partition: identity.partition, regions, parts: collected as Partial<AwsParts> };
}
