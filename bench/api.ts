/**
 * REST API benchmark (issue 6): `GET /api/v1/integrations/cloud/status` for a tenant with 50
 * integrations, authenticated with an API token, from 50 concurrent keep-alive clients for
 * BENCH_SECONDS (default 10) after a 2-second warm-up. Prints requests per second and latency
 * percentiles against the targets (≥ 2,000 req/s, p99 ≤ 50 ms), the server thread's CPU per request,
 * and checks that the answers are the real ones (every integration, with the health recorded).
 * Runs on the embedded database, or on PostgreSQL when DATABASE_URL is set (a fresh database is
 * made and dropped).
 *
 *   npx tsx bench/api.ts
 *
 * The load comes from bench/http-load.ts (raw HTTP/1.1 on its own thread; see there why), which
 * also lets the script read the server thread's own CPU time, the figure that other load on the
 * machine disturbs least: requests per second and latencies move with whatever else runs.
 */
import { createIntegration, updateIntegration } from '../src/store/integrations.js';
import { startApiService } from '../test/helpers/api.js';
import { loadLoop, mainThreadCpuSeconds, rawRequest } from './http-load.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const INTEGRATIONS = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const api = await startApiService({ logLevel: 'silent', env: { API_RATE_LIMIT_PER_MINUTE: '1000000', CLOUDSENTINEL_RUN_WORKERS: 'false' } });
  try {
    // The harness made one (`prod`); 49 more, of every platform, with a recorded health.
    const providers = ['aws', 'azure', 'gcp', 'github'] as const;
    for (let i = 1; i < INTEGRATIONS; i += 1) {
      const provider = providers[i % providers.length] ?? 'aws';
      const credentials: Record<string, unknown> =
        provider === 'aws'
          ? { access_key_id: 'AKIAEXAMPLEEXAMPLE12', secret_access_key: 'x'.repeat(40) }
          : provider === 'github'
            ? { token: 'ghp_benchmarkbenchmarkbenchmark' }
            : { placeholder: true };
      const integration = await createIntegration(api.world.db, api.world.service.keyring, { tenantId: api.defaultTenant.id, name: `bench-${i}`, provider, credentials });
      await updateIntegration(api.world.db, integration.id, {
        health: { status: i % 7 === 0 ? 'unhealthy' : 'healthy', responseTimeMs: 120, errorMessage: null, checkedAt: new Date().toISOString(), metadata: { account_id: '123456789012' } },
      });
    }
    const { token } = await api.token('viewer');
    const url = new URL('/api/v1/integrations/cloud/status', api.baseUrl);
    const request = rawRequest(url, 'GET', { Authorization: `Bearer ${token}` });
    await loadLoop(url, request, { seconds: 2, concurrency: CONCURRENCY });
    const cpuBefore = mainThreadCpuSeconds();
    const processCpu = process.cpuUsage();
    const { answers, elapsed, body } = await loadLoop(url, request, { seconds: SECONDS, concurrency: CONCURRENCY });
    const cpuAfter = mainThreadCpuSeconds();
    const processCpuUsed = process.cpuUsage(processCpu);
    const latencies = answers.map((a) => a.ms);
    const errors = answers.filter((a) => a.status !== 200).length;
    latencies.sort((a, b) => a - b);
    const rps = latencies.length / elapsed;
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    console.log(`GET /api/v1/integrations/cloud/status, ${INTEGRATIONS} integrations, ${CONCURRENCY} clients, ${SECONDS} s on ${api.world.service.database.kind}:`);
    console.log(`  ${latencies.length} requests, ${errors} errors: ${rps.toFixed(0)} req/s (target ≥ 2000)`);
    console.log(`  latency p50 ${p50.toFixed(1)} ms, p90 ${percentile(latencies, 90).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${(latencies.at(-1) ?? 0).toFixed(1)} ms (target p99 ≤ 50 ms)`);
    if (cpuBefore !== null && cpuAfter !== null) {
      const cpu = cpuAfter - cpuBefore;
      const rest = (processCpuUsed.user + processCpuUsed.system) / 1e6 - cpu;
      console.log(`  server thread CPU: ${((cpu / elapsed) * 100).toFixed(0)} % of a core, ${((cpu / latencies.length) * 1e6).toFixed(0)} µs per request; load generator and other threads ${((rest / latencies.length) * 1e6).toFixed(0)} µs per request`);
    }
    // The answers must be the real ones: every integration, with the health recorded above.
    const summary = (JSON.parse(body) as { data?: { summary?: { total_integrations?: number; healthy_integrations?: number } } }).data?.summary;
    const healthy = Array.from({ length: INTEGRATIONS - 1 }, (_, i) => i + 1).filter((i) => i % 7 !== 0).length;
    const correct = summary?.total_integrations === INTEGRATIONS && summary.healthy_integrations === healthy;
    if (!correct) console.log(`  WRONG ANSWER: ${body.slice(0, 300)}`);
    process.exitCode = errors === 0 && correct ? 0 : 1;
  } finally {
    await api.stop();
  }
}

await main();
