/**
 * The real `cloudsentinel` program, run in child processes against a real database: the embedded
 * PGlite in a temp data directory, or a fresh PostgreSQL database when DATABASE_URL is set.
 * Each child costs a few seconds, so one deployment is walked through step by step (the steps
 * depend on each other), and only the commands that touch no database run concurrently.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Keyring, generateKeySpec, parseKeyring } from '../src/store/crypto.js';
import { openDatabase, type Database } from '../src/store/db.js';
import { listIntegrations, readCredentials } from '../src/store/integrations.js';
import { integrations } from '../src/store/schema.js';
import { baseEnv, createCliDatabase, makeTempDir, REPO_ROOT, runCli, type ChildEnv, type CliDatabase, type CliResult } from './helpers/cli.js';

const TIMEOUT = 60_000;
/** The first command on a fresh database also creates and migrates it. */
const FIRST_TIMEOUT = 120_000;

// Canaries: values that must never appear in anything the program prints.
const FILE_SECRET = `CanaryFileSecret${randomBytes(12).toString('hex')}`;
const ENV_SECRET = `CanaryEnvSecret${randomBytes(12).toString('hex')}`;
const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const CANARIES = [FILE_SECRET, ENV_SECRET];

const STACK_FRAME = /^\s+at\s/m;

function expectNoSecrets(result: CliResult): void {
  for (const canary of CANARIES) {
    expect(result.stdout, 'stdout leaks a secret').not.toContain(canary);
    expect(result.stderr, 'stderr leaks a secret').not.toContain(canary);
  }
}

/** Shows the child's output when an expectation on its exit status fails. */
function expectExit(result: CliResult, code: number): void {
  expect(result.code, `exit status; stdout:\n${result.stdout}\nstderr:\n${result.stderr}`).toBe(code);
}

const work = makeTempDir('cli');
const dataDir = join(work.path, 'data');
let database: CliDatabase;
let env: ChildEnv;
const everyResult: CliResult[] = [];

async function cli(args: string[], extraEnv: ChildEnv = {}): Promise<CliResult> {
  const result = await runCli(args, { ...env, ...extraEnv });
  everyResult.push(result);
  return result;
}

function writeJson(name: string, value: unknown): string {
  const path = join(work.path, name);
  writeFileSync(path, JSON.stringify(value), { mode: 0o600 });
  return path;
}

beforeAll(async () => {
  database = await createCliDatabase();
  env = { ...baseEnv(dataDir), ...database.env };
});

afterAll(async () => {
  await database?.drop();
  work.remove();
});

