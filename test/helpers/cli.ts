/**
 * Runs the real `cloudsentinel` program (src/cli.ts through tsx) in a child process with an
 * environment the test builds explicitly, and gives each test file a database of its own: a fresh
 * database on the PostgreSQL server named by DATABASE_URL when it is set (as CI does), the embedded
 * PGlite in the data directory otherwise.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKeySpec } from '../../src/store/crypto.js';
import type { Database } from '../../src/store/db.js';
import { createTestDatabase } from './db.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type ChildEnv = Record<string, string>;

export interface CliResult {
  /** The exit status; null when the process was killed by a signal (e.g. at the timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The bare minimum a child needs, and nothing of the parent's environment besides: a variable the
 * developer happens to have set (AWS_*, PORT, DATABASE_URL, ...) must not change what is tested.
 */
export function baseEnv(dataDir: string): ChildEnv {
  const env: ChildEnv = { PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin', HOME: process.env.HOME ?? tmpdir(), CLOUDSENTINEL_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  if (process.env.TMPDIR) env.TMPDIR = process.env.TMPDIR;
  return env;
}

export function runCli(args: string[], env: ChildEnv, options: { timeoutMs?: number } = {}): Promise<CliResult> {
  const timeoutMs = options.timeoutMs ?? 55_000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      stderr += `\n[test harness] cloudsentinel ${args.join(' ')} did not finish within ${timeoutMs} ms; killed.`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export function makeTempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `cloudsentinel-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Whether this run uses a PostgreSQL server (DATABASE_URL set, as CI does) rather than the embedded database. */
export const usesPostgres: boolean = Boolean(process.env.DATABASE_URL);

export interface CliDatabase {
  kind: 'postgres' | 'embedded';
  /** What to add to the child's environment: DATABASE_URL and a keyring for PostgreSQL, nothing for the embedded database. */
  env: ChildEnv;
  /** The keyring given to the child (PostgreSQL only). */
  encryptionKeys: string | null;
  /** An open connection to the same PostgreSQL database, for checks the CLI cannot show (null when embedded). */
  database: Database | null;
  drop(): Promise<void>;
}

/** An empty database, not migrated, so that `cloudsentinel migrate` has the work to do. */
export async function createCliDatabase(): Promise<CliDatabase> {
  if (!usesPostgres) {
    return { kind: 'embedded', env: {}, encryptionKeys: null, database: null, drop: () => Promise.resolve() };
  }
  const test = await createTestDatabase({ migrate: false });
  if (!test.url) throw new Error('createTestDatabase returned no URL although DATABASE_URL is set');
  const encryptionKeys = generateKeySpec('v1');
  return {
    kind: 'postgres',
    env: { DATABASE_URL: test.url, CLOUDSENTINEL_ENCRYPTION_KEYS: encryptionKeys },
    encryptionKeys,
    database: test.database,
    drop: () => test.drop(),
  };
}
