/**
 * Registering chat workspaces on first use: the first of each platform joins the default tenant,
 * later ones get tenants of their own, and a new workspace's first requests arriving together
 * register it once, in one tenant.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceOnFirstUse } from '../../../src/bot/core/workspaces.js';
import { Keyring } from '../../../src/store/crypto.js';
import { chatWorkspaces, tenants } from '../../../src/store/schema.js';
import { ensureDefaultTenant } from '../../../src/store/tenants.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';

const keyring = new Keyring([{ version: 'v1', key: Buffer.alloc(32, 1) }]);
let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(async () => {
  await testDb?.drop();
});

describe('workspaceOnFirstUse', () => {
  it('registers a workspace once, in one tenant, when its first requests arrive together', async () => {
    const db = testDb.database.db;
    const fallback = await ensureDefaultTenant(db);
    const first = await Promise.all(Array.from({ length: 12 }, () => workspaceOnFirstUse(db, keyring, { platform: 'discord', externalId: 'G-TOGETHER', metadata: { seen: true } })));
    expect(new Set(first.map((w) => w.id)).size).toBe(1);
    expect(new Set(first.map((w) => w.tenantId))).toEqual(new Set([fallback.id]));

    // A second Discord server: its own tenant, however many of its requests race.
    const second = await Promise.all(Array.from({ length: 12 }, () => workspaceOnFirstUse(db, keyring, { platform: 'discord', externalId: 'G-SECOND', name: 'Second' })));
    expect(new Set(second.map((w) => w.id)).size).toBe(1);
    const tenantId = second[0]?.tenantId ?? '';
    expect(tenantId).not.toBe(fallback.id);
    expect(new Set(second.map((w) => w.tenantId))).toEqual(new Set([tenantId]));
    const made = await db.select().from(tenants).where(eq(tenants.slug, 'discord-g-second'));
    expect(made).toHaveLength(1);
    expect(await db.select().from(chatWorkspaces).where(eq(chatWorkspaces.platform, 'discord'))).toHaveLength(2);
  });
});