describe.concurrent('cloudsentinel without a database', () => {
  // These never open a database: pointing them at a directory of their own proves it.
  const idleEnv = () => baseEnv(join(work.path, 'unused'));

  it(
    '--help exits 0 and lists the commands on stdout',
    async () => {
      const result = await runCli(['--help'], idleEnv());
      expectExit(result, 0);
      for (const command of ['serve', 'worker', 'migrate', 'keys', 'audit', 'integrations']) expect(result.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
      expect(result.stdout).toMatch(/^Usage: cloudsentinel/m);
      expect(result.stderr).toBe('');
    },
    TIMEOUT,
  );

  it(
    'an unknown command exits 2 with the usage on stderr',
    async () => {
      const result = await runCli(['frobnicate'], idleEnv());
      expectExit(result, 2);
      expect(result.stderr).toMatch(/unknown command 'frobnicate'/);
      expect(result.stderr).toMatch(/Usage: cloudsentinel/);
      expect(result.stdout).toBe('');
    },
    TIMEOUT,
  );

  it(
    'stops quietly with exit 0 when the reader of its output goes away (`| head`)',
    async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'checks', 'list', '--format', 'json'], { cwd: REPO_ROOT, env: idleEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      // Read the first chunk, then close the pipe as `head` does.
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      child.stdout.destroy();
      const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
      expect(stderr).not.toContain('EPIPE');
      expect(code).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'a scope option of another provider exits 2 naming the provider it belongs to, before any scan',
    async () => {
      const result = await runCli(['scan', 'aws', '--org', 'acme', '--project', 'p1'], idleEnv());
      expectExit(result, 2);
      expect(result.stderr).toContain('--project is for gcp; --org is for github, not aws.');
      expect(result.stdout).toBe('');
    },
    TIMEOUT,
  );

  it(
    '`integrations add aws` without --name exits 2',
    async () => {
      const result = await runCli(['integrations', 'add', 'aws', '--from-env'], { ...idleEnv(), AWS_ACCESS_KEY_ID: ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: ENV_SECRET });
      expectExit(result, 2);
      expect(result.stderr).toMatch(/required option '--name <name>' not specified/);
      expectNoSecrets(result);
    },
    TIMEOUT,
  );

  it(
    '`keys generate` prints a 32-byte key entry with the version asked for',
    async () => {
      const result = await runCli(['keys', 'generate', '--key-version', 'v7'], idleEnv());
      expectExit(result, 0);
      const spec = result.stdout.trim();
      expect(spec).toMatch(/^v7:[A-Za-z0-9+/]{43}=$/);
      expect(parseKeyring(spec)).toMatchObject({ problems: [], keys: [{ version: 'v7' }] });
    },
    TIMEOUT,
  );

  it.each([
    ['migrate', { PORT: 'abc' }],
    ['integrations list', { PORT: 'abc', LOG_LEVEL: 'loud' }],
  ])(
    'a bad configuration makes `%s` exit 2 naming the variable, without a stack trace',
    async (command, bad) => {
      const result = await runCli(command.split(' '), { ...idleEnv(), ...bad });
      expectExit(result, 2);
      for (const name of Object.keys(bad)) expect(result.stderr).toMatch(new RegExp(`- ${name}: `));
      expect(result.stderr).toMatch(/PORT: must be a whole number/);
      expect(result.stderr).not.toMatch(STACK_FRAME);
      expect(result.stdout).toBe('');
    },
    TIMEOUT,
  );
});

describe('cloudsentinel on one deployment, step by step', () => {
  const postgres = () => database.kind === 'postgres';
  // The keyring the deployment starts with: the configured one, or the embedded key file made on first use.
  const initialKeys = () => database.encryptionKeys ?? readFileSync(join(dataDir, 'encryption.keys'), 'utf8').trim();
  const newKey = generateKeySpec('v2');

  it(
    '`migrate` creates the schema and exits 0',
    async () => {
      const result = await cli(['migrate']);
      expectExit(result, 0);
      expect(result.stdout).toMatch(/Migrations applied; 0 pending\./);
      if (database.database) expect(await database.database.pendingMigrations()).toBe(0);
    },
    FIRST_TIMEOUT,
  );

  it(
    'with DATABASE_URL but no CLOUDSENTINEL_ENCRYPTION_KEYS, storing a secret exits 2 naming the variable before connecting',
    async () => {
      // The keyring is checked before any connection, so an unreachable server still gets the real reason.
      const result = await cli(['keys', 'rotate'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere', CLOUDSENTINEL_ENCRYPTION_KEYS: '' });
      expectExit(result, 2);
      expect(result.stderr).toMatch(/CLOUDSENTINEL_ENCRYPTION_KEYS is required with DATABASE_URL/);
      expect(result.stderr).not.toMatch(STACK_FRAME);
    },
    TIMEOUT,
  );

  it(
    '`integrations add aws --credentials-file` stores valid keys and prints no secret',
    async () => {
      const file = writeJson('aws.json', { access_key_id: ACCESS_KEY_ID, secret_access_key: FILE_SECRET, region: 'eu-west-1' });
      const result = await cli(['integrations', 'add', 'aws', '--name', 'prod', '--credentials-file', file]);
      expectExit(result, 0);
      expect(result.stdout).toMatch(/^Added aws integration "prod" \([0-9a-f-]{36}\), scanned on schedule "0 3 \* \* \*" \(UTC\)\.$/m);
      expectNoSecrets(result);
      if (!postgres()) {
        // The embedded deployment generated its key beside the data: readable by the owner alone.
        expect(statSync(join(dataDir, 'encryption.keys')).mode & 0o777).toBe(0o600);
        expect(result.stderr).toMatch(/Generated an encryption key/);
      }
    },
    TIMEOUT,
  );

  it(
    'adding the same name again fails with exit 1 and says so',
    async () => {
      const file = writeJson('aws-again.json', { access_key_id: ACCESS_KEY_ID, secret_access_key: FILE_SECRET });
      const result = await cli(['integrations', 'add', 'aws', '--name', 'prod', '--credentials-file', file]);
      expectExit(result, 1);
      expect(result.stderr).toMatch(/An integration named "prod" already exists/);
      expect(result.stderr).not.toMatch(STACK_FRAME);
      expect(result.stdout).toBe('');
      expectNoSecrets(result);
    },
    TIMEOUT,
  );

  it(
    'invalid credentials exit 2, naming the bad field without echoing the secret',
    async () => {
      const file = writeJson('aws-bad.json', { access_key_id: 'not-an-access-key', secret_access_key: FILE_SECRET });
      const result = await cli(['integrations', 'add', 'aws', '--name', 'broken', '--credentials-file', file]);
      expectExit(result, 2);
      expect(result.stderr).toMatch(/The aws credentials are not valid/);
      expect(result.stderr).toMatch(/^\s+- credentials\.access_key_id: must be an AWS access key id/m);
      expect(result.stderr).not.toContain('not-an-access-key');
      expect(result.stderr).not.toMatch(STACK_FRAME);
      expectNoSecrets(result);
    },
    TIMEOUT,
  );

  it(
    '`--from-env` takes the AWS keys from the environment',
    async () => {
      const result = await cli(['integrations', 'add', 'aws', '--name', 'from-env', '--from-env'], {
        AWS_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE',
        AWS_SECRET_ACCESS_KEY: ENV_SECRET,
        AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEXAMPLESESSION',
        AWS_REGION: 'us-west-2',
      });
      expectExit(result, 0);
      expect(result.stdout).toMatch(/Added aws integration "from-env"/);
      expectNoSecrets(result);
    },
    TIMEOUT,
  );

  it(
    '`integrations list` shows both, without any credentials',
    async () => {
      const result = await cli(['integrations', 'list']);
      expectExit(result, 0);
      const lines = result.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^NAME\s+PROVIDER\s+STATUS\s+SCHEDULE \(UTC\)\s+LAST SCAN\s+ID$/);
      expect(lines.slice(1).map((line) => line.split(/\s+/).slice(0, 3))).toEqual([
        ['from-env', 'aws', 'connected'],
        ['prod', 'aws', 'connected'],
      ]);
      expectNoSecrets(result);
      expect(result.stdout).not.toContain(ACCESS_KEY_ID);
      expect(result.stdout).not.toContain('cs1:');
    },
    TIMEOUT,
  );

  it(
    '`integrations list --format json` shows both, without any credentials',
    async () => {
      const result = await cli(['integrations', 'list', '--format', 'json']);
      expectExit(result, 0);
      const rows = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
      expect(rows.map((r) => [r.name, r.provider, r.status])).toEqual([
        ['from-env', 'aws', 'connected'],
        ['prod', 'aws', 'connected'],
      ]);
      for (const row of rows) expect(Object.keys(row).filter((k) => /cred|secret|key|token/i.test(k))).toEqual([]);
      expectNoSecrets(result);
      expect(result.stdout).not.toContain(ACCESS_KEY_ID);
      expect(result.stdout).not.toContain('cs1:');
    },
    TIMEOUT,
  );

  it(
    '`integrations remove prod` exits 0 and the list no longer shows it',
    async () => {
      const removed = await cli(['integrations', 'remove', 'prod']);
      expectExit(removed, 0);
      expect(removed.stdout).toMatch(/Removed aws integration "prod"/);

      const listed = await cli(['integrations', 'list', '--format', 'json']);
      expectExit(listed, 0);
      expect((JSON.parse(listed.stdout) as Array<{ name: string }>).map((r) => r.name)).toEqual(['from-env']);
    },
    2 * TIMEOUT,
  );

  it(
    '`audit verify` finds the two adds and the remove, chain intact',
    async () => {
      const result = await cli(['audit', 'verify']);
      expectExit(result, 0);
      // The failed adds (duplicate name, invalid credentials) changed nothing, so they left no row.
      expect(result.stdout.trim()).toBe('OK: 3 audit row(s), chain intact.');
    },
    TIMEOUT,
  );

  it(
    '`keys rotate` under the current key has nothing to do',
    async () => {
      const result = await cli(['keys', 'rotate']);
      expectExit(result, 0);
      expect(result.stdout.trim()).toBe('Rotated 0 secret(s) to key v1; 1 already used it.');
    },
    TIMEOUT,
  );

  it(
    '`keys rotate` to a new keyring `v2,v1` re-encrypts the stored secret',
    async () => {
      const result = await cli(['keys', 'rotate'], { CLOUDSENTINEL_ENCRYPTION_KEYS: `${newKey},${initialKeys()}` });
      expectExit(result, 0);
      expect(result.stdout.trim()).toBe('Rotated 1 secret(s) to key v2; 0 already used it.');
    },
    TIMEOUT,
  );

  it(
    'after the rotation the deployment works with the new key alone',
    async () => {
      const result = await cli(['integrations', 'list'], { CLOUDSENTINEL_ENCRYPTION_KEYS: newKey });
      expectExit(result, 0);
      expect(result.stdout).toMatch(/^from-env\s+aws\s+connected/m);

      // What the CLI cannot show: the stored envelope is under v2 and decrypts with v2 alone.
      await withStore(async (store) => {
        const [row] = await store.db.select({ envelope: integrations.credentialsEnc }).from(integrations);
        expect(row?.envelope).toMatch(/^cs1:v2:/);
        expect(row?.envelope).not.toContain(ENV_SECRET);
        const [integration] = await listIntegrations(store.db);
        if (!integration) throw new Error('no integration stored');
        const credentials = await readCredentials(store.db, new Keyring(parseKeyring(newKey).keys), integration);
        expect(credentials).toEqual({ access_key_id: 'ASIAIOSFODNN7EXAMPLE', secret_access_key: ENV_SECRET, session_token: 'FwoGZXIvYXdzEXAMPLESESSION', region: 'us-west-2' });
      });
    },
    TIMEOUT,
  );

  it('printed no secret in any command', () => {
    expect(everyResult.length).toBeGreaterThan(0);
    for (const result of everyResult) expectNoSecrets(result);
  });

  /** The deployment's own database: the test's connection to PostgreSQL, or the embedded directory (the CLI has exited and released it). */
  async function withStore(fn: (store: Database) => Promise<void>): Promise<void> {
    if (database.database) return fn(database.database);
    const store = await openDatabase({ kind: 'embedded', dataDir });
    try {
      await fn(store);
    } finally {
      await store.close();
    }
  }
});
