#!/usr/bin/env node
/**
 * The `cloudsentinel` command. Exit status: 0 success, 1 the operation failed, 2 bad usage or
 * configuration, 3 (scan) failing findings. Results go to stdout, logs and progress to stderr.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { registerAdminCommands } from './cli/admin.js';
import { EXIT_FAILED, EXIT_USAGE, stdio, type Io } from './cli/context.js';
import { registerEvidenceCommands } from './cli/evidence.js';
import { registerCheckCommands } from './cli/checks.js';
import { registerDiscordCommands } from './cli/discord.js';
import { registerIntegrationCommands } from './cli/integrations.js';
import { registerScanCommand } from './cli/scan.js';
import { registerTokenCommands } from './cli/tokens.js';
import { quietAwsSdkNodeNotice } from './config.js';
import { describeError, isAppError } from './errors.js';
import { VERSION } from './version.js';

export function buildProgram(io: Io = stdio): Command {
  const program = new Command('cloudsentinel')
    .description('Find cloud misconfigurations and triage them where your team already talks.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  registerAdminCommands(program, io);
  registerScanCommand(program, io);
  registerCheckCommands(program, io);
  registerIntegrationCommands(program, io);
  registerDiscordCommands(program, io);
  registerTokenCommands(program, io);
  registerEvidenceCommands(program, io);
  return program;
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
  quietAwsSdkNodeNotice();
  // `cloudsentinel … | head`: the reader has what it wanted; stop quietly as other Unix tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  process.exitCode = await main(process.argv.slice(2));
}
