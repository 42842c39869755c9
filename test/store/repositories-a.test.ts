import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { createApiToken, findApiToken, LAST_USED_RESOLUTION_MS, listApiTokens, liveApiTokens, revokeApiToken } from '../../src/store/api-tokens.js';
import { canonicalJson, sha256Hex } from '../../src/store/canonical-json.js';
import { Keyring, generateKeySpec, parseKeyring } from '../../src/store/crypto.js';
import type { Db } from '../../src/store/db.js';
import { insertEvidence, listEvidence, verifyEvidenceChecksum, type NewEvidenceItem } from '../../src/store/evidence.js';
import { roleOf } from '../../src/bot/core/permissions.js';
import { getMemberRole, listMembers, removeMember, setMemberRole } from '../../src/store/members.js';
import { listRoutesForChannel, matchRoutes, removeRoute, upsertRoute } from '../../src/store/routes.js';
import { apiTokens, chatWorkspaces, integrations } from '../../src/store/schema.js';
import {
  createSuppressionRule,
  listActiveSuppressionRules,
  removeSuppressionRule,
  ruleMatches,
} from '../../src/store/suppressions.js';
import { createSync, finishSync, getSync, listSyncs, markSyncRunning } from '../../src/store/syncs.js';
import { createTenant, ensureDefaultTenant, getTenant, getTenantBySlug, type Tenant } from '../../src/store/tenants.js';
import {
  findWorkspace,
  getWorkspaceBotToken,
  listWorkspaces,
  removeWorkspace,
  upsertWorkspace,
} from '../../src/store/workspaces.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

let testDb: TestDatabase;
let db: Db;
let tenantA: Tenant;
let tenantB: Tenant;
let integrationA1: string;
let integrationA2: string;
let integrationB: string;

function makeKeyring(): Keyring {
  return new Keyring(parseKeyring(generateKeySpec('v1')).keys);
}
const keyring = makeKeyring();

async function addIntegration(tenantId: string, name: string): Promise<string> {
  const [row] = await db.insert(integrations).values({ tenantId, name, provider: 'aws' }).returning({ id: integrations.id });
  if (!row) throw new Error('integration insert returned nothing');
  return row.id;
}

async function expectAppError(promise: Promise<unknown>, code: AppError['code']): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.database.db;
  tenantA = await createTenant(db, { slug: 'acme', name: 'Acme' });
  tenantB = await createTenant(db, { slug: 'globex', name: 'Globex' });
  integrationA1 = await addIntegration(tenantA.id, 'acme-prod');
  integrationA2 = await addIntegration(tenantA.id, 'acme-dev');
  integrationB = await addIntegration(tenantB.id, 'globex-prod');
});

afterAll(async () => {
  await testDb?.drop();
});

describe('tenants', () => {
  it('creates a tenant and reads it back by id and by slug', async () => {
    const created = await createTenant(db, { slug: 'initech', name: 'Initech' });
    expect(created).toMatchObject({ slug: 'initech', name: 'Initech' });
    expect(await getTenant(db, created.id)).toEqual(created);
    expect(await getTenantBySlug(db, 'initech')).toEqual(created);
  });

  it('refuses a second tenant with the same slug', async () => {
    await expectAppError(createTenant(db, { slug: 'acme', name: 'Another Acme' }), 'CONFLICT');
  });

  it('reports an unknown tenant as NOT_FOUND', async () => {
    await expectAppError(getTenant(db, randomUUID()), 'NOT_FOUND');
    await expectAppError(getTenantBySlug(db, 'nobody'), 'NOT_FOUND');
  });

  it('ensures the default tenant once, even when called concurrently', async () => {
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => ensureDefaultTenant(db)));
    const ids = new Set(results.map((t) => t.id));
    expect(ids.size).toBe(1);
    expect(results[0]).toMatchObject({ slug: 'default' });
    const again = await ensureDefaultTenant(db);
    expect(again.id).toBe(results[0]?.id);
  });
});

