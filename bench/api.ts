/**
 * REST API benchmark (issue 6): `GET /api/v1/integrations/cloud/status` for a tenant with 50
 * integrations, authenticated with an API token, from 50 concurrent keep-alive clients for
 * BENCH_SECONDS (default 10) after a 2-second warm-up. Prints requests per second and latency
 * percentiles against the targets (≥ 2,000 req/s, p99 ≤ 50 ms). Runs on the embedded database, or
 * on PostgreSQL when DATABASE_URL is set (a fresh database is made and dropped).
 *
 *   npx tsx bench/api.ts
 */
import { Worker } from 'node:worker_threads';
import { createIntegration, updateIntegration } from '../src/store/integrations.js';
import { startApiService } from '../test/helpers/api.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const INTEGRATIONS = 50;

/** The load generator, plain JavaScript for a worker thread: keep-alive clients in a loop until the deadline. */
const LOAD_WORKER = `
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { parentPort, workerData } = require('node:worker_threads');
const { url, token, seconds, concurrency } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const get = () => new Promise((resolve, reject) => {
  const req = http.get(url, { agent, headers: { authorization: 'Bearer ' + token } }, (res) => {
    res.resume();
    res.on('end', () => resolve(res.statusCode));
  });
  req.on('error', reject);
});
(async () => {
  const latencies = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const status = await get();
      latencies.push(performance.now() - t0);
      if (status !== 200) errors += 1;
    }
  }));
  agent.destroy();
  parentPort.postMessage({ latencies, errors, elapsed: (performance.now() - started) / 1000 });
})();
`;

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
    const url = new URL('/api/v1/integrations/cloud/status', api.baseUrl).toString();
    // The load runs on its own thread (its own event loop), so the clients do not steal the server's.
    const run = (seconds: number) =>
      new Promise<{ latencies: number[]; errors: number; elapsed: number }>((resolve, reject) => {
        const worker = new Worker(LOAD_WORKER, { eval: true, workerData: { url, token, seconds, concurrency: CONCURRENCY } });
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    await run(2);
    const { latencies, errors, elapsed } = await run(SECONDS);
    latencies.sort((a, b) => a - b);
    const rps = latencies.length / elapsed;
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    console.log(`GET /api/v1/integrations/cloud/status, ${INTEGRATIONS} integrations, ${CONCURRENCY} clients, ${SECONDS} s on ${api.world.service.database.kind}:`);
    console.log(`  ${latencies.length} requests, ${errors} errors: ${rps.toFixed(0)} req/s (target ≥ 2000)`);
    console.log(`  latency p50 ${p50.toFixed(1)} ms, p90 ${percentile(latencies, 90).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${(latencies.at(-1) ?? 0).toFixed(1)} ms (target p99 ≤ 50 ms)`);
    process.exitCode = errors === 0 ? 0 : 1;
  } finally {
    await api.stop();
  }
}

await main();
