import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, auditRowHash, GENESIS_HASH, listAudit, verifyAuditChain, type AuditEntry } from '../../src/store/audit.js';
import { canonicalJson, sha256Hex } from '../../src/store/canonical-json.js';
import { openDatabase, rowsOf, type Database, type Db } from '../../src/store/db.js';
import { createTestDatabase, serverUrl, type TestDatabase } from '../helpers/db.js';

const TENANT = '3f2c9a52-7d1e-4b7a-9c55-0a1b2c3d4e5f';
const OTHER_TENANT = '8e0d1c2b-3a49-4f5e-8d7c-6b5a49382716';

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return { actor: 'user:alice', action: 'alert.acknowledge', tenantId: TENANT, targetType: 'alert', targetId: 'a-1', ...overrides };
}

/** drizzle wraps driver errors ("Failed query: ..."); the trigger's message is on the cause. */
function messagesOf(error: unknown): string {
  const messages: string[] = [];
  for (let current: unknown = error; current instanceof Error; current = current.cause) messages.push(current.message);
  return messages.join(' <- ');
}

async function expectAppendOnlyRefusal(attempt: Promise<unknown>): Promise<void> {
  const error = await attempt.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error, 'the database accepted the change').toBeInstanceOf(Error);
  expect(messagesOf(error)).toMatch(/append-only/);
}

async function seqs(db: Db): Promise<number[]> {
  const result = await db.execute(sql`select seq from audit_log order by seq`);
  return rowsOf<{ seq: number | string }>(result).map((row) => Number(row.seq));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

describe('canonicalJson', () => {
  it('does not depend on key order, at any depth', () => {
    const a = { b: 1, a: { y: [1, { q: true, p: null }], x: 'x' } };
    const b = { a: { x: 'x', y: [1, { p: null, q: true }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":"x","y":[1,{"p":null,"q":true}]},"b":1}');
  });

  it('keeps array order, writes Dates as ISO strings and leaves out undefined properties', () => {
    const at = new Date('2024-05-06T07:08:09.123Z');
    expect(canonicalJson({ at, list: [3, 1, 2], gone: undefined, kept: 'k' })).toBe(
      '{"at":"2024-05-06T07:08:09.123Z","kept":"k","list":[3,1,2]}',
    );
    expect(canonicalJson([undefined, at])).toBe('[null,"2024-05-06T07:08:09.123Z"]');
  });

  it('reads back what JSON.parse gives it, unchanged', () => {
    const text = canonicalJson({ z: 'é "quoted"\n', n: -1.5e-7, big: 1e21, nested: [[], {}] });
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });

  it('refuses cycles and bigints, but not the same object twice', () => {
    const shared = { v: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"v":1},"b":{"v":1}}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cycle/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
  });

  it('hashes with SHA-256 as lower-case hex', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('audit log', () => {
  let testDb: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = testDb.database.db;
  });
  afterAll(async () => {
    await testDb.drop();
  });

  it('appends a linked chain, lists it newest first and verifies it', async () => {
    const clockTime = new Date('2024-01-02T03:04:05.678Z');
    const first = await appendAudit(db, entry({ details: { note: 'first' } }), () => clockTime);
    const second = await appendAudit(db, entry({ action: 'alert.resolve', outcome: 'failure', details: { reason: 'denied' } }));
    const third = await appendAudit(db, { actor: 'system', action: 'scan.start', tenantId: OTHER_TENANT.toUpperCase() });

    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, createdAt: clockTime, outcome: 'success' });
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash, outcome: 'failure' });
    expect(third).toMatchObject({ seq: 3, prevHash: second.hash, tenantId: OTHER_TENANT, targetType: null, details: {} });
    expect(first.hash).toBe(auditRowHash(GENESIS_HASH, first));

    expect((await listAudit(db)).map((row) => row.seq)).toEqual([3, 2, 1]);
    expect((await listAudit(db, { tenantId: TENANT })).map((row) => row.seq)).toEqual([2, 1]);
    expect((await listAudit(db, { targetType: 'alert', targetId: 'a-1', limit: 1 })).map((row) => row.seq)).toEqual([2]);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 3 });
  });

  it('hashes details as the database stores them, so Dates and undefined still verify', async () => {
    const row = await appendAudit(db, entry({ details: { at: new Date('2024-02-03T00:00:00.000Z'), skipped: undefined, z: 1, a: [1, 'two'] } }));
    expect(row.details).toEqual({ a: [1, 'two'], at: '2024-02-03T00:00:00.000Z', z: 1 });
    // A batch size below the row count makes verify cross page boundaries.
    expect(await verifyAuditChain(db, { batchSize: 2 })).toEqual({ ok: true, rows: row.seq });
  });

  it('refuses entries it could not hash the way it stores them', async () => {
    await expect(appendAudit(db, entry({ tenantId: 'not-a-uuid' }))).rejects.toThrow(/uuid/);
    await expect(appendAudit(db, entry({ actor: '' }))).rejects.toThrow(/actor/);
  });

  it('has the database refuse UPDATE, DELETE and TRUNCATE', async () => {
    await appendAudit(db, entry());
    await expectAppendOnlyRefusal(db.execute(sql`update audit_log set actor = 'mallory' where seq = 1`));
    await expectAppendOnlyRefusal(db.execute(sql`delete from audit_log where seq = 1`));
    await expectAppendOnlyRefusal(db.execute(sql`truncate audit_log`));
    expect((await listAudit(db, { limit: 1000 })).find((row) => row.seq === 1)?.actor).toBe('user:alice');
  });

  it('commits with the caller transaction, and leaves nothing when it rolls back', async () => {
    const before = await seqs(db);
    const committed = await db.transaction(async (tx) => {
      const a = await appendAudit(tx, entry({ action: 'integration.create' }));
      const b = await appendAudit(tx, entry({ action: 'integration.enable' }));
      return [a.seq, b.seq];
    });
    expect(committed).toEqual([before.length + 1, before.length + 2]);

    const rolledBack = db.transaction(async (tx) => {
      await appendAudit(tx, entry({ action: 'integration.delete' }));
      throw new Error('the change being recorded failed');
    });
    await expect(rolledBack).rejects.toThrow(/change being recorded failed/);

    expect(await seqs(db)).toEqual(range(1, before.length + 2));
    expect((await listAudit(db, { limit: 1 }))[0]?.action).toBe('integration.enable');
    const next = await appendAudit(db, entry());
    expect(next.seq).toBe(before.length + 3);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: before.length + 3 });
  });
});