describe('workspaces', () => {
  const botToken = 'xoxb-1234-5678-secretvalue';

  it('stores the bot token only as an envelope that decrypts back', async () => {
    const ws = await upsertWorkspace(
      db,
      { tenantId: tenantA.id, platform: 'slack', externalId: 'T001', name: 'Acme Slack', botUserId: 'B1', botToken, installedBy: 'U1' },
      keyring,
    );
    expect(ws).toMatchObject({ tenantId: tenantA.id, platform: 'slack', externalId: 'T001', name: 'Acme Slack', installedBy: 'U1', metadata: {} });
    const [raw] = await db.select().from(chatWorkspaces).where(eq(chatWorkspaces.id, ws.id));
    expect(raw?.botTokenEnc).toMatch(/^cs1:v1:/);
    expect(JSON.stringify(raw)).not.toContain(botToken);
    expect(JSON.stringify(raw)).not.toContain('secretvalue');
    expect(await getWorkspaceBotToken(db, ws, keyring)).toBe(botToken);
  });

  it('gives an ENCRYPTION_ERROR under the wrong key', async () => {
    const ws = await findWorkspace(db, 'slack', 'T001');
    expect(ws).not.toBeNull();
    await expectAppError(getWorkspaceBotToken(db, ws!, makeKeyring()), 'ENCRYPTION_ERROR');
  });

  it('binds the envelope to its workspace, so a copied envelope does not decrypt', async () => {
    const source = await findWorkspace(db, 'slack', 'T001');
    const other = await upsertWorkspace(db, { tenantId: tenantA.id, platform: 'slack', externalId: 'T002' }, keyring);
    await db.update(chatWorkspaces).set({ botTokenEnc: source!.botTokenEnc }).where(eq(chatWorkspaces.id, other.id));
    await expectAppError(getWorkspaceBotToken(db, other, keyring), 'ENCRYPTION_ERROR');
    await removeWorkspace(db, other.id);
  });

  it('updates on reinstall, keeping fields that were not given, and reads the fresh token', async () => {
    const before = await findWorkspace(db, 'slack', 'T001');
    const after = await upsertWorkspace(
      db,
      { tenantId: tenantA.id, platform: 'slack', externalId: 'T001', botToken: 'xoxb-new', metadata: { scopes: ['chat:write'] } },
      keyring,
    );
    expect(after.id).toBe(before?.id);
    expect(after).toMatchObject({ name: 'Acme Slack', botUserId: 'B1', installedBy: 'U1', metadata: { scopes: ['chat:write'] } });
    // The stale row still finds the current token.
    expect(await getWorkspaceBotToken(db, before!, keyring)).toBe('xoxb-new');
  });

  it('clears the token when given null', async () => {
    const ws = await upsertWorkspace(db, { tenantId: tenantA.id, platform: 'slack', externalId: 'T001', botToken: null }, keyring);
    expect(ws.botTokenEnc).toBeNull();
    expect(await getWorkspaceBotToken(db, ws, keyring)).toBeNull();
  });

  it('refuses to move a workspace to another tenant', async () => {
    await expectAppError(
      upsertWorkspace(db, { tenantId: tenantB.id, platform: 'slack', externalId: 'T001', botToken: 'xoxb-hijack' }, keyring),
      'CONFLICT',
    );
    const ws = await findWorkspace(db, 'slack', 'T001');
    expect(ws?.tenantId).toBe(tenantA.id);
    expect(ws?.botTokenEnc).toBeNull();
  });

  it('finds by platform and external id, lists per tenant and removes', async () => {
    const discord = await upsertWorkspace(db, { tenantId: tenantB.id, platform: 'discord', externalId: 'G9', botToken: 'discord-token' }, keyring);
    expect(await findWorkspace(db, 'slack', 'G9')).toBeNull();
    expect((await findWorkspace(db, 'discord', 'G9'))?.id).toBe(discord.id);
    expect((await listWorkspaces(db, tenantA.id)).map((w) => w.externalId)).toEqual(['T001']);
    expect((await listWorkspaces(db, tenantB.id)).map((w) => w.externalId)).toEqual(['G9']);
    expect(await removeWorkspace(db, discord.id)).toBe(true);
    expect(await removeWorkspace(db, discord.id)).toBe(false);
    expect(await findWorkspace(db, 'discord', 'G9')).toBeNull();
    await expectAppError(getWorkspaceBotToken(db, discord, keyring), 'NOT_FOUND');
  });
});

