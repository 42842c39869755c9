/** Running CloudSentinel and looking after it: serve, worker, migrate, keys, audit. */
import type { Command } from 'commander';
import { startService, type ServiceMode } from '../service.js';
import { verifyAuditChain } from '../store/audit.js';
import { generateKeySpec } from '../store/crypto.js';
import { rotateSecrets } from '../store/rotate-secrets.js';
import { context, EXIT_FAILED, withDatabase, withSecrets, type Io } from './context.js';

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

export function registerAdminCommands(program: Command, io: Io): void {
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
}
