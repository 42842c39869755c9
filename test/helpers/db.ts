/**
 * A fresh, migrated database for one test file: a new database on the PostgreSQL server named by
 * DATABASE_URL when it is set (as CI does), an in-memory PGlite otherwise.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { openDatabase, type Database } from '../../src/store/db.js';

export interface TestDatabase {
  database: Database;
  /** The connection URL of the fresh database, when it is a PostgreSQL server. */
  url: string | null;
  drop(): Promise<void>;
}

export const serverUrl: string | null = process.env.DATABASE_URL ?? null;

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (!serverUrl) {
    const database = await openDatabase({ kind: 'embedded', dataDir: null });
    if (migrate) await database.migrate();
    return { database, url: null, drop: () => database.close() };
  }
  const name = `cs_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 5 });
  if (migrate) await database.migrate();
  return {
    database,
    url: url.toString(),
    async drop() {
      await database.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * A fresh database for a whole service started from its config: a new PostgreSQL database when
 * DATABASE_URL is set, an embedded one in a temporary directory otherwise. `env` goes into the config.
 */
export async function serviceDatabase(label = 'service'): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), `cs-${label}-`));
    return { env: { CLOUDSENTINEL_DATA_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const testDb = await createTestDatabase({ migrate: false });
  await testDb.database.close();
  return { env: { DATABASE_URL: testDb.url as string }, drop: () => testDb.drop() };
}