describe('members', () => {
  it('has no role until one is set', async () => {
    expect(await getMemberRole(db, tenantA.id, 'slack', 'U100')).toBeNull();
  });

  it('sets and changes a role, keeping the display name when not given', async () => {
    const first = await setMemberRole(db, { tenantId: tenantA.id, platform: 'slack', externalUserId: 'U100', role: 'viewer', grantedBy: 'config', displayName: 'Ada' });
    expect(first).toMatchObject({ role: 'viewer', grantedBy: 'config', displayName: 'Ada' });
    const second = await setMemberRole(db, { tenantId: tenantA.id, platform: 'slack', externalUserId: 'U100', role: 'admin', grantedBy: 'slack:U1' });
    expect(second).toMatchObject({ id: first.id, role: 'admin', grantedBy: 'slack:U1', displayName: 'Ada' });
    expect(await getMemberRole(db, tenantA.id, 'slack', 'U100')).toBe('admin');
  });

  it('keeps roles apart per tenant and platform', async () => {
    expect(await getMemberRole(db, tenantB.id, 'slack', 'U100')).toBeNull();
    expect(await getMemberRole(db, tenantA.id, 'discord', 'U100')).toBeNull();
    await setMemberRole(db, { tenantId: tenantB.id, platform: 'teams', externalUserId: 'aad-1', role: 'responder', grantedBy: 'install' });
    expect((await listMembers(db, tenantA.id)).map((m) => m.externalUserId)).toEqual(['U100']);
    expect((await listMembers(db, tenantB.id)).map((m) => m.externalUserId)).toEqual(['aad-1']);
  });

  it('answers concurrent role questions of several tenants and platforms, each with its own role, and sees a change made just before', async () => {
    await setMemberRole(db, { tenantId: tenantA.id, platform: 'slack', externalUserId: 'U200', role: 'viewer', grantedBy: 'slack:U1' });
    await setMemberRole(db, { tenantId: tenantB.id, platform: 'slack', externalUserId: 'U200', role: 'admin', grantedBy: 'slack:U1' });
    const config = { defaultRole: 'responder' as const, admins: ['discord:D-ADMIN'] };
    const actor = (tenantId: string, platform: 'slack' | 'teams' | 'discord', userId: string) => ({ platform, tenantId, workspaceId: 'w', workspaceExternalId: 'x', userId, auditId: `${platform}:x:${userId}` });
    const roles = await Promise.all([
      roleOf(db, config, actor(tenantA.id, 'slack', 'U200')),
      roleOf(db, config, actor(tenantB.id, 'slack', 'U200')),
      roleOf(db, config, actor(tenantB.id, 'teams', 'aad-1')),
      roleOf(db, config, actor(tenantA.id, 'teams', 'aad-1')),
      roleOf(db, config, actor(tenantA.id, 'discord', 'D-ADMIN')),
      roleOf(db, config, actor(tenantA.id, 'slack', 'U-NOBODY')),
    ]);
    expect(roles).toEqual(['viewer', 'admin', 'responder', 'responder', 'admin', 'responder']);
    await setMemberRole(db, { tenantId: tenantA.id, platform: 'slack', externalUserId: 'U200', role: 'responder', grantedBy: 'slack:U1' });
    expect(await roleOf(db, config, actor(tenantA.id, 'slack', 'U200'))).toBe('responder');
  });

  it('removes a role only in its own tenant', async () => {
    expect(await removeMember(db, tenantB.id, 'slack', 'U100')).toBe(false);
    expect(await getMemberRole(db, tenantA.id, 'slack', 'U100')).toBe('admin');
    expect(await removeMember(db, tenantA.id, 'slack', 'U100')).toBe(true);
    expect(await getMemberRole(db, tenantA.id, 'slack', 'U100')).toBeNull();
  });
});

