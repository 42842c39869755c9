/**
 * Opens the database: real Postgres through postgres.js when a URL is given, the embedded PGlite
 * (persisted in a directory, or in memory) otherwise. Both speak the same SQL, take the same
 * migrations and hand pg-boss a connection of the kind it supports.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { fromPglite } from 'pg-boss';
import type { ConstructorOptions as BossOptions } from 'pg-boss';
import postgres from 'postgres';
import { acquireDirectoryLock, type DirectoryLock } from './dir-lock.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a repository can run on: the database or an open transaction. */
export type Executor = Db | Tx;

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));
const MIGRATION_LOCK_ID = 7_240_411_001; // an arbitrary constant shared by every CloudSentinel process

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'embedded'; dataDir: string | null /* null: in memory */ };

export interface Database {
  readonly kind: 'postgres' | 'embedded';
  readonly db: Db;
  /** Options that point pg-boss at this database (its own pool, or the shared PGlite). */
  readonly bossOptions: Pick<BossOptions, 'connectionString' | 'db' | 'backend' | 'max'>;
  /** Resolves when the database answers a trivial query within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<void>;
  migrate(): Promise<void>;
  /** How many of the committed migrations the database has not applied yet. */
  pendingMigrations(): Promise<number>;
  close(): Promise<void>;
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'postgres' ? openPostgres(target.url, target.poolSize ?? 10) : openEmbedded(target.dataDir);
}

function expectedMigrations(): number {
  return readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length;
}

async function countApplied(db: Db): Promise<number> {
  const exists = await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!rowsOf<{ present: boolean }>(exists)[0]?.present) return 0;
  const result = await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return rowsOf<{ n: number }>(result)[0]?.n ?? 0;
}

/**
 * A hot query built once per database handle (or transaction) and run as a named prepared
 * statement. drizzle runs an ordinary query unprepared, which postgres.js sends as Parse + Describe,
 * waits for the answer, then Bind + Execute: two round trips and a fresh parse and plan every time.
 * A prepared one is parsed once per connection and then costs one round trip. Build the query with
 * `sql.placeholder(...)` for its parameters.
 */
export function preparedPerExecutor<T>(build: (executor: Executor) => T): (executor: Executor) => T {
  const built = new WeakMap<Executor, T>();
  return (executor) => {
    let query = built.get(executor);
    if (query === undefined) {
      query = build(executor);
      built.set(executor, query);
    }
    return query;
  };
}

/** postgres.js returns rows as an array; PGlite wraps them in `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return (result as { rows: T[] }).rows;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function openPostgres(url: string, poolSize: number): Database {
  const client = postgres(url, { max: poolSize, onnotice: () => {}, connect_timeout: 5, idle_timeout: 30 });
  const db: Db = drizzlePostgres({ client, schema });
  const expected = expectedMigrations();
  return {
    kind: 'postgres',
    db,
    bossOptions: { connectionString: url, max: poolSize },
    async ping(timeoutMs = 2000) {
      await withTimeout(client`select 1`, timeoutMs, 'PostgreSQL');
    },
    async migrate() {
      // A dedicated connection holds a session lock so that servers and workers starting together
      // migrate one at a time; the others find nothing left to do.
      const single = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await single`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
        await migratePostgres(drizzlePostgres({ client: single }), { migrationsFolder: MIGRATIONS_FOLDER });
        await single`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
      } finally {
        await single.end({ timeout: 5 });
      }
    },
    async pendingMigrations() {
      return Math.max(0, expected - (await countApplied(db)));
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

async function openEmbedded(dataDir: string | null): Promise<Database> {
  let lock: DirectoryLock | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    lock = acquireDirectoryLock(dataDir);
  }
  let client: PGlite;
  try {
    client = dataDir ? await PGlite.create(`${dataDir}/pgdata`) : await PGlite.create();
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db: Db = drizzlePglite({ client, schema });
  const expected = expectedMigrations();
  let closed = false;
  return {
    kind: 'embedded',
    db,
    bossOptions: { db: fromPglite(client), backend: 'pglite' },
    async ping(timeoutMs = 2000) {
      if (closed || client.closed) throw new Error('the embedded database is closed');
      await withTimeout(client.query('select 1'), timeoutMs, 'The embedded database');
    },
    async migrate() {
      await migratePglite(drizzlePglite({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
    },
    async pendingMigrations() {
      return Math.max(0, expected - (await countApplied(db)));
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}
