/**
 * Prometheus metrics. Each service instance owns its registry (tests and several instances in one
 * process stay apart), exposed at GET /metrics.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  jobsTotal: Counter<'queue' | 'outcome'>;
  jobDuration: Histogram<'queue'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'cloudsentinel_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'cloudsentinel_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    jobsTotal: new Counter({
      name: 'cloudsentinel_jobs_total',
      help: 'Jobs processed by queue and outcome (completed, failed)',
      labelNames: ['queue', 'outcome'],
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'cloudsentinel_job_duration_seconds',
      help: 'Job run time by queue',
      labelNames: ['queue'],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
      registers: [registry],
    }),
  };
}

/** What the integration health gauge reads at each scrape. */
export type IntegrationHealthSource = () => Promise<Array<{ name: string; provider: string; status: string | null }>>;

/**
 * `cloudsentinel_integration_health{integration, provider, status}` = 1 for each integration's last
 * known health (`healthy`, `degraded`, `unhealthy`, `unknown`, or `untested`), read from the
 * database when /metrics is scraped, so every instance reports the same, current values.
 */
export function trackIntegrationHealth(metrics: Metrics, load: IntegrationHealthSource): void {
  new Gauge({
    name: 'cloudsentinel_integration_health',
    help: 'Last known connection health of each integration (1 for its current status)',
    labelNames: ['integration', 'provider', 'status'],
    registers: [metrics.registry],
    async collect() {
      this.reset();
      for (const integration of await load()) this.set({ integration: integration.name, provider: integration.provider, status: integration.status ?? 'untested' }, 1);
    },
  });
}