describe('api tokens', () => {
  it('returns the token once and stores only its SHA-256', async () => {
    const { token, row } = await createApiToken(db, { tenantId: tenantA.id, name: 'ci', role: 'responder' });
    expect(token).toMatch(/^cst_[A-Za-z0-9_-]{43}$/);
    expect(row).toMatchObject({ tenantId: tenantA.id, name: 'ci', role: 'responder', lastUsedAt: null, revokedAt: null });
    expect(row).not.toHaveProperty('tokenHash');
    const [raw] = await db.select().from(apiTokens).where(eq(apiTokens.id, row.id));
    expect(raw?.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    const stored = JSON.stringify(raw);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(4));
  });

  it('finds a live token by its value and records the use', async () => {
    const { token, row } = await createApiToken(db, { tenantId: tenantA.id, name: 'cli', role: 'admin' });
    const found = await findApiToken(db, token);
    expect(found).toMatchObject({ id: row.id, tenantId: tenantA.id, role: 'admin' });
    expect(found).not.toHaveProperty('tokenHash');
    expect(found?.lastUsedAt).toBeInstanceOf(Date);
    expect(await findApiToken(db, `${token}x`)).toBeNull();
    expect(await findApiToken(db, 'cst_unknown')).toBeNull();
  });

  it('lists per tenant without hashes', async () => {
    await createApiToken(db, { tenantId: tenantB.id, name: 'globex-bot', role: 'viewer' });
    const listedA = await listApiTokens(db, tenantA.id);
    const listedB = await listApiTokens(db, tenantB.id);
    expect(listedA.map((t) => t.name)).toEqual(['ci', 'cli']);
    expect(listedB.map((t) => t.name)).toEqual(['globex-bot']);
    for (const t of [...listedA, ...listedB]) expect(t).not.toHaveProperty('tokenHash');
  });

  it('revokes only within the tenant, once, and a revoked token no longer authenticates', async () => {
    const { token, row } = await createApiToken(db, { tenantId: tenantA.id, name: 'temp', role: 'viewer' });
    expect(await revokeApiToken(db, tenantB.id, row.id)).toBe(false);
    expect(await findApiToken(db, token)).not.toBeNull();
    expect(await revokeApiToken(db, tenantA.id, row.id)).toBe(true);
    expect(await revokeApiToken(db, tenantA.id, row.id)).toBe(false);
    expect(await findApiToken(db, token)).toBeNull();
    const listed = await listApiTokens(db, tenantA.id);
    expect(listed.find((t) => t.id === row.id)?.revokedAt).toBeInstanceOf(Date);
  });

  it('answers which tokens are still live, recording their use at most once a minute', async () => {
    const live = await createApiToken(db, { tenantId: tenantA.id, name: 'live', role: 'viewer' });
    const revoked = await createApiToken(db, { tenantId: tenantA.id, name: 'revoked', role: 'viewer' });
    await revokeApiToken(db, tenantA.id, revoked.row.id);
    const lastUsed = async () => (await listApiTokens(db, tenantA.id)).find((t) => t.id === live.row.id)?.lastUsedAt ?? null;
    const t0 = new Date('2031-01-01T00:00:00Z');
    const first = await liveApiTokens(db, [live.row.id, revoked.row.id, randomUUID()], t0);
    expect(first.map((t) => t.id)).toEqual([live.row.id]);
    expect(await lastUsed()).toEqual(t0);
    await liveApiTokens(db, [live.row.id], new Date(t0.getTime() + LAST_USED_RESOLUTION_MS - 1));
    expect(await lastUsed()).toEqual(t0);
    const later = new Date(t0.getTime() + LAST_USED_RESOLUTION_MS + 1);
    expect((await liveApiTokens(db, [live.row.id], later))[0]?.lastUsedAt).toEqual(later);
    expect(await lastUsed()).toEqual(later);
    expect(await liveApiTokens(db, [])).toEqual([]);
  });
});

