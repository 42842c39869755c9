/**
 * Collects the parts of a GCP snapshot that the selected checks need, for each project: one task
 * per part × project, a bounded number at a time. A task that fails records `{ ok: false, error }`
 * for that part in that project and the scan goes on.
 */
import pLimit from 'p-limit';
import { attempt, type GcpCollectorContext } from './collectors/context.js';
import { PART_COLLECTORS } from './part-collectors.js';
import type { Collected, GcpPart, GcpParts, GcpSnapshot, PerProject } from './snapshot.js';

export interface CollectGcpOptions {
  parts: readonly GcpPart[];
  projects: readonly string[];
  ctx: GcpCollectorContext;
  /** Part × project tasks in flight at once (the transport bounds the calls themselves). Default 8. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function collectGcp(options: CollectGcpOptions): Promise<GcpSnapshot> {
  const parts = [...new Set(options.parts)];
  const projects = [...new Set(options.projects)];
  const tasks = projects.flatMap((project) => parts.map((part) => ({ project, part })));
  const limit = pLimit(Math.max(1, options.concurrency ?? 8));
  let done = 0;
  options.onProgress?.(0, tasks.length);
  const results = await Promise.all(
    tasks.map((task) =>
      limit(async () => {
        const collector = PART_COLLECTORS[task.part] as (ctx: GcpCollectorContext, project: string) => Promise<unknown>;
        const result = await attempt(() => collector(options.ctx, task.project));
        done += 1;
        options.onProgress?.(done, tasks.length);
        return result;
      }),
    ),
  );
  const collected: Partial<Record<GcpPart, PerProject<unknown>>> = {};
  tasks.forEach((task, i) => {
    const byProject = (collected[task.part] ??= {});
    byProject[task.project] = results[i] as Collected<unknown>;
  });
  // Each entry was produced by that part's own collector (PART_COLLECTORS is typed per part).
  return { projects, parts: collected as Partial<GcpParts> };
}
