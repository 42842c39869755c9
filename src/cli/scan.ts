/** `cloudsentinel scan <provider>`: scan with ambient credentials, print or store the result. */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { Provider } from '../config.js';
import { AppError } from '../errors.js';
import { JobQueue } from '../jobs/job-queue.js';
import { QUEUE_SPECS, type JobPayloads } from '../jobs/queues.js';
import { recordScanResults } from '../jobs/record-scan.js';
import { renderFindings } from '../scanning/formats/index.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../scanning/formats/report.js';
import type { ScanOutcome } from '../scanning/scanner.js';
import { defaultScanners } from '../scanning/scanners.js';
import { createScan } from '../store/scans.js';
import { ensureDefaultTenant } from '../store/tenants.js';
import { context, EXIT_FINDINGS, EXIT_OK, list, withDatabase, type Io } from './context.js';
import { boundHeapGrowth } from './heap.js';
import { PROVIDERS } from './integrations.js';
import { progressReporter } from './progress.js';

interface ScanCommandOptions {
  regions?: string;
  checks?: string;
  org?: string;
  project?: string;
  organization?: string;
  subscription?: string;
  format?: OutputFormat;
  output?: string;
  store?: boolean;
}

/** Records an ambient-credential scan for the default tenant, like a scan job would. */
async function storeOutcome(outcome: ScanOutcome, provider: Provider, loaded: ReturnType<typeof context>): Promise<string> {
  return withDatabase(async ({ database, logger }) => {
    const tenant = await ensureDefaultTenant(database.db);
    const scan = await createScan(database.db, { tenantId: tenant.id, integrationId: null, provider, requestedBy: 'cli' });
    const queue = await JobQueue.start<JobPayloads>({ boss: database.bossOptions, specs: QUEUE_SPECS, logger, schedule: false });
    try {
      const checkIds = outcome.report.checks.map((c) => c.id);
      await recordScanResults(database.db, queue, {
        tenantId: tenant.id,
        integrationId: null,
        scanId: scan.id,
        provider,
        status: outcome.report.scan.status === 'complete' ? 'complete' : 'partial',
        findings: outcome.report.findings,
        completeChecks: checkIds.filter((id) => !outcome.incompleteChecks.includes(id)),
        resources: outcome.resources,
        now: new Date(),
        correlationId: `cli:${randomUUID()}`,
      });
    } finally {
      await queue.stop(5000);
    }
    return scan.id;
  }, loaded);
}

/** Scope options and the one provider each belongs to. */
const SCOPE_OPTIONS: ReadonlyArray<[keyof ScanCommandOptions, string, Provider]> = [
  ['regions', '--regions', 'aws'],
  ['subscription', '--subscription', 'azure'],
  ['project', '--project', 'gcp'],
  ['organization', '--organization', 'gcp'],
  ['org', '--org', 'github'],
];

/** A scope option given to another provider is a mistake to point out, not to ignore. */
function checkScopeOptions(provider: Provider, options: ScanCommandOptions): void {
  const misplaced = SCOPE_OPTIONS.filter(([key, , owner]) => options[key] !== undefined && owner !== provider);
  if (misplaced.length === 0) return;
  throw new AppError('VALIDATION_ERROR', `${misplaced.map(([, flag, owner]) => `${flag} is for ${owner}`).join('; ')}, not ${provider}.`, {
    hint: 'See `cloudsentinel scan --help`.',
    details: misplaced.map(([, flag, owner]) => ({ code: 'VALIDATION_ERROR', field: flag.slice(2), message: `only for ${owner}` })),
  });
}

export function registerScanCommand(program: Command, io: Io): void {
  program
    .command('scan')
    .description('Scan with the provider\'s ambient credentials and print the findings (no server or database needed)')
    .addArgument(program.createArgument('<provider>', 'aws, azure, gcp or github').choices(PROVIDERS))
    .option('--regions <list>', 'comma-separated regions (default: every enabled region)')
    .option('--checks <list>', 'comma-separated check ids (default: all; see `checks list`)')
    .option('--org <name>', 'GitHub organization')
    .option('--project <ids>', 'GCP project, or a comma-separated list')
    .option('--organization <id>', 'GCP organization id: scan every project under it')
    .option('--subscription <ids>', 'Azure subscription, or a comma-separated list (default: every one visible)')
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, json otherwise)').choices([...OUTPUT_FORMATS]))
    .option('--output <file>', 'write the result to FILE instead of stdout')
    .option('--store', 'also record the scan in the database (findings, diff, alerts)')
    .action(async (provider: Provider, options: ScanCommandOptions) => {
      checkScopeOptions(provider, options);
      const loaded = context();
      const { config } = loaded;
      const scanner = defaultScanners(config)[provider];
      if (!scanner) {
        throw new AppError('PROVIDER_ERROR', `Scanning ${provider} is not available in this build of CloudSentinel.`, { hint: `Available: ${Object.keys(defaultScanners(config)).join(', ')}.` });
      }
      boundHeapGrowth();
      const progress = progressReporter(io);
      const started = Date.now();
      const outcome = await scanner.scan({
        credentials: null,
        regions: options.regions ? list(options.regions) : undefined,
        scope: {
          ...(options.subscription ? { subscriptions: list(options.subscription) } : {}),
          ...(options.project ? { projects: list(options.project) } : {}),
          ...((options.organization ?? options.org) ? { organization: options.organization ?? options.org } : {}),
        },
        checks: options.checks ? list(options.checks) : undefined,
        onProgress: (p) => progress.update(p),
      });
      progress.done();
      const seconds = (Date.now() - started) / 1000;
      const { report } = outcome;
      if (options.store) {
        const scanId = await storeOutcome(outcome, provider, loaded);
        report.scan.id = scanId;
        io.err(`Stored as scan ${scanId}.`);
      }
      const format = options.format ?? (io.stdoutIsTty && !options.output ? 'table' : 'json');
      const rendered = renderFindings(format, report, { color: format === 'table' && io.stdoutIsTty && !options.output });
      if (options.output) writeFileSync(options.output, rendered.endsWith('\n') ? rendered : `${rendered}\n`);
      else io.out(rendered.trimEnd());
      const failing = report.findings.filter((f) => f.status === 'fail').length;
      // Providers with conditional requests (GitHub) also say how many calls a 304 answered free of charge.
      const notModified = outcome.apiCalls.notModified === undefined ? '' : `, ${outcome.apiCalls.notModified} not modified`;
      io.err(
        `Scan ${report.scan.status} in ${seconds.toFixed(1)} s (${outcome.apiCalls.calls} API calls${notModified}): ${report.findings.length} results, ${failing} failing` +
          (report.scan.status === 'partial' ? ' (partial: some data could not be collected; see the unknown results)' : '') +
          (options.output ? `; written to ${options.output}` : ''),
      );
      process.exitCode = failing > 0 ? EXIT_FINDINGS : EXIT_OK;
    });
}