describe('routes', () => {
  it('keeps one rule per channel and integration, updating its threshold', async () => {
    const first = await upsertRoute(db, { tenantId: tenantA.id, platform: 'slack', channelId: 'C-SEC', integrationId: null, minSeverity: 'low', target: { thread: false }, createdBy: 'slack:U1' });
    const second = await upsertRoute(db, { tenantId: tenantA.id, platform: 'slack', channelId: 'C-SEC', integrationId: null, minSeverity: 'high', createdBy: 'slack:U2' });
    expect(second).toMatchObject({ id: first.id, minSeverity: 'high', target: { thread: false }, createdBy: 'slack:U1' });
    const third = await upsertRoute(db, { tenantId: tenantA.id, platform: 'slack', channelId: 'C-SEC', integrationId: null, minSeverity: 'high', target: { thread: true }, createdBy: 'slack:U2' });
    expect(third.target).toEqual({ thread: true });
    await upsertRoute(db, { tenantId: tenantA.id, platform: 'slack', channelId: 'C-SEC', integrationId: integrationA1, minSeverity: 'info', createdBy: 'slack:U1' });
    const listed = await listRoutesForChannel(db, 'slack', 'C-SEC');
    expect(listed.map((r) => [r.integrationId, r.minSeverity])).toEqual([
      [null, 'high'],
      [integrationA1, 'info'],
    ]);
  });

  it('refuses to take over a channel routed for another tenant', async () => {
    await expectAppError(
      upsertRoute(db, { tenantId: tenantB.id, platform: 'slack', channelId: 'C-SEC', integrationId: null, minSeverity: 'info', createdBy: 'slack:X' }),
      'CONFLICT',
    );
    expect((await listRoutesForChannel(db, 'slack', 'C-SEC')).every((r) => r.tenantId === tenantA.id)).toBe(true);
  });

  it('matches by integration and severity threshold, within the tenant', async () => {
    await upsertRoute(db, { tenantId: tenantA.id, platform: 'teams', channelId: '19:crit', integrationId: integrationA2, minSeverity: 'critical', createdBy: 'teams:a' });
    await upsertRoute(db, { tenantId: tenantA.id, platform: 'discord', channelId: 'D-MED', integrationId: null, minSeverity: 'medium', createdBy: 'discord:a' });
    await upsertRoute(db, { tenantId: tenantB.id, platform: 'slack', channelId: 'C-GLOBEX', integrationId: null, minSeverity: 'info', createdBy: 'slack:b' });
    await upsertRoute(db, { tenantId: tenantB.id, platform: 'slack', channelId: 'C-GLOBEX', integrationId: integrationB, minSeverity: 'info', createdBy: 'slack:b' });

    const channels = async (integrationId: string | null, severity: 'critical' | 'high' | 'medium' | 'low' | 'info') =>
      (await matchRoutes(db, tenantA.id, integrationId, severity)).map((r) => `${r.channelId}:${r.integrationId === null ? '*' : r.integrationId === integrationA1 ? 'a1' : 'a2'}`).sort();

    // A1 rules: C-SEC/* high, C-SEC/a1 info, D-MED/* medium. A2 adds 19:crit/a2 critical.
    expect(await channels(integrationA1, 'critical')).toEqual(['C-SEC:*', 'C-SEC:a1', 'D-MED:*']);
    expect(await channels(integrationA1, 'high')).toEqual(['C-SEC:*', 'C-SEC:a1', 'D-MED:*']);
    expect(await channels(integrationA1, 'medium')).toEqual(['C-SEC:a1', 'D-MED:*']);
    expect(await channels(integrationA1, 'low')).toEqual(['C-SEC:a1']);
    expect(await channels(integrationA1, 'info')).toEqual(['C-SEC:a1']);
    expect(await channels(integrationA2, 'critical')).toEqual(['19:crit:a2', 'C-SEC:*', 'D-MED:*']);
    expect(await channels(integrationA2, 'high')).toEqual(['C-SEC:*', 'D-MED:*']);
    expect(await channels(integrationA2, 'low')).toEqual([]);
    expect(await channels(null, 'critical')).toEqual(['C-SEC:*', 'D-MED:*']);
    expect(await channels(null, 'medium')).toEqual(['D-MED:*']);

    const globex = await matchRoutes(db, tenantB.id, integrationB, 'info');
    expect(globex.map((r) => r.channelId)).toEqual(['C-GLOBEX', 'C-GLOBEX']);
    expect((await matchRoutes(db, tenantB.id, integrationA1, 'critical')).map((r) => r.integrationId)).toEqual([null]);
  });

  it('removes a rule by channel and integration, null included', async () => {
    expect(await removeRoute(db, 'slack', 'C-SEC', integrationA2)).toBe(false);
    expect(await removeRoute(db, 'slack', 'C-SEC', null)).toBe(true);
    expect(await removeRoute(db, 'slack', 'C-SEC', null)).toBe(false);
    expect((await listRoutesForChannel(db, 'slack', 'C-SEC')).map((r) => r.integrationId)).toEqual([integrationA1]);
    expect(await removeRoute(db, 'slack', 'C-SEC', integrationA1)).toBe(true);
    expect(await listRoutesForChannel(db, 'slack', 'C-SEC')).toEqual([]);
  });
});

