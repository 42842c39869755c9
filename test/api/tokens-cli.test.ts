/**
 * `cloudsentinel tokens create|list|revoke` as a user runs them (the real program in a child
 * process): the token alone on the last line of stdout, stored only as its hash, listed without
 * it, revoked at once, every change audited.
 */
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findApiToken } from '../../src/store/api-tokens.js';
import { listAudit, verifyAuditChain } from '../../src/store/audit.js';
import { openDatabase, rowsOf, type Database } from '../../src/store/db.js';
import { baseEnv, createCliDatabase, makeTempDir, runCli, type ChildEnv, type CliDatabase, type CliResult } from '../helpers/cli.js';

let work: { path: string; remove(): void };
let cliDb: CliDatabase;
let env: ChildEnv;

beforeAll(async () => {
  work = makeTempDir('tokens');
  cliDb = await createCliDatabase();
  env = { ...baseEnv(join(work.path, 'data')), ...cliDb.env };
}, 60_000);

afterAll(async () => {
  await cliDb?.drop();
  work?.remove();
});

/** The database the CLI used: the PostgreSQL test database, or the embedded one once no child holds it. */
async function inspect<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  if (cliDb.database) return fn(cliDb.database);
  const database = await openDatabase({ kind: 'embedded', dataDir: join(work.path, 'data') });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

function expectExit(result: CliResult, code: number): void {
  expect(result.code, `exit ${String(result.code)}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`).toBe(code);
}

describe('cloudsentinel tokens', () => {
  it('creates a token shown once on the last line, lists it without the secret, revokes it, and audits each step', async () => {
    const created = await runCli(['tokens', 'create', '--role', 'responder', '--name', 'ci pipeline'], env);
    expectExit(created, 0);
    const lines = created.stdout.trimEnd().split('\n');
    const token = lines.at(-1) ?? '';
    expect(token).toMatch(/^cst_[A-Za-z0-9_-]{43}$/);
    const id = /\(([0-9a-f-]{36})\)/.exec(created.stdout)?.[1] ?? '';
    expect(id).not.toBe('');

    await inspect(async (database) => {
      expect(await findApiToken(database.db, token)).toMatchObject({ id, role: 'responder', name: 'ci pipeline' });
      const rows = rowsOf<{ row: string }>(await database.db.execute(sql`select t::text as row from api_tokens t`));
      expect(rows).toHaveLength(1);
      expect(rows[0]?.row).not.toContain(token);
    });

    const revoked = await runCli(['tokens', 'revoke', id], env);
    expectExit(revoked, 0);
    expect(revoked.stdout).toContain(`Revoked token ${id}`);
    const again = await runCli(['tokens', 'revoke', id], env);
    expectExit(again, 1);
    expect(again.stderr).toContain('already revoked');

    const json = await runCli(['tokens', 'list', '--format', 'json'], env);
    expectExit(json, 0);
    expect(json.stdout).not.toContain(token);
    const [entry] = JSON.parse(json.stdout) as Array<{ id: string; revokedAt: string | null; tokenHash?: string }>;
    expect(entry).toMatchObject({ id, name: 'ci pipeline', role: 'responder' });
    expect(entry?.revokedAt).not.toBeNull();
    expect(entry?.tokenHash).toBeUndefined();

    await inspect(async (database) => {
      expect(await findApiToken(database.db, token)).toBeNull();
      const audit = await listAudit(database.db, { targetType: 'api_token', targetId: id });
      expect(audit.map((a) => [a.action, a.outcome, a.actor])).toEqual([
        ['api_token.revoke', 'failure', 'cli'],
        ['api_token.revoke', 'success', 'cli'],
        ['api_token.create', 'success', 'cli'],
      ]);
      expect(JSON.stringify(audit)).not.toContain(token);
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
    });
  }, 120_000);

  it('refuses an unknown tenant (exit 1), printing no token', async () => {
    const tenant = await runCli(['tokens', 'create', '--role', 'viewer', '--tenant', 'nope'], env);
    expectExit(tenant, 1);
    expect(tenant.stderr).toContain('No tenant with the slug "nope"');
    expect(tenant.stdout).not.toMatch(/cst_/);
  }, 120_000);
});
