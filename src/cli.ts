#!/usr/bin/env node
/**
 * The `cloudsentinel` command. Exit status: 0 success, 1 the operation failed, 2 bad usage or
 * configuration. Results go to stdout, logs and progress to stderr.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { loadConfig, providerCredentialsFromEnv, type Config, type Provider } from './config.js';
import { AppError, describeError, isAppError } from './errors.js';
import { addIntegration, removeIntegration } from './integrations/service.js';
import { resolveKeyring } from './keyring.js';
import { createLogger, type Logger } from './logger.js';
import { openConfiguredDatabase, startService, type ServiceMode } from './service.js';
import { verifyAuditChain } from './store/audit.js';
import { generateKeySpec, type Keyring } from './store/crypto.js';
import type { Database } from './store/db.js';
import { listIntegrations } from './store/integrations.js';
import { rotateSecrets } from './store/rotate-secrets.js';
import { ensureDefaultTenant } from './store/tenants.js';

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
const PROVIDERS: Provider[] = ['aws', 'azure', 'gcp', 'github'];

interface Io {
  out(text: string): void;
  err(text: string): void;
}

const stdio: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Logs go to stderr so that stdout carries only results. */
function context(): { config: Config; logger: Logger } {
  const config = loadConfig();
  return { config, logger: createLogger(config.logLevel, process.stderr) };
}

interface CommandContext {
  database: Database;
  config: Config;
  logger: Logger;
}

/** Opens (and migrates) the database for one command, and always closes it. */
async function withDatabase<T>(fn: (ctx: CommandContext) => Promise<T>): Promise<T> {
  const { config, logger } = context();
  const database = await openConfiguredDatabase(config, logger);
  try {
    await database.migrate();
    return await fn({ database, config, logger });
  } finally {
    await database.close();
  }
}

/** Like withDatabase, for commands that handle secrets: a missing keyring is reported before any connection is made. */
async function withSecrets<T>(fn: (ctx: CommandContext & { keyring: Keyring }) => Promise<T>): Promise<T> {
  const { config, logger } = context();
  const keyring = resolveKeyring(config, logger);
  return withDatabase((ctx) => fn({ ...ctx, keyring }));
}

async function runService(mode: ServiceMode): Promise<void> {
  const { config, logger } = context();
  const service = await startService({ config, logger, mode });
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'signal received');
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      service.stop().then(resolve, (error: unknown) => {
        logger.error({ err: error }, 'error during shutdown');
        process.exitCode = EXIT_FAILED;
        resolve();
      });
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

function readCredentialsFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new AppError('VALIDATION_ERROR', `Cannot read the credentials file ${path}.`);
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    // Accept the bare credentials or the guide's connect body `{ credentials: {...} }`.
    if (parsed && typeof parsed === 'object' && 'credentials' in parsed) return parsed.credentials;
    return parsed;
  } catch {
    throw new AppError('VALIDATION_ERROR', `The credentials file ${path} is not valid JSON.`);
  }
}

function pad(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd());
}