describe('suppression rules', () => {
  const now = new Date('2025-06-01T12:00:00Z');
  const base = { integrationId: null, checkId: null, resourcePattern: null, expiresAt: null };
  const subject = { integrationId: 'i-1', checkId: 's3_public', resourceId: 'arn:aws:s3:::my.bucket+1' };

  it('creates, lists only active rules per tenant, and removes within the tenant', async () => {
    const active = await createSuppressionRule(db, { tenantId: tenantA.id, checkId: 's3_public', reason: 'accepted risk', createdBy: 'slack:U1' });
    const later = await createSuppressionRule(db, { tenantId: tenantA.id, resourcePattern: 'arn:aws:s3:::logs-*', reason: 'log buckets', createdBy: 'slack:U1', expiresAt: new Date(now.getTime() + 60_000) });
    await createSuppressionRule(db, { tenantId: tenantA.id, integrationId: integrationA1, reason: 'old', createdBy: 'slack:U1', expiresAt: now });
    const other = await createSuppressionRule(db, { tenantId: tenantB.id, checkId: 'iam_root_mfa', reason: 'globex', createdBy: 'slack:U9' });

    expect((await listActiveSuppressionRules(db, tenantA.id, now)).map((r) => r.id).sort()).toEqual([active.id, later.id].sort());
    expect((await listActiveSuppressionRules(db, tenantB.id, now)).map((r) => r.id)).toEqual([other.id]);
    expect((await listActiveSuppressionRules(db, tenantA.id, new Date(now.getTime() + 120_000))).map((r) => r.id)).toEqual([active.id]);

    expect(await removeSuppressionRule(db, tenantB.id, active.id)).toBe(false);
    expect(await removeSuppressionRule(db, tenantA.id, active.id)).toBe(true);
    expect(await removeSuppressionRule(db, tenantA.id, active.id)).toBe(false);
  });

  it('refuses a rule that names nothing', async () => {
    await expectAppError(createSuppressionRule(db, { tenantId: tenantA.id, reason: 'all', createdBy: 'slack:U1' }), 'VALIDATION_ERROR');
  });

  it('treats null fields as wildcards and compares the others exactly', () => {
    expect(ruleMatches({ ...base, checkId: 's3_public' }, subject, now)).toBe(true);
    expect(ruleMatches({ ...base, checkId: 's3_versioning' }, subject, now)).toBe(false);
    expect(ruleMatches({ ...base, integrationId: 'i-1' }, subject, now)).toBe(true);
    expect(ruleMatches({ ...base, integrationId: 'i-2' }, subject, now)).toBe(false);
    expect(ruleMatches({ ...base, integrationId: 'i-1' }, { ...subject, integrationId: null }, now)).toBe(false);
    expect(ruleMatches({ ...base, integrationId: 'i-1', checkId: 's3_public', resourcePattern: 'arn:*' }, subject, now)).toBe(true);
  });

  it('stops matching once expired', () => {
    const rule = { ...base, checkId: 's3_public' };
    expect(ruleMatches({ ...rule, expiresAt: new Date(now.getTime() + 1) }, subject, now)).toBe(true);
    expect(ruleMatches({ ...rule, expiresAt: now }, subject, now)).toBe(false);
    expect(ruleMatches({ ...rule, expiresAt: new Date(now.getTime() - 1) }, subject, now)).toBe(false);
  });

  it('matches resource globs literally apart from *', () => {
    const matches = (pattern: string, resourceId: string) => ruleMatches({ ...base, resourcePattern: pattern }, { ...subject, resourceId }, now);
    const arn = 'arn:aws:s3:::my.bucket+1';
    expect(matches(arn, arn)).toBe(true);
    expect(matches(arn, 'arn:aws:s3:::myXbucket+1')).toBe(false); // `.` is not a wildcard
    expect(matches(arn, 'arn:aws:s3:::my.bucket1')).toBe(false); // `+` is not a quantifier
    expect(matches(arn, 'arn:aws:s3:::my.bucket+++1')).toBe(false);
    expect(matches('arn:aws:s3:::my.bucket+*', arn)).toBe(true);
    expect(matches('arn:aws:s3:::my.bucket+*', 'arn:aws:s3:::my.bucket+')).toBe(true); // `*` matches the empty run
    expect(matches('arn:aws:s3:::my.bucket+*', 'arn:aws:s3:::my.bucketx1')).toBe(false);
    expect(matches('*', '')).toBe(true);
    expect(matches('*', arn)).toBe(true);
    expect(matches('bucket', 'my-bucket-2')).toBe(false); // anchored at both ends
    expect(matches('*bucket*', 'my-bucket-2')).toBe(true);
    expect(matches('a**b', 'ab')).toBe(true);
    expect(matches('(a|b)?[x]^$\\{2}', '(a|b)?[x]^$\\{2}')).toBe(true);
    expect(matches('(a|b)?[x]^$\\{2}', 'a')).toBe(false);
    expect(matches('/subscriptions/*/resourceGroups/rg-prod/*', '/subscriptions/123/resourceGroups/rg-prod/providers/x')).toBe(true);
    expect(matches('/subscriptions/*/resourceGroups/rg-prod/*', '/subscriptions/123/resourceGroups/RG-PROD/providers/x')).toBe(false);
    expect(matches('line*end', 'line\nend')).toBe(true);
  });
});

