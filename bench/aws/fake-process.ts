/**
 * The benchmark's fake AWS, in a process of its own so that the scanner's memory is measured alone.
 * Prints its endpoint as one JSON line, then serves until killed. Reads its settings from argv.
 */
import { startFakeAws } from '../../test/fakes/aws/server.js';
import { generateAccount, type GeneratedCounts } from './account.js';

const cpuSeconds = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1e6;
const [countsJson, latency, throttleShare] = process.argv.slice(2);
const counts = JSON.parse(countsJson ?? '{}') as GeneratedCounts;
let seed = 42;
const random = () => {
  // Deterministic pseudo-random throttling, so runs are comparable.
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const share = Number(throttleShare ?? 0.02);
const fake = await startFakeAws(generateAccount(counts), {
  faults: { latencyMs: Number(latency ?? 25), hook: () => (random() < share ? { kind: 'throttle' } : undefined) },
});
process.stdout.write(`${JSON.stringify({ endpoint: fake.endpoint })}\n`);
const cpuAtStart = process.cpuUsage();
process.on('SIGTERM', () => {
  process.stdout.write(`${JSON.stringify({ requests: fake.calls.length, peakInFlight: fake.peak.total, cpuSeconds: cpuSeconds(process.cpuUsage(cpuAtStart)) })}\n`);
  void fake.close().then(() => process.exit(0));
});