describe('audit log under concurrent writers', () => {
  let testDb: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = testDb.database.db;
  });
  afterAll(async () => {
    await testDb.drop();
  });

  it('keeps one gapless chain for 50 concurrent appends', async () => {
    const rows = await Promise.all(range(1, 50).map((n) => appendAudit(db, entry({ details: { n } }))));
    expect(rows.map((row) => row.seq).sort((a, b) => a - b)).toEqual(range(1, 50));
    expect(await seqs(db)).toEqual(range(1, 50));
    expect(await verifyAuditChain(db, { batchSize: 7 })).toEqual({ ok: true, rows: 50 });
  });

  // Several pools (and so several processes) exist only on a PostgreSQL server; the embedded
  // database is one connection in one process, which the test above already covers.
  const onServer = serverUrl ? it : null;

  onServer?.('keeps one chain across independent connection pools', async () => {
    const url = testDb.url as string;
    const start = (await seqs(db)).length;
    const others: Database[] = await Promise.all(range(1, 3).map(() => openDatabase({ kind: 'postgres', url, poolSize: 5 })));
    try {
      const pools = [db, ...others.map((other) => other.db)];
      const writes = pools.flatMap((pool, p) => range(1, 20).map((n) => appendAudit(pool, entry({ actor: `pool-${p}`, details: { n } }))));
      await Promise.all(writes);
    } finally {
      await Promise.all(others.map((other) => other.close()));
    }
    expect(await seqs(db)).toEqual(range(1, start + 80));
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: start + 80 });
  });

  onServer?.('holds the chain lock until the caller transaction ends', async () => {
    const url = testDb.url as string;
    const other = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
    try {
      let waiting: Promise<number> | undefined;
      let settled = false;
      const held = await db.transaction(async (tx) => {
        const row = await appendAudit(tx, entry({ action: 'held' }));
        waiting = appendAudit(other.db, entry({ action: 'waiting' })).then((waited) => {
          settled = true;
          return waited.seq;
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(settled).toBe(false);
        return row.seq;
      });
      expect(await waiting).toBe(held + 1);
    } finally {
      await other.close();
    }
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

describe('audit chain tamper detection', () => {
  /** A fresh log of `count` rows with the append-only triggers off, so a test can tamper with it. */
  async function withTamperableLog(count: number, tamper: (db: Db) => Promise<void>): Promise<Awaited<ReturnType<typeof verifyAuditChain>>> {
    const testDb = await createTestDatabase();
    const db = testDb.database.db;
    try {
      for (const n of range(1, count)) await appendAudit(db, entry({ details: { n } }));
      expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: count });
      await db.execute(sql`alter table audit_log disable trigger user`);
      try {
        await tamper(db);
      } finally {
        await db.execute(sql`alter table audit_log enable trigger user`);
      }
      await expectAppendOnlyRefusal(db.execute(sql`delete from audit_log`));
      return await verifyAuditChain(db, { batchSize: 2 });
    } finally {
      await testDb.drop();
    }
  }

  it('finds a row whose content was edited', async () => {
    const result = await withTamperableLog(5, async (db) => {
      await db.execute(sql`update audit_log set details = '{"n": 99}'::jsonb where seq = 3`);
    });
    expect(result).toEqual({ ok: false, rows: 2, brokenAt: 3, reason: 'row 3: hash does not match its content (edited?)' });
  });

  it('finds an edited row whose hash was recomputed, at the next link', async () => {
    const result = await withTamperableLog(5, async (db) => {
      const row = (await listAudit(db)).find((candidate) => candidate.seq === 3);
      if (!row) throw new Error('row 3 not found');
      const forged = { ...row, actor: 'mallory' };
      await db.execute(sql`update audit_log set actor = 'mallory', hash = ${auditRowHash(row.prevHash, forged)} where seq = 3`);
    });
    expect(result).toMatchObject({ ok: false, rows: 3, brokenAt: 4 });
    expect(result.ok === false && result.reason).toMatch(/^row 4: prev_hash is not the hash of row 3/);
  });

  it('finds a deleted middle row', async () => {
    const result = await withTamperableLog(5, async (db) => {
      await db.execute(sql`delete from audit_log where seq = 3`);
    });
    expect(result).toEqual({ ok: false, rows: 2, brokenAt: 3, reason: 'row 3 missing (sequence jumps from 2 to 4)' });
  });

  it('finds deleted rows at the start of the log', async () => {
    const result = await withTamperableLog(4, async (db) => {
      await db.execute(sql`delete from audit_log where seq <= 2`);
    });
    expect(result).toEqual({ ok: false, rows: 0, brokenAt: 1, reason: 'rows 1–2 missing (sequence starts at 3)' });
  });
});