describe('syncs', () => {
  it('creates, runs and finishes a sync', async () => {
    const sync = await createSync(db, { tenantId: tenantA.id, integrationId: integrationA1, evidenceTypes: ['iam_policies'], framework: 'SOC2', requestedBy: 'api:tok' });
    expect(sync).toMatchObject({ status: 'queued', itemCount: 0, error: null, finishedAt: null, evidenceTypes: ['iam_policies'] });
    expect(await getSync(db, sync.id)).toEqual(sync);

    expect((await markSyncRunning(db, sync.id))?.status).toBe('running');
    // A retried job finds it running and carries on.
    expect((await markSyncRunning(db, sync.id))?.status).toBe('running');

    const done = await finishSync(db, sync.id, { status: 'partial', itemCount: 7, error: 'one region was denied' });
    expect(done).toMatchObject({ status: 'partial', itemCount: 7, error: 'one region was denied' });
    expect(done.finishedAt).toBeInstanceOf(Date);
    expect(await markSyncRunning(db, sync.id)).toBeNull();
  });

  it('reports an unknown sync as NOT_FOUND', async () => {
    await expectAppError(getSync(db, randomUUID()), 'NOT_FOUND');
    await expectAppError(finishSync(db, randomUUID(), { status: 'complete', itemCount: 0 }), 'NOT_FOUND');
    expect(await markSyncRunning(db, randomUUID())).toBeNull();
  });

  it('lists an integration\u2019s syncs newest first, up to the limit', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      ids.push((await createSync(db, { tenantId: tenantA.id, integrationId: integrationA2, evidenceTypes: [`t${i}`], requestedBy: 'schedule' })).id);
    }
    expect((await listSyncs(db, integrationA2, 10)).map((s) => s.id)).toEqual([...ids].reverse());
    expect((await listSyncs(db, integrationA2, 2)).map((s) => s.id)).toEqual([ids[2], ids[1]]);
    expect(await listSyncs(db, integrationB)).toEqual([]);
  });
});

