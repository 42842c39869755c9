/**
 * Integrations (with credential encryption and key rotation), scans, findings, alerts and alert
 * messages, against a fresh migrated database (PGlite, or the PostgreSQL server in DATABASE_URL).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { fingerprint } from '../../src/scanning/engine.js';
import { listAlertMessages, markRendered, recordAlertMessage, staleMessages } from '../../src/store/alert-messages.js';
import {
  getAlert,
  listAlerts,
  openAlertForFinding,
  reopenExpiredSuppressions,
  resolveAlertsForFindings,
  transitionAlert,
  type Alert,
} from '../../src/store/alerts.js';
import { Keyring } from '../../src/store/crypto.js';
import { rowsOf, type Db } from '../../src/store/db.js';
import {
  getFinding,
  listFindings,
  resolveMissingFindings,
  upsertFindings,
  type FindingInput,
  type FindingScope,
} from '../../src/store/findings.js';
import {
  createIntegration,
  deleteIntegration,
  destroyIntegration,
  findIntegrationByName,
  getIntegration,
  listIntegrations,
  readCredentials,
  updateIntegration,
  type PublicIntegration,
} from '../../src/store/integrations.js';
import { rotateSecrets } from '../../src/store/rotate-secrets.js';
import {
  createScan,
  findActiveScan,
  finishScan,
  getScan,
  lastCompleteScan,
  listScans,
  markScanRunning,
  requestScan,
  updateScanProgress,
} from '../../src/store/scans.js';
import { chatWorkspaces, findings, integrations, tenants } from '../../src/store/schema.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const V1 = { version: 'v1', key: randomBytes(32) };
const V2 = { version: 'v2', key: randomBytes(32) };
const keyringV1 = new Keyring([V1]);
const CANARY = `canary-${randomBytes(8).toString('hex')}`;

let testDb: TestDatabase;
let db: Db;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.database.db;
});

afterAll(async () => {
  await testDb.drop();
});

async function newTenant(): Promise<string> {
  const slug = `t-${randomBytes(4).toString('hex')}`;
  const [row] = await db.insert(tenants).values({ slug, name: slug }).returning();
  return row!.id;
}

async function newIntegration(tenantId: string, name = `acct-${randomBytes(4).toString('hex')}`): Promise<PublicIntegration> {
  return createIntegration(db, keyringV1, { tenantId, name, provider: 'aws', credentials: { roleArn: 'arn:aws:iam::1:role/x', secret: CANARY } });
}

async function rawEnvelope(id: string): Promise<string | null> {
  const result = await db.execute(sql`select credentials_enc from integrations where id = ${id}`);
  return rowsOf<{ credentials_enc: string | null }>(result)[0]?.credentials_enc ?? null;
}

function result(checkId: string, resourceId: string, status: FindingInput['status'], severity: FindingInput['severity'] = 'high'): FindingInput {
  return {
    checkId,
    service: 's3',
    resourceId,
    resourceType: 'AwsS3Bucket',
    region: 'eu-west-1',
    fingerprint: `${checkId}|${resourceId}`,
    status,
    severity,
    riskScore: 7.5,
    title: `${checkId} on ${resourceId}`,
    statusDetail: status === 'fail' ? 'Public access is not blocked.' : 'Fine.',
    remediation: 'Turn on Block Public Access.',
    compliance: { 'cis-aws-5.0': ['2.1.4'] },
  };
}

describe('integrations', () => {
  let tenantId: string;
  let otherTenantId: string;

  beforeAll(async () => {
    tenantId = await newTenant();
    otherTenantId = await newTenant();
  });

  it('never stores the credentials in clear and never returns the envelope', async () => {
    const integration = await newIntegration(tenantId);
    expect(integration).not.toHaveProperty('credentialsEnc');
    const envelope = await rawEnvelope(integration.id);
    expect(envelope).toMatch(/^cs1:v1:/);
    const whole = await db.execute(sql`select row_to_json(i)::text as text from integrations i where id = ${integration.id}`);
    expect(rowsOf<{ text: string }>(whole)[0]?.text).not.toContain(CANARY);
    expect(JSON.stringify(integration)).not.toContain(CANARY);
  });

  it('reads the credentials back', async () => {
    const integration = await newIntegration(tenantId);
    expect(await readCredentials(db, keyringV1, integration)).toEqual({ roleArn: 'arn:aws:iam::1:role/x', secret: CANARY });
  });

  it('refuses a wrong key, and an envelope copied onto another integration', async () => {
    const integration = await newIntegration(tenantId);
    const impostor = new Keyring([{ version: 'v1', key: randomBytes(32) }]);
    await expect(readCredentials(db, impostor, integration)).rejects.toMatchObject({ code: 'ENCRYPTION_ERROR' });

    const other = await newIntegration(tenantId);
    await db.update(integrations).set({ credentialsEnc: await rawEnvelope(integration.id) }).where(eq(integrations.id, other.id));
    await expect(readCredentials(db, keyringV1, other)).rejects.toMatchObject({ code: 'ENCRYPTION_ERROR' });
    // Erase the undecryptable envelope, or the rotation test below would rightly stop on it.
    await destroyIntegration(db, tenantId, other.id);
  });

  it('keeps names unique per tenant', async () => {
    await newIntegration(tenantId, 'production');
    await expect(newIntegration(tenantId, 'production')).rejects.toSatisfy(
      (error: unknown) => error instanceof AppError && error.code === 'CONFLICT' && error.message.includes('"production"'),
    );
    const elsewhere = await newIntegration(otherTenantId, 'production');
    expect(elsewhere.tenantId).toBe(otherTenantId);
  });

  it('gets, finds and lists within a tenant', async () => {
    const integration = await newIntegration(tenantId, 'staging');
    expect((await getIntegration(db, tenantId, integration.id)).name).toBe('staging');
    await expect(getIntegration(db, otherTenantId, integration.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await findIntegrationByName(db, tenantId, 'staging'))?.id).toBe(integration.id);
    expect(await findIntegrationByName(db, otherTenantId, 'staging')).toBeNull();

    const mine = await listIntegrations(db, tenantId);
    expect(mine.every((row) => row.tenantId === tenantId)).toBe(true);
    expect(mine.map((row) => row.id)).toContain(integration.id);
    const all = await listIntegrations(db);
    expect(new Set(all.map((row) => row.tenantId))).toEqual(new Set([tenantId, otherTenantId]));
    expect(all.some((row) => 'credentialsEnc' in row)).toBe(false);
  });

  it('updates only the fields given', async () => {
    const integration = await createIntegration(db, keyringV1, {
      tenantId,
      name: 'updatable',
      provider: 'github',
      credentials: { token: CANARY },
      configuration: { org: 'acme' },
      schedule: '0 6 * * *',
    });
    const lastScanAt = new Date('2025-01-02T03:04:05Z');
    const health = { status: 'healthy' as const, responseTimeMs: 120, errorMessage: null, checkedAt: lastScanAt.toISOString(), metadata: {} };
    const updated = await updateIntegration(db, integration.id, { status: 'error', health, lastScanAt });
    expect(updated).toMatchObject({ status: 'error', health, schedule: '0 6 * * *', configuration: { org: 'acme' } });
    expect(updated.lastScanAt?.toISOString()).toBe(lastScanAt.toISOString());
    expect(updated).not.toHaveProperty('credentialsEnc');
    await expect(updateIntegration(db, randomUUID(), { schedule: '* * * * *' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('destroys the credentials, not just flags them', async () => {
    const integration = await newIntegration(tenantId);
    expect(await destroyIntegration(db, otherTenantId, integration.id)).toBe(false);
    expect(await destroyIntegration(db, tenantId, integration.id)).toBe(true);
    expect(await rawEnvelope(integration.id)).toBeNull();
    expect((await getIntegration(db, tenantId, integration.id)).status).toBe('disabled');
    await expect(readCredentials(db, keyringV1, integration)).rejects.toSatisfy(
      (error: unknown) => error instanceof AppError && error.code === 'CONFLICT' && /destroyed/.test(error.message),
    );
    expect(await destroyIntegration(db, tenantId, randomUUID())).toBe(false);
  });

  it('deletes for good', async () => {
    const integration = await newIntegration(tenantId);
    expect(await deleteIntegration(db, otherTenantId, integration.id)).toBe(false);
    expect(await deleteIntegration(db, tenantId, integration.id)).toBe(true);
    await expect(getIntegration(db, tenantId, integration.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await deleteIntegration(db, tenantId, integration.id)).toBe(false);
  });
});

describe('rotateSecrets', () => {
  it('re-encrypts every secret under the new key, and refuses to go on without the old one', async () => {
    const tenantId = await newTenant();
    const integration = await newIntegration(tenantId);
    const workspace = { platform: 'slack' as const, externalId: `T${randomBytes(4).toString('hex')}` };
    const context = `workspace:${workspace.platform}:${workspace.externalId}`;
    await db.insert(chatWorkspaces).values({ tenantId, ...workspace, botTokenEnc: keyringV1.encrypt(`xoxb-${CANARY}`, context) });
    const secrets = await countSecrets();
    expect(secrets).toBeGreaterThanOrEqual(2);

    // Dropping v1 before rotating: the error names the key that is missing.
    const onlyV2 = new Keyring([V2]);
    await expect(rotateSecrets(db, onlyV2)).rejects.toSatisfy(
      (error: unknown) => error instanceof AppError && error.code === 'ENCRYPTION_ERROR' && /\bv1\b/.test(error.message),
    );

    expect(await rotateSecrets(db, new Keyring([V2, V1]))).toEqual({ rotated: secrets, skipped: 0 });
    expect(await rawEnvelope(integration.id)).toMatch(/^cs1:v2:/);
    expect(await readCredentials(db, onlyV2, integration)).toMatchObject({ secret: CANARY });
    const [stored] = await db.select().from(chatWorkspaces).where(eq(chatWorkspaces.externalId, workspace.externalId));
    expect(onlyV2.decrypt(stored!.botTokenEnc!, context)).toBe(`xoxb-${CANARY}`);

    expect(await rotateSecrets(db, onlyV2)).toEqual({ rotated: 0, skipped: secrets });
  });

  async function countSecrets(): Promise<number> {
    const withCredentials = await db.select({ id: integrations.id }).from(integrations).where(isNotNull(integrations.credentialsEnc));
    const withTokens = await db.select({ id: chatWorkspaces.id }).from(chatWorkspaces).where(isNotNull(chatWorkspaces.botTokenEnc));
    return withCredentials.length + withTokens.length;
  }
});

describe('scans', () => {
  let tenantId: string;
  let integration: PublicIntegration;

  beforeAll(async () => {
    tenantId = await newTenant();
    integration = await newIntegration(tenantId);
  });

  it('coalesces concurrent requests into the one active scan', async () => {
    const input = { tenantId, integrationId: integration.id, provider: 'aws' as const, requestedBy: 'slack:T1:U1' };
    const [first, second] = await Promise.all([requestScan(db, input), requestScan(db, { ...input, requestedBy: 'schedule' })]);
    expect(first.scan.id).toBe(second.scan.id);
    expect([first.coalesced, second.coalesced].sort()).toEqual([false, true]);
    expect((await findActiveScan(db, integration.id))?.id).toBe(first.scan.id);

    await markScanRunning(db, first.scan.id);
    const third = await requestScan(db, input);
    expect(third).toMatchObject({ coalesced: true, scan: { id: first.scan.id, status: 'running' } });

    await finishScan(db, first.scan.id, { status: 'cancelled' });
    expect(await findActiveScan(db, integration.id)).toBeNull();
    expect((await requestScan(db, input)).coalesced).toBe(false);
    await expect(requestScan(db, { ...input, integrationId: randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('runs a scan through its life and keeps the first outcome', async () => {
    const other = await newIntegration(tenantId);
    const scan = await createScan(db, { tenantId, integrationId: other.id, provider: 'aws', requestedBy: 'cli', regions: ['eu-west-1'], checks: ['s3-public'] });
    expect(scan).toMatchObject({ status: 'queued', progress: { done: 0, total: 0 }, regions: ['eu-west-1'], checks: ['s3-public'] });
    expect(await updateScanProgress(db, scan.id, { done: 1, total: 4 })).toBe(false);

    const running = await markScanRunning(db, scan.id);
    expect(running.status).toBe('running');
    expect(running.startedAt).toBeInstanceOf(Date);
    expect((await markScanRunning(db, scan.id)).startedAt?.getTime()).toBe(running.startedAt?.getTime());

    expect(await updateScanProgress(db, scan.id, { done: 2, total: 4 })).toBe(true);
    expect((await getScan(db, scan.id)).progress).toEqual({ done: 2, total: 4 });

    const summary = { resources: 4, pass: 3, fail: 1, unknown: 0, new: 1, resolved: 0, regressed: 0 };
    const finished = await finishScan(db, scan.id, { status: 'complete', summary });
    expect(finished).toMatchObject({ status: 'complete', summary });
    expect(finished.finishedAt).toBeInstanceOf(Date);

    expect(await finishScan(db, scan.id, { status: 'failed', error: 'late retry' })).toMatchObject({ status: 'complete', error: null });
    expect((await markScanRunning(db, scan.id)).status).toBe('complete');
    expect(await updateScanProgress(db, scan.id, { done: 4, total: 4 })).toBe(false);

    expect((await lastCompleteScan(db, other.id))?.id).toBe(scan.id);
    const failed = await createScan(db, { tenantId, integrationId: other.id, provider: 'aws', requestedBy: 'schedule' });
    await finishScan(db, failed.id, { status: 'failed', error: 'AccessDenied' });
    expect((await lastCompleteScan(db, other.id))?.id).toBe(scan.id);
    expect(await lastCompleteScan(db, integration.id)).toBeNull();

    await expect(getScan(db, randomUUID())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists newest first, per tenant and integration', async () => {
    const all = await listScans(db, { tenantId, limit: 100 });
    expect(all.length).toBeGreaterThanOrEqual(4);
    const times = all.map((scan) => scan.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const forIntegration = await listScans(db, { tenantId, integrationId: integration.id, limit: 100 });
    expect(forIntegration.length).toBeGreaterThan(0);
    expect(forIntegration.every((scan) => scan.integrationId === integration.id)).toBe(true);
    expect(await listScans(db, { tenantId, limit: 1 })).toHaveLength(1);
    expect(await listScans(db, { tenantId: await newTenant(), limit: 10 })).toEqual([]);
  });
});

describe('findings', () => {
  let tenantId: string;
  let integration: PublicIntegration;

  beforeAll(async () => {
    tenantId = await newTenant();
    integration = await newIntegration(tenantId);
  });

  async function scanScope(now: string): Promise<FindingScope> {
    const scan = await createScan(db, { tenantId, integrationId: integration.id, provider: 'aws', requestedBy: 'schedule' });
    return { tenantId, integrationId: integration.id, scanId: scan.id, provider: 'aws', now: new Date(now) };
  }

  it('tells new, still failing, resolved and regressed apart across scans', async () => {
    const first = await scanScope('2025-03-01T00:00:00Z');
    const one = await upsertFindings(db, first, [
      result('s3-public', 'bucket-a', 'fail'),
      result('s3-public', 'bucket-b', 'fail'),
      result('s3-public', 'bucket-c', 'pass'),
      result('s3-public', 'bucket-d', 'unknown'),
    ]);
    expect(one.map((row) => row.change)).toEqual(['new', 'new', 'passing', 'unknown']);
    const [a, b, c] = one.map((row) => row.finding);
    expect(c?.resolvedAt?.toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(a?.resolvedAt).toBeNull();
    expect(await resolveMissingFindings(db, { integrationId: integration.id, scanId: first.scanId, checkIds: ['s3-public'], now: first.now })).toEqual([]);

    const second = await scanScope('2025-03-02T00:00:00Z');
    const two = await upsertFindings(db, second, [
      result('s3-public', 'bucket-a', 'fail', 'critical'),
      result('s3-public', 'bucket-b', 'fail'),
      result('s3-public', 'bucket-c', 'fail'),
    ]);
    expect(two.map((row) => row.change)).toEqual(['still_failing', 'still_failing', 'regressed']);
    expect(two[0]?.finding).toMatchObject({ id: a?.id, severity: 'critical', lastScanId: second.scanId });
    expect(two[0]?.finding.firstSeenAt.toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(two[0]?.finding.lastSeenAt.toISOString()).toBe('2025-03-02T00:00:00.000Z');
    expect(two[2]?.finding.resolvedAt).toBeNull();
    // bucket-d is unknown, not failing: a scan that missed it resolves nothing.
    expect(await resolveMissingFindings(db, { integrationId: integration.id, scanId: second.scanId, checkIds: ['s3-public'], now: second.now })).toEqual([]);

    const third = await scanScope('2025-03-03T00:00:00Z');
    const three = await upsertFindings(db, third, [result('s3-public', 'bucket-a', 'fail')]);
    expect(three.map((row) => row.change)).toEqual(['still_failing']);
    // A check that did not run resolves nothing; one that ran resolves what it no longer sees.
    expect(await resolveMissingFindings(db, { integrationId: integration.id, scanId: third.scanId, checkIds: ['iam-mfa'], now: third.now })).toEqual([]);
    const gone = await resolveMissingFindings(db, { integrationId: integration.id, scanId: third.scanId, checkIds: ['s3-public'], now: third.now });
    expect(gone.sort()).toEqual([b!.id, c!.id].sort());
    expect((await getFinding(db, b!.id)).resolvedAt?.toISOString()).toBe('2025-03-03T00:00:00.000Z');

    const fourth = await scanScope('2025-03-04T00:00:00Z');
    const four = await upsertFindings(db, fourth, [result('s3-public', 'bucket-b', 'fail'), result('s3-public', 'bucket-a', 'pass')]);
    expect(four.map((row) => row.change)).toEqual(['regressed', 'passing']);
    expect(four[0]?.finding.resolvedAt).toBeNull();
    expect(four[0]?.finding.firstSeenAt.toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(four[1]?.finding.resolvedAt?.toISOString()).toBe('2025-03-04T00:00:00.000Z');

    const fifth = await scanScope('2025-03-05T00:00:00Z');
    const five = await upsertFindings(db, fifth, [result('s3-public', 'bucket-a', 'pass'), result('s3-public', 'bucket-d', 'fail', 'critical')]);
    // Passing again keeps the time it was first seen fixed; an unknown that now fails is new.
    expect(five[0]?.finding.resolvedAt?.toISOString()).toBe('2025-03-04T00:00:00.000Z');
    expect(five.map((row) => row.change)).toEqual(['passing', 'new']);
  });

  it('stores 1,200 results in one call, in batches, in input order', async () => {
    const other = await newIntegration(tenantId);
    const scan = await createScan(db, { tenantId, integrationId: other.id, provider: 'aws', requestedBy: 'schedule' });
    const scope: FindingScope = { tenantId, integrationId: other.id, scanId: scan.id, provider: 'aws', now: new Date('2025-04-01T00:00:00Z') };
    const inputs = Array.from({ length: 1200 }, (_, i) => result(`check-${i % 7}`, `arn:aws:s3:::bucket-${1199 - i}`, 'fail'));
    const stored = await upsertFindings(db, scope, [...inputs, inputs[5]!]);
    expect(stored).toHaveLength(1201);
    expect(stored.every((row) => row.change === 'new')).toBe(true);
    expect(stored.slice(0, 1200).map((row) => row.finding.resourceId)).toEqual(inputs.map((input) => input.resourceId));
    expect(stored[1200]?.finding.id).toBe(stored[5]?.finding.id);
    const count = await db.select({ n: sql<number>`count(*)::int` }).from(findings).where(eq(findings.integrationId, other.id));
    expect(count[0]?.n).toBe(1200);

    const again = await upsertFindings(db, { ...scope, now: new Date('2025-04-02T00:00:00Z') }, inputs);
    expect(again.every((row) => row.change === 'still_failing')).toBe(true);
  });

  it('rewrites stored v1 fingerprints in SQL exactly as the engine computes v2 ones', async () => {
    const other = await newIntegration(tenantId);
    const scan = await createScan(db, { tenantId, integrationId: other.id, provider: 'aws', requestedBy: 'schedule' });
    const scope: FindingScope = { tenantId, integrationId: other.id, scanId: scan.id, provider: 'aws', now: new Date('2025-04-01T00:00:00Z') };
    // Resource ids as they come: ASCII ARNs, non-ASCII names (hashed as UTF-8 on both sides), a v2 row already.
    const ids = ['arn:aws:s3:::bucket-a', 'arn:aws:iam::1:user/José', 'projects/p/buckets/数据-🪣'];
    const v1 = (checkId: string, resourceId: string) => createHash('sha256').update(`${checkId}\u0000${resourceId}`).digest('hex').slice(0, 32);
    await upsertFindings(db, scope, [
      ...ids.map((id) => ({ ...result('aws-s3-bucket-public-read', id, 'fail'), fingerprint: v1('aws-s3-bucket-public-read', id) })),
      { ...result('aws-iam-user-mfa', 'arn:aws:iam::1:user/x', 'fail'), fingerprint: fingerprint('aws-iam-user-mfa', 'arn:aws:iam::1:user/x') },
    ]);
    const before = await db.select().from(findings).where(eq(findings.integrationId, other.id));
    expect(before.filter((row) => row.fingerprint !== fingerprint(row.checkId, row.resourceId))).toHaveLength(3);
    await db.execute(sql.raw(readFileSync(new URL('../../migrations/0005_fingerprint_v2.sql', import.meta.url), 'utf8')));
    const rows = await db.select().from(findings).where(eq(findings.integrationId, other.id));
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row.fingerprint).toBe(fingerprint(row.checkId, row.resourceId));
  });

  it('keeps findings of a scan without an integration apart', async () => {
    const scan = await createScan(db, { tenantId, integrationId: null, provider: 'aws', requestedBy: 'cli' });
    const scope: FindingScope = { tenantId, integrationId: null, scanId: scan.id, provider: 'aws', now: new Date('2025-05-01T00:00:00Z') };
    expect((await upsertFindings(db, scope, [result('s3-public', 'bucket-a', 'fail')]))[0]?.change).toBe('new');
    expect((await upsertFindings(db, scope, [result('s3-public', 'bucket-a', 'fail')]))[0]?.change).toBe('still_failing');
    expect(await upsertFindings(db, scope, [])).toEqual([]);
  });

  it('lists with filters, most severe first, and gets one', async () => {
    const failing = await listFindings(db, { tenantId, integrationId: integration.id, status: 'fail', limit: 100 });
    expect(failing.map((row) => row.resourceId).sort()).toEqual(['bucket-b', 'bucket-c', 'bucket-d']);
    const current = await listFindings(db, { tenantId, integrationId: integration.id, status: 'fail', resolved: false, limit: 100 });
    expect(current.map((row) => row.resourceId).sort()).toEqual(['bucket-b', 'bucket-d']);
    const resolved = await listFindings(db, { tenantId, integrationId: integration.id, resolved: true, limit: 100 });
    expect(resolved.map((row) => row.resourceId).sort()).toEqual(['bucket-a', 'bucket-c']);
    const critical = await listFindings(db, { tenantId, severity: 'critical', limit: 100 });
    expect(critical.map((row) => row.resourceId)).toEqual(['bucket-d']);
    const some = await listFindings(db, { tenantId, limit: 3 });
    expect(some).toHaveLength(3);
    expect(some[0]?.severity).toBe('critical');
    expect(await listFindings(db, { tenantId: await newTenant(), limit: 10 })).toEqual([]);
    expect((await getFinding(db, some[0]!.id)).id).toBe(some[0]!.id);
    await expect(getFinding(db, randomUUID())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('alerts', () => {
  let tenantId: string;
  let scope: FindingScope;

  beforeAll(async () => {
    tenantId = await newTenant();
    const integration = await newIntegration(tenantId);
    const scan = await createScan(db, { tenantId, integrationId: integration.id, provider: 'aws', requestedBy: 'schedule' });
    scope = { tenantId, integrationId: integration.id, scanId: scan.id, provider: 'aws', now: new Date() };
  });

  async function failingFinding(resourceId: string, severity: FindingInput['severity'] = 'high'): Promise<string> {
    const [stored] = await upsertFindings(db, scope, [result('s3-public', resourceId, 'fail', severity)]);
    return stored!.finding.id;
  }

  it('opens once, and reopens a resolved alert', async () => {
    const findingId = await failingFinding('alert-bucket');
    const opened = await openAlertForFinding(db, { tenantId, findingId, severity: 'high' });
    expect(opened).toMatchObject({ created: true, reopened: false, alert: { state: 'open', version: 1, changedBy: 'scan' } });

    const again = await openAlertForFinding(db, { tenantId, findingId, severity: 'high' });
    expect(again).toMatchObject({ created: false, reopened: false, alert: { id: opened.alert.id, version: 1, state: 'open' } });

    const resolved = await resolveAlertsForFindings(db, [findingId], 'scan');
    expect(resolved.map((alert) => [alert.id, alert.state, alert.version])).toEqual([[opened.alert.id, 'resolved', 2]]);
    expect(await resolveAlertsForFindings(db, [findingId], 'scan')).toEqual([]);
    expect(await resolveAlertsForFindings(db, [], 'scan')).toEqual([]);

    const reopened = await openAlertForFinding(db, { tenantId, findingId, severity: 'critical' });
    expect(reopened).toMatchObject({ created: false, reopened: true, alert: { id: opened.alert.id, state: 'open', version: 3, changedBy: 'scan', severity: 'critical' } });
    expect((await getAlert(db, opened.alert.id)).version).toBe(3);
    await expect(getAlert(db, randomUUID())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('leaves an acknowledged alert alone when the finding fails again', async () => {
    const findingId = await failingFinding('acked-bucket');
    const { alert } = await openAlertForFinding(db, { tenantId, findingId, severity: 'high' });
    await transitionAlert(db, { alertId: alert.id, expectedVersion: 1, to: 'acknowledged', actor: 'slack:T1:U1', assignee: 'slack:T1:U1' });
    const again = await openAlertForFinding(db, { tenantId, findingId, severity: 'high' });
    expect(again).toMatchObject({ created: false, reopened: false, alert: { state: 'acknowledged', version: 2 } });
  });

  it('applies a transition only to the version the actor saw', async () => {
    const findingId = await failingFinding('race-bucket');
    const { alert } = await openAlertForFinding(db, { tenantId, findingId, severity: 'high' });

    const ack = await transitionAlert(db, { alertId: alert.id, expectedVersion: 1, to: 'acknowledged', actor: 'slack:T1:U1', assignee: 'slack:T1:U1', reason: 'looking' });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.before).toMatchObject({ state: 'open', version: 1 });
    expect(ack.alert).toMatchObject({ state: 'acknowledged', version: 2, assignee: 'slack:T1:U1', changedBy: 'slack:T1:U1', reason: 'looking' });

    const outcomes = await Promise.all([
      transitionAlert(db, { alertId: alert.id, expectedVersion: 2, to: 'resolved', actor: 'teams:aad-1' }),
      transitionAlert(db, { alertId: alert.id, expectedVersion: 2, to: 'suppressed', actor: 'discord:42', reason: 'accepted risk' }),
    ]);
    const winners = outcomes.filter((outcome) => outcome.ok);
    const losers = outcomes.filter((outcome) => !outcome.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const loser = losers[0];
    if (loser?.ok !== false) throw new Error('expected a losing transition');
    expect(loser.current.version).toBe(3);
    expect((await getAlert(db, alert.id)).version).toBe(3);

    const stale = await transitionAlert(db, { alertId: alert.id, expectedVersion: 1, to: 'open', actor: 'slack:T1:U2' });
    expect(stale).toMatchObject({ ok: false, current: { version: 3 } });
    await expect(transitionAlert(db, { alertId: randomUUID(), expectedVersion: 1, to: 'open', actor: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reopens suppressions that ran out, and only those', async () => {
    const now = new Date();
    const suppress = async (resourceId: string, suppressedUntil: Date | null): Promise<Alert> => {
      const { alert } = await openAlertForFinding(db, { tenantId, findingId: await failingFinding(resourceId), severity: 'medium' });
      const outcome = await transitionAlert(db, { alertId: alert.id, expectedVersion: alert.version, to: 'suppressed', actor: 'slack:T1:U1', reason: 'maintenance window', suppressedUntil });
      if (!outcome.ok) throw new Error('suppression lost a race it should not have');
      return outcome.alert;
    };
    const expired = await suppress('expired-bucket', new Date(now.getTime() - 60_000));
    const future = await suppress('future-bucket', new Date(now.getTime() + 3_600_000));
    const forever = await suppress('forever-bucket', null);

    // Reassigning a suppressed alert keeps its suppression and reason.
    const reassigned = await transitionAlert(db, { alertId: future.id, expectedVersion: future.version, to: 'suppressed', actor: 'slack:T1:U1', assignee: 'slack:T1:U9' });
    expect(reassigned).toMatchObject({ ok: true, alert: { suppressedUntil: future.suppressedUntil, reason: 'maintenance window', assignee: 'slack:T1:U9' } });

    const reopened = await reopenExpiredSuppressions(db, now);
    expect(reopened.map((alert) => alert.id)).toEqual([expired.id]);
    expect(reopened[0]).toMatchObject({ state: 'open', changedBy: 'maintenance', version: expired.version + 1, suppressedUntil: null });
    expect((await getAlert(db, future.id)).state).toBe('suppressed');
    expect((await getAlert(db, forever.id)).state).toBe('suppressed');
    expect(await reopenExpiredSuppressions(db, now)).toEqual([]);
  });

  it('lists with the finding for display, filtered and paged', async () => {
    const all = await listAlerts(db, { tenantId, limit: 100 });
    expect(all.length).toBeGreaterThanOrEqual(6);
    expect(all[0]).toMatchObject({ severity: 'critical', resourceId: 'alert-bucket', title: 's3-public on alert-bucket', checkId: 's3-public', provider: 'aws' });

    const open = await listAlerts(db, { tenantId, states: ['open'], limit: 100 });
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((alert) => alert.state === 'open')).toBe(true);
    const medium = await listAlerts(db, { tenantId, severities: ['medium'], limit: 100 });
    expect(medium.map((alert) => alert.resourceId).sort()).toEqual(['expired-bucket', 'forever-bucket', 'future-bucket']);
    const mine = await listAlerts(db, { tenantId, assignee: 'slack:T1:U9', limit: 100 });
    expect(mine.map((alert) => alert.resourceId)).toEqual(['future-bucket']);

    const page = await listAlerts(db, { tenantId, limit: 2, offset: 1 });
    expect(page.map((alert) => alert.id)).toEqual(all.slice(1, 3).map((alert) => alert.id));
    expect(await listAlerts(db, { tenantId: await newTenant(), limit: 10 })).toEqual([]);
  });
});

describe('alert messages', () => {
  let alert: Alert;

  beforeAll(async () => {
    const tenantId = await newTenant();
    const integration = await newIntegration(tenantId);
    const scan = await createScan(db, { tenantId, integrationId: integration.id, provider: 'aws', requestedBy: 'schedule' });
    const scope: FindingScope = { tenantId, integrationId: integration.id, scanId: scan.id, provider: 'aws', now: new Date() };
    const [stored] = await upsertFindings(db, scope, [result('s3-public', 'msg-bucket', 'fail')]);
    alert = (await openAlertForFinding(db, { tenantId, findingId: stored!.finding.id, severity: 'high' })).alert;
  });

  it('records a posted message once, however often a retried job records it', async () => {
    const input = { alertId: alert.id, platform: 'slack' as const, channelId: 'C1', messageId: '1700000000.0001', renderedVersion: 1 };
    const first = await recordAlertMessage(db, input);
    const second = await recordAlertMessage(db, { ...input, renderedVersion: 1 });
    expect(second.id).toBe(first.id);
    await recordAlertMessage(db, { alertId: alert.id, platform: 'teams', channelId: '19:abc', messageId: 'activity-1', threadId: 'conv-1', renderedVersion: 1 });
    const messages = await listAlertMessages(db, alert.id);
    expect(messages.map((message) => message.platform)).toEqual(['slack', 'teams']);
    expect(messages[1]).toMatchObject({ threadId: 'conv-1', workspaceId: null });
  });

  it('only ever raises the rendered version, and reports the stale copies', async () => {
    const [slack, teams] = await listAlertMessages(db, alert.id);
    expect(await markRendered(db, slack!.id, 3)).toBe(true);
    expect(await markRendered(db, slack!.id, 2)).toBe(false);
    expect(await markRendered(db, slack!.id, 3)).toBe(false);
    expect((await listAlertMessages(db, alert.id))[0]?.renderedVersion).toBe(3);
    expect((await staleMessages(db, alert.id, 3)).map((message) => message.id)).toEqual([teams!.id]);
    expect(await staleMessages(db, alert.id, 1)).toEqual([]);
    expect(await markRendered(db, randomUUID(), 5)).toBe(false);
  });
});
