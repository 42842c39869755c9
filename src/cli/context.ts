/** What every CLI command shares: output streams, configuration, logging, a database for one command. */
import { loadConfig, type Config } from '../config.js';
import { resolveKeyring } from '../keyring.js';
import { createLogger, type Logger } from '../logger.js';
import { openConfiguredDatabase } from '../service.js';
import type { Keyring } from '../store/crypto.js';
import type { Database } from '../store/db.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
/** `scan`: the scan ran and found at least one failing check. */
export const EXIT_FINDINGS = 3;

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (progress bars) and stdout is one (table output by default). */
  stderrIsTty: boolean;
  stdoutIsTty: boolean;
  /** Writes to stderr without a newline (progress bar redraws). */
  errRaw(text: string): void;
}

export const stdio: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  errRaw: (text) => process.stderr.write(text),
  stderrIsTty: Boolean(process.stderr.isTTY),
  stdoutIsTty: Boolean(process.stdout.isTTY),
};

/** Logs go to stderr so that stdout carries only results. */
export function context(): { config: Config; logger: Logger } {
  const config = loadConfig();
  return { config, logger: createLogger(config.logLevel, process.stderr) };
}

export interface CommandContext {
  database: Database;
  config: Config;
  logger: Logger;
}

/** Opens (and migrates) the database for one command, and always closes it. */
export async function withDatabase<T>(fn: (ctx: CommandContext) => Promise<T>, loaded: { config: Config; logger: Logger } = context()): Promise<T> {
  const { config, logger } = loaded;
  const database = await openConfiguredDatabase(config, logger);
  try {
    await database.migrate();
    return await fn({ database, config, logger });
  } finally {
    await database.close();
  }
}

/** Like withDatabase, for commands that handle secrets: a missing keyring is reported before any connection is made. */
export async function withSecrets<T>(fn: (ctx: CommandContext & { keyring: Keyring }) => Promise<T>): Promise<T> {
  const loaded = context();
  const keyring = resolveKeyring(loaded.config, loaded.logger);
  return withDatabase((ctx) => fn({ ...ctx, keyring }), loaded);
}

/** Aligned columns for terminal tables. */
export function columns(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd());
}

/** `a,b , c` → ['a','b','c'] for comma-separated options. */
export function list(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}