describe('evidence', () => {
  function item(overrides: Partial<NewEvidenceItem> & Pick<NewEvidenceItem, 'tenantId' | 'data'>): NewEvidenceItem {
    return {
      integrationId: null,
      title: 'MFA on root',
      description: 'Root account has MFA',
      evidenceType: 'iam_policies',
      framework: 'SOC2',
      controlId: 'CC6.1',
      evidenceMetadata: { collector: 'aws' },
      confidenceScore: 0.9,
      trustPoints: 10,
      ...overrides,
    };
  }

  it('inserts nothing for an empty list', async () => {
    expect(await insertEvidence(db, [])).toEqual([]);
  });

  it('checksums the canonical data, independent of key order, and verifies after a round trip', async () => {
    const data = { zeta: 1, alpha: { b: [1, 'two', { y: true, x: null }], a: 0.5 }, when: '2025-06-01T00:00:00.000Z' };
    const reordered = { when: data.when, alpha: { a: 0.5, b: [1, 'two', { x: null, y: true }] }, zeta: 1 };
    const [first, second] = await insertEvidence(db, [
      item({ tenantId: tenantA.id, integrationId: integrationA1, data }),
      item({ tenantId: tenantA.id, integrationId: integrationA1, data: reordered }),
    ]);
    expect(first?.checksum).toBe(sha256Hex(canonicalJson(data)));
    expect(first?.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(second?.checksum).toBe(first?.checksum);

    const stored = await listEvidence(db, { tenantId: tenantA.id, integrationId: integrationA1 });
    expect(stored).toHaveLength(2);
    for (const row of stored) expect(verifyEvidenceChecksum(row)).toBe(true);
  });

  it('detects altered data', async () => {
    const [row] = await listEvidence(db, { tenantId: tenantA.id, limit: 1 });
    expect(row).toBeDefined();
    expect(verifyEvidenceChecksum({ ...row!, data: { ...row!.data, zeta: 2 } })).toBe(false);
    expect(verifyEvidenceChecksum({ ...row!, checksum: '0'.repeat(64) })).toBe(false);
  });

  it('filters by framework, control and integration, within the tenant', async () => {
    await insertEvidence(db, [
      item({ tenantId: tenantA.id, integrationId: integrationA2, framework: 'ISO27001', controlId: 'A.8.2', data: { n: 1 } }),
      item({ tenantId: tenantA.id, integrationId: integrationA2, framework: 'ISO27001', controlId: 'A.5.15', data: { n: 2 } }),
      item({ tenantId: tenantB.id, integrationId: integrationB, framework: 'ISO27001', controlId: 'A.8.2', data: { n: 3 } }),
    ]);
    expect(await listEvidence(db, { tenantId: tenantA.id })).toHaveLength(4);
    expect((await listEvidence(db, { tenantId: tenantA.id, framework: 'ISO27001' })).map((e) => e.data.n).sort()).toEqual([1, 2]);
    expect((await listEvidence(db, { tenantId: tenantA.id, framework: 'ISO27001', controlId: 'A.8.2' })).map((e) => e.data.n)).toEqual([1]);
    expect(await listEvidence(db, { tenantId: tenantA.id, integrationId: integrationB })).toEqual([]);
    expect((await listEvidence(db, { tenantId: tenantB.id })).map((e) => e.data.n)).toEqual([3]);
    expect(await listEvidence(db, { tenantId: tenantA.id, limit: 3 })).toHaveLength(3);
  });
});
