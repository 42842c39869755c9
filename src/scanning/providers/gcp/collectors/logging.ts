/** Cloud Logging: a project's sinks and log-based metrics. */
import type { LogMetric, LogSink } from '../snapshot.js';
import { lastSegment, paginate, type GcpCollectorContext } from './context.js';

export async function collectSinks(ctx: GcpCollectorContext, project: string): Promise<LogSink[]> {
  const logging = await ctx.rest.logging();
  const sinks = await paginate((pageToken) => logging.projects.sinks.list({ parent: `projects/${project}`, pageSize: 200, ...(pageToken ? { pageToken } : {}) }).then(({ data }) => ({ items: data.sinks, next: data.nextPageToken })));
  return sinks.map((sink) => ({ name: lastSegment(sink.name), destination: sink.destination ?? '', filter: (sink.filter ?? '').trim(), disabled: sink.disabled ?? false }));
}

export async function collectMetrics(ctx: GcpCollectorContext, project: string): Promise<LogMetric[]> {
  const logging = await ctx.rest.logging();
  const metrics = await paginate((pageToken) => logging.projects.metrics.list({ parent: `projects/${project}`, pageSize: 200, ...(pageToken ? { pageToken } : {}) }).then(({ data }) => ({ items: data.metrics, next: data.nextPageToken })));
  return metrics.map((metric) => ({ name: lastSegment(metric.name), filter: metric.filter ?? '', disabled: metric.disabled ?? false }));
}