export function buildProgram(io: Io = stdio): Command {
  const program = new Command('cloudsentinel')
    .description('Find cloud misconfigurations and triage them where your team already talks.')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  program
    .command('serve')
    .description('Run the server: chat platforms, REST API, health and metrics on PORT, with job workers in-process')
    .action(() => runService('serve'));

  program
    .command('worker')
    .description('Run job workers only (scale out: any number of them, on any machine sharing DATABASE_URL)')
    .action(() => runService('worker'));

  program
    .command('migrate')
    .description('Apply database migrations (serve applies them too)')
    .action(() =>
      withDatabase(async ({ database }) => {
        io.out(`Migrations applied; ${await database.pendingMigrations()} pending.`);
      }),
    );

  const keys = program.command('keys').description('Manage the encryption keyring for stored credentials');
  keys
    .command('rotate')
    .description('Re-encrypt every stored secret under the first key of CLOUDSENTINEL_ENCRYPTION_KEYS')
    .action(() =>
      withSecrets(async ({ database, keyring }) => {
        const result = await rotateSecrets(database.db, keyring);
        io.out(`Rotated ${result.rotated} secret(s) to key ${keyring.primaryVersion}; ${result.skipped} already used it.`);
      }),
    );
  keys
    .command('generate')
    .description('Print a new random key entry to put first in CLOUDSENTINEL_ENCRYPTION_KEYS')
    .option('--key-version <version>', 'version label of the new key', 'v1')
    .action((options: { keyVersion: string }) => {
      io.out(generateKeySpec(options.keyVersion));
    });

  const audit = program.command('audit').description('The tamper-evident audit log');
  audit
    .command('verify')
    .description('Check the hash chain of the whole audit log; exit 1 at the first broken row')
    .action(() =>
      withDatabase(async ({ database }) => {
        const result = await verifyAuditChain(database.db);
        if (result.ok) {
          io.out(`OK: ${result.rows} audit row(s), chain intact.`);
          return;
        }
        io.out(`BROKEN at row ${result.brokenAt}: ${result.reason} (${result.rows} row(s) checked).`);
        process.exitCode = EXIT_FAILED;
      }),
    );

  const integrations = program.command('integrations').description('Cloud and GitHub accounts CloudSentinel scans');
  integrations
    .command('add')
    .description('Store an integration; credentials are validated, encrypted and never printed')
    .addArgument(program.createArgument('<provider>', 'aws, azure, gcp or github').choices(PROVIDERS))
    .requiredOption('--name <name>', 'a name to refer to it by, e.g. prod-aws')
    .addOption(new Option('--credentials-file <file>', "JSON credentials in the integration guide's shape").conflicts('fromEnv'))
    .addOption(new Option('--from-env', "take credentials from the provider's usual environment variables"))
    .action((provider: Provider, options: { name: string; credentialsFile?: string; fromEnv?: boolean }) =>
      withSecrets(async ({ database, keyring }) => {
        const credentials = credentialsFor(provider, options);
        const tenant = await ensureDefaultTenant(database.db);
        const integration = await addIntegration(database.db, keyring, { tenantId: tenant.id, provider, name: options.name, credentials, actor: 'cli' });
        io.out(`Added ${provider} integration "${integration.name}" (${integration.id}).`);
      }),
    );
  integrations
    .command('list')
    .description('List integrations (never their credentials)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action((options: { format: 'table' | 'json' }) =>
      withDatabase(async ({ database }) => {
        const rows = await listIntegrations(database.db);
        if (options.format === 'json') {
          io.out(JSON.stringify(rows, null, 2));
          return;
        }
        if (rows.length === 0) {
          io.out('No integrations yet. Add one with `cloudsentinel integrations add aws --name prod --from-env`.');
          return;
        }
        const table = [['NAME', 'PROVIDER', 'STATUS', 'SCHEDULE (UTC)', 'LAST SCAN', 'ID']];
        for (const r of rows) table.push([r.name, r.provider, r.status, r.schedule, r.lastScanAt?.toISOString() ?? 'never', r.id]);
        for (const line of pad(table)) io.out(line);
      }),
    );
  integrations
    .command('remove')
    .description('Delete an integration, destroying its stored credentials')
    .argument('<name>', 'the integration name')
    .action((name: string) =>
      withDatabase(async ({ database }) => {
        const tenant = await ensureDefaultTenant(database.db);
        const removed = await removeIntegration(database.db, { tenantId: tenant.id, name, actor: 'cli' });
        io.out(`Removed ${removed.provider} integration "${removed.name}"; its credentials are destroyed.`);
      }),
    );

  return program;
}

function credentialsFor(provider: Provider, options: { credentialsFile?: string; fromEnv?: boolean }): unknown {
  if (options.credentialsFile) return readCredentialsFile(options.credentialsFile);
  if (!options.fromEnv) throw new AppError('VALIDATION_ERROR', 'Give the credentials with --credentials-file FILE or --from-env.');
  const { credentials, missing } = providerCredentialsFromEnv(provider);
  if (missing.length > 0) throw new AppError('VALIDATION_ERROR', `--from-env: missing ${missing.join(', ')}.`);
  return credentials;
}

function exitCodeFor(error: unknown): number {
  if (isAppError(error)) return error.code === 'CONFIG_ERROR' || error.code === 'VALIDATION_ERROR' ? EXIT_USAGE : EXIT_FAILED;
  return EXIT_FAILED;
}

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    io.err(`cloudsentinel: ${describeError(error)}`);
    if (isAppError(error)) {
      for (const d of error.details) if (!error.message.includes(d.message)) io.err(`  - ${d.field ?? ''}: ${d.message}`);
    }
    if (!isAppError(error)) io.err(error instanceof Error && error.stack ? error.stack : String(error));
    return exitCodeFor(error);
  }
}

// Run only when executed as the program (directly or through npm's bin symlink), not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
