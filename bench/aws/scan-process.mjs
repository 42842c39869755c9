// The benchmark's scanner, in a process of its own running the compiled code (as `cloudsentinel`
// does), so its peak RSS is the scanner's alone. argv: endpoint, regions (comma-separated),
// concurrency JSON. Prints one JSON line with the figures.
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { boundHeapGrowth } from '../../dist/cli/heap.js';
import { createAwsScanner } from '../../dist/scanning/providers/aws/scanner.js';

boundHeapGrowth(); // as `cloudsentinel scan` does

const [endpoint, regions, concurrency] = process.argv.slice(2);
const scanner = createAwsScanner({ defaultRegion: 'us-east-1', endpoint, endpointOverridden: true, concurrency: JSON.parse(concurrency) });
const started = performance.now();
const cpuAtStart = process.cpuUsage();
const outcome = await scanner.scan({
  credentials: { access_key_id: 'AKIABENCHBENCHBENCH1', secret_access_key: 'bench-secret-bench-secret' },
  regions: regions.split(','),
});
const wallSeconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuAtStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const ids = new Set(outcome.report.findings.map((f) => f.resourceId));
const count = (test) => [...ids].filter(test).length;
process.stdout.write(
  `${JSON.stringify({
    wallSeconds,
    apiCalls: outcome.apiCalls,
    byOperation: outcome.apiCalls.byOperation,
    status: outcome.report.scan.status,
    findings: outcome.report.findings.length,
    unknown: outcome.report.findings.filter((f) => f.status === 'unknown').length,
    checked: {
      users: count((id) => /:user\/user-\d+$/.test(id)),
      buckets: count((id) => id.startsWith('arn:aws:s3:::bucket-')),
      securityGroups: count((id) => id.includes(':security-group/')),
      volumes: count((id) => id.includes(':volume/')),
    },
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    cpuSeconds,
  })}\n`,
);
