/** `cloudsentinel integrations ...`: stored accounts to scan. */
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { providerCredentialsFromEnv, type Provider } from '../config.js';
import { AppError } from '../errors.js';
import { addIntegration, removeIntegration, setSchedule } from '../integrations/service.js';
import { findIntegrationByName, listIntegrations } from '../store/integrations.js';
import { testIntegration } from '../integrations/test-connection.js';
import { ensureDefaultTenant } from '../store/tenants.js';
import { columns, EXIT_FAILED, withDatabase, withSecrets, type Io } from './context.js';

export const PROVIDERS: Provider[] = ['aws', 'azure', 'gcp', 'github'];

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

function credentialsFor(provider: Provider, options: { credentialsFile?: string; fromEnv?: boolean }): unknown {
  if (options.credentialsFile) return readCredentialsFile(options.credentialsFile);
  if (!options.fromEnv) throw new AppError('VALIDATION_ERROR', 'Give the credentials with --credentials-file FILE or --from-env.');
  const { credentials, missing } = providerCredentialsFromEnv(provider);
  if (missing.length > 0) throw new AppError('VALIDATION_ERROR', `--from-env: missing ${missing.join(', ')}.`);
  return credentials;
}

export function registerIntegrationCommands(program: Command, io: Io): Command {
  const integrations = program.command('integrations').description('Cloud and GitHub accounts CloudSentinel scans');
  integrations
    .command('add')
    .description('Store an integration; credentials are validated, encrypted and never printed')
    .addArgument(program.createArgument('<provider>', 'aws, azure, gcp or github').choices(PROVIDERS))
    .requiredOption('--name <name>', 'a name to refer to it by, e.g. prod-aws')
    .addOption(new Option('--credentials-file <file>', "JSON credentials in the integration guide's shape").conflicts('fromEnv'))
    .addOption(new Option('--from-env', "take credentials from the provider's usual environment variables"))
    .option('--schedule <cron>', 'when to scan it, as cron in UTC (default daily at 03:00)')
    .action((provider: Provider, options: { name: string; credentialsFile?: string; fromEnv?: boolean; schedule?: string }) =>
      withSecrets(async ({ database, keyring }) => {
        const credentials = credentialsFor(provider, options);
        const tenant = await ensureDefaultTenant(database.db);
        const integration = await addIntegration(database.db, keyring, {
          tenantId: tenant.id,
          provider,
          name: options.name,
          credentials,
          schedule: options.schedule,
          actor: 'cli',
        });
        io.out(`Added ${provider} integration "${integration.name}" (${integration.id}), scanned on schedule "${integration.schedule}" (UTC).`);
      }),
    );
  integrations
    .command('schedule')
    .description('Change when an integration is scanned (cron, UTC); a running server picks it up within minutes')
    .argument('<name>', 'the integration name')
    .argument('<cron>', 'e.g. "0 */6 * * *" for every six hours')
    .action((name: string, cron: string) =>
      withDatabase(async ({ database }) => {
        const tenant = await ensureDefaultTenant(database.db);
        const updated = await setSchedule(database.db, { tenantId: tenant.id, name, schedule: cron, actor: 'cli' });
        io.out(`Integration "${updated.name}" is now scanned on schedule "${updated.schedule}" (UTC).`);
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
        for (const line of columns(table)) io.out(line);
      }),
    );
  integrations
    .command('test')
    .description('Check stored credentials against the provider (AWS: STS GetCallerIdentity); exit 1 when unhealthy')
    .argument('<name>', 'the integration name')
    .action((name: string) =>
      withSecrets(async ({ database, keyring, config }) => {
        const tenant = await ensureDefaultTenant(database.db);
        const integration = await findIntegrationByName(database.db, tenant.id, name);
        if (!integration) throw new AppError('NOT_FOUND', `No integration named "${name}".`, { hint: 'See `cloudsentinel integrations list`.' });
        const result = await testIntegration(database.db, keyring, config, integration, 'cli');
        const facts = Object.entries(result.metadata).map(([k, v]) => `${k} ${v}`);
        io.out(`${integration.name} (${integration.provider}): ${result.status} in ${Math.round(result.responseTimeMs)} ms${facts.length ? ` — ${facts.join(', ')}` : ''}`);
        if (result.errorMessage) io.out(`  ${result.failure ?? 'problem'}: ${result.errorMessage}`);
        if (result.status === 'unhealthy') process.exitCode = EXIT_FAILED;
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
  return integrations;
}
