/**
 * The integration guide's endpoints through HTTP against the real service: connect (with a real
 * STS call to the fake AWS through the SDK), test (cached), sync (row + job in one transaction),
 * status with its summary, evidence types and disconnect (credentials destroyed), with their
 * validation errors, RBAC denials and tenant isolation. A canary secret connected at the start must
 * never show up in a response, a log line or any database column.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/store/audit.js';
import { rowsOf } from '../../src/store/db.js';
import { evidence, integrations, syncs } from '../../src/store/schema.js';
import type { Tenant } from '../../src/store/tenants.js';
import { startFakeAws, type FakeAws } from '../fakes/aws/server.js';
import { ACCOUNT_ID, smallAccount } from '../fakes/aws/small-account.js';
import { dataOf, problems, startApiService, type ApiWorld, type Json } from '../helpers/api.js';
import { waitFor } from '../helpers/wait.js';

const GOOD_KEY = 'AKIAFAKEGOODKEY12345';
const REJECTED_KEY = 'AKIAFAKEREJECTED1234';
const CANARY = `CANARYSECRET${randomBytes(12).toString('hex')}`;
const AZURE_CANARY = `CANARYAZURE${randomBytes(8).toString('hex')}`;

let api: ApiWorld;
let fake: FakeAws;
let admin: string;
let adminId: string;
let responder: string;
let viewer: string;
let other: Tenant;
let otherAdmin: string;
/** The AWS integration connected with the canary secret. */
let awsId: string;

const connectBody = (secret = CANARY, accessKey = GOOD_KEY, extra: Json = {}) => ({
  platform: 'aws',
  credentials: { access_key_id: accessKey, secret_access_key: secret, region: 'us-east-1' },
  configuration: { sync_frequency: 3600, evidence_types: ['policies', 'security_groups'] },
  test_connection: true,
  ...extra,
});

beforeAll(async () => {
  fake = await startFakeAws(smallAccount(), { validAccessKeyIds: [GOOD_KEY] });
  api = await startApiService({ aws: fake });
  ({ token: admin, id: adminId } = await api.token('admin'));
  ({ token: responder } = await api.token('responder'));
  ({ token: viewer } = await api.token('viewer'));
  other = await api.tenant('other-co');
  ({ token: otherAdmin } = await api.token('admin', other.id));
}, 60_000);

afterAll(async () => {
  await api?.stop();
  await fake?.close();
});

describe('POST /api/v1/integrations/cloud/{platform}/connect', () => {
  it('tests AWS credentials with a real STS call, stores them encrypted and answers in the guide\'s shape', async () => {
    const stsBefore = fake.count({ service: 'sts' });
    const answer = await api.call('POST', '/api/v1/integrations/cloud/aws/connect', {
      token: admin,
      body: connectBody(CANARY, GOOD_KEY, { configuration: { name: 'prod-aws', sync_frequency: 3600 } }),
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ success: true, data: { platform: 'aws', status: 'connected', name: 'prod-aws' }, message: 'Successfully connected to AWS' });
    awsId = String(dataOf(answer).integration_id);
    expect(fake.count({ service: 'sts' })).toBe(stsBefore + 1);

    const [row] = await api.world.db.select().from(integrations).where(eq(integrations.id, awsId));
    expect(row?.credentialsEnc).toMatch(/^cs1:v1:/);
    expect(row?.configuration).toEqual({ sync_frequency: 3600 });
    expect(row?.health).toMatchObject({ status: 'healthy', metadata: { account_id: ACCOUNT_ID } });
    const audit = await listAudit(api.world.db, { targetType: 'integration', targetId: awsId });
    expect(audit.map((a) => [a.action, a.actor, a.outcome])).toEqual([
      ['integration.test', `api:${adminId}`, 'success'],
      ['integration.create', `api:${adminId}`, 'success'],
    ]);
  });

  it('generates a name when the configuration has none, and connects without a test when asked', async () => {
    const answer = await api.call('POST', '/api/v1/integrations/cloud/aws/connect', { token: admin, body: connectBody('s'.repeat(40), GOOD_KEY, { test_connection: false }) });
    expect(answer.status).toBe(201);
    expect(String(dataOf(answer).name)).toMatch(/^aws-[0-9a-f]{8}$/);
    expect(answer.body.message).toContain('connection not tested');
  });

  it('refuses credentials the provider rejects, storing nothing, and audits the failure', async () => {
    const before = await api.world.db.select({ id: integrations.id }).from(integrations);
    const answer = await api.call('POST', '/api/v1/integrations/cloud/aws/connect', { token: admin, body: connectBody('r'.repeat(40), REJECTED_KEY) });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ success: false, error: 'Connection test failed' });
    expect(problems(answer)).toEqual([{ code: 'AUTHENTICATION_ERROR', field: 'credentials.access_key_id' }]);
    expect(typeof answer.body.timestamp).toBe('string');
    expect(await api.world.db.select({ id: integrations.id }).from(integrations)).toHaveLength(before.length);
    const [failure] = await listAudit(api.world.db, { tenantId: api.defaultTenant.id });
    expect(failure).toMatchObject({ action: 'integration.create', outcome: 'failure', actor: `api:${adminId}` });
    expect(failure?.details).toMatchObject({ error: { code: 'VALIDATION_ERROR', message: 'Connection test failed' } });
  });

  it('tells a refused test call (AUTHORIZATION_ERROR, 400) from a provider failure (PROVIDER_ERROR, 502)', async () => {
    try {
      fake.faults.accessDenied = ['sts'];
      const denied = await api.call('POST', '/api/v1/integrations/cloud/aws/connect', { token: admin, body: connectBody('d'.repeat(40)) });
      expect(denied.status).toBe(400);
      expect(problems(denied)).toEqual([{ code: 'AUTHORIZATION_ERROR', field: 'credentials.access_key_id' }]);
      fake.faults.accessDenied = [];
      fake.faults.hook = () => ({ kind: 'error', status: 400, code: 'UnheardOfError', message: 'something odd' });
      const odd = await api.call('POST', '/api/v1/integrations/cloud/aws/connect', { token: admin, body: connectBody('o'.repeat(40)) });
      expect(odd.status).toBe(502);
      expect(odd.body.error).toBe('Connection test failed');
      expect(problems(odd)).toEqual([{ code: 'PROVIDER_ERROR', field: undefined }]);
    } finally {
      fake.faults.accessDenied = [];
      delete fake.faults.hook;
    }
  });

  it('answers 400 VALIDATION_ERROR naming every bad field', async () => {
    const bad = await api.call('POST', '/api/v1/integrations/cloud/aws/connect', {
      token: admin,
      body: { credentials: { access_key_id: 'nope', secret_access_key: 'short', region: 'mars-1' }, test_connection: 'yes', extra: 1 },
    });
    expect(bad.status).toBe(400);
    expect(problems(bad)).toEqual(
      expect.arrayContaining([
        { code: 'VALIDATION_ERROR', field: 'test_connection' },
        { code: 'VALIDATION_ERROR', field: 'extra' },
      ]),
    );
    const creds = await api.call('POST', '/api/v1/integrations/cloud/aws/connect', {
      token: admin,
      body: { credentials: { access_key_id: 'nope', secret_access_key: 'short', region: 'mars-1' } },
    });
    expect(problems(creds).map((p) => p.field).sort()).toEqual(['credentials.access_key_id', 'credentials.region', 'credentials.secret_access_key']);
    // The value sent in a bad field never comes back.
    expect(creds.text).not.toContain('mars-1');

    const mismatch = await api.call('POST', '/api/v1/integrations/cloud/aws/connect', { token: admin, body: connectBody(CANARY, GOOD_KEY, { platform: 'gcp' }) });
    expect(problems(mismatch)).toEqual([{ code: 'VALIDATION_ERROR', field: 'platform' }]);
    const platform = await api.call('POST', '/api/v1/integrations/cloud/oracle/connect', { token: admin, body: connectBody() });
    expect(platform.status).toBe(400);
    expect(problems(platform)).toEqual([{ code: 'VALIDATION_ERROR', field: 'platform' }]);
    const json = await api.call('POST', '/api/v1/integrations/cloud/aws/connect', { token: admin, rawBody: '{"credentials":' });
    expect(json.status).toBe(400);
    expect(problems(json)).toEqual([{ code: 'VALIDATION_ERROR', field: undefined }]);
    const name = await api.call('POST', '/api/v1/integrations/cloud/aws/connect', { token: admin, body: connectBody(CANARY, GOOD_KEY, { configuration: { name: '../etc' } }) });
    expect(problems(name)).toEqual([{ code: 'VALIDATION_ERROR', field: 'configuration.name' }]);
    // Configuration is stored in clear: an unknown key (a misplaced secret, say) is refused, not kept.
    const misplaced = await api.call('POST', '/api/v1/integrations/cloud/aws/connect', { token: admin, body: connectBody(CANARY, GOOD_KEY, { configuration: { secret_access_key: CANARY } }) });
    expect(problems(misplaced)).toEqual([{ code: 'VALIDATION_ERROR', field: 'configuration.secret_access_key' }]);
  });

  it('refuses a second integration with the same name with 409 CONFLICT', async () => {
    const again = await api.call('POST', '/api/v1/integrations/cloud/aws/connect', { token: admin, body: connectBody(CANARY, GOOD_KEY, { configuration: { name: 'prod-aws' } }) });
    expect(again.status).toBe(409);
    expect(problems(again)).toEqual([{ code: 'CONFLICT', field: undefined }]);
  });

  it.each([
    ['azure', { tenant_id: '11111111-2222-3333-4444-555555555555', client_id: '66666666-7777-8888-9999-000000000000', client_secret: AZURE_CANARY, subscription_id: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' }],
    ['gcp', { project_id: 'acme-prod-123', service_account_key: { type: 'service_account', project_id: 'acme-prod-123', private_key: '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n', client_email: 'sa@acme-prod-123.iam.gserviceaccount.com' } }],
    ['github', { token: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', username: 'octo', organization: 'acme' }],
  ])('connects %s without a test when asked (shape checked only; test/api/connection-providers.test.ts tests them against fakes)', async (platform, credentials) => {
    const answer = await api.call('POST', `/api/v1/integrations/cloud/${platform}/connect`, { token: admin, body: { platform, credentials, test_connection: false } });
    expect(answer.status).toBe(201);
    expect(answer.body.message).toContain('connection not tested');
    const [row] = await api.world.db.select({ health: integrations.health }).from(integrations).where(eq(integrations.id, String(dataOf(answer).integration_id)));
    expect(row?.health).toBeNull();
  });
});

describe('GET /api/v1/integrations/cloud/{platform}/test', () => {
  it('answers the stored result for 5 minutes, then calls the provider again', async () => {
    const stsBefore = fake.count({ service: 'sts' });
    const answer = await api.call('GET', `/api/v1/integrations/cloud/aws/test?integration_id=${awsId}`, { token: viewer });
    expect(answer.status).toBe(200);
    const data = dataOf(answer);
    expect(data).toMatchObject({ integration_id: awsId, platform: 'aws', status: 'healthy', error_message: null, metadata: { account_id: ACCOUNT_ID, region: 'us-east-1' } });
    expect(typeof data.response_time_ms).toBe('number');
    expect(Number.isNaN(Date.parse(String(data.last_checked)))).toBe(false);
    expect(fake.count({ service: 'sts' })).toBe(stsBefore);

    // Age the stored result past the cache: the next test is a real call.
    const [row] = await api.world.db.select({ health: integrations.health }).from(integrations).where(eq(integrations.id, awsId));
    const old = new Date(Date.now() - 6 * 60_000).toISOString();
    await api.world.db.update(integrations).set({ health: row?.health ? { ...row.health, checkedAt: old } : null }).where(eq(integrations.id, awsId));
    const fresh = await api.call('GET', `/api/v1/integrations/cloud/aws/test?integration_id=${awsId}`, { token: viewer });
    expect(dataOf(fresh).status).toBe('healthy');
    expect(dataOf(fresh).last_checked).not.toBe(old);
    expect(fake.count({ service: 'sts' })).toBe(stsBefore + 1);
  });

  it('validates the query and the platform, and hides other tenants\' integrations', async () => {
    const missing = await api.call('GET', '/api/v1/integrations/cloud/aws/test', { token: viewer });
    expect(missing.status).toBe(400);
    expect(problems(missing)).toEqual([{ code: 'VALIDATION_ERROR', field: 'integration_id' }]);
    const wrongPlatform = await api.call('GET', `/api/v1/integrations/cloud/gcp/test?integration_id=${awsId}`, { token: viewer });
    expect(problems(wrongPlatform)).toEqual([{ code: 'VALIDATION_ERROR', field: 'platform' }]);
    const foreign = await api.call('GET', `/api/v1/integrations/cloud/aws/test?integration_id=${awsId}`, { token: otherAdmin });
    expect(foreign.status).toBe(404);
    expect(problems(foreign)).toEqual([{ code: 'NOT_FOUND', field: undefined }]);
    const unknown = await api.call('GET', `/api/v1/integrations/cloud/aws/test?integration_id=00000000-0000-4000-8000-000000000000`, { token: otherAdmin });
    expect(unknown.status).toBe(404);
    // Another tenant's id and a made-up one answer alike.
    expect(String(foreign.body.error).replace(awsId, 'X')).toBe(String(unknown.body.error).replace('00000000-0000-4000-8000-000000000000', 'X'));
  });
});

describe('POST /api/v1/integrations/cloud/{platform}/sync', () => {
  it('records the sync and queues its job in one transaction, answering the sync id', async () => {
    const answer = await api.call('POST', '/api/v1/integrations/cloud/aws/sync', {
      token: responder,
      body: { integration_id: awsId, evidence_types: ['policies', 'security_groups', 'encryption_status'], framework: 'soc2' },
    });
    expect(answer.status).toBe(202);
    const data = dataOf(answer);
    expect(data).toMatchObject({ integration_id: awsId, platform: 'aws', status: 'queued', evidence_types: ['policies', 'security_groups', 'encryption_status'], framework: 'soc2' });
    const syncId = String(data.sync_id);
    // The worker may already have picked the job up (LISTEN/NOTIFY wakes it at once): the row exists either way.
    const [row] = await api.world.db.select().from(syncs).where(eq(syncs.id, syncId));
    expect(row).toMatchObject({ integrationId: awsId, framework: 'soc2' });
    expect(['queued', 'running', 'complete', 'partial']).toContain(row?.status);
    expect(row?.requestedBy).toMatch(/^api:/);
    const jobs = rowsOf<{ data: Json }>(await api.world.db.execute(sql`select data from pgboss.job where name = 'sync'`));
    expect(jobs.map((job) => job.data.syncId)).toContain(syncId);
    // The sync job collects the evidence from the fake AWS with the stored (canary) credentials.
    await waitFor(async () => (await api.world.db.select({ finishedAt: syncs.finishedAt }).from(syncs).where(eq(syncs.id, syncId)))[0]?.finishedAt instanceof Date, 30_000, 100);
    const [done] = await api.world.db.select().from(syncs).where(eq(syncs.id, syncId));
    expect(done?.status, done?.error ?? '').toMatch(/^(complete|partial)$/);
    const items = await api.world.db.select({ id: evidence.id, checksum: evidence.checksum }).from(evidence).where(eq(evidence.syncId, syncId));
    expect(items.length).toBeGreaterThan(0);
  }, 40_000);

  it('defaults to every evidence type of the platform and names unsupported ones by index', async () => {
    const all = await api.call('POST', '/api/v1/integrations/cloud/aws/sync', { token: admin, body: { integration_id: awsId } });
    expect(dataOf(all)).toMatchObject({ evidence_types: ['policies', 'security_groups', 'encryption_status', 'audit_logs', 'compliance_rules'], framework: null });
    const bad = await api.call('POST', '/api/v1/integrations/cloud/aws/sync', { token: admin, body: { integration_id: awsId, evidence_types: ['policies', 'configurations'], framework: 'sox' } });
    expect(bad.status).toBe(400);
    expect(problems(bad)).toEqual([{ code: 'VALIDATION_ERROR', field: 'framework' }]);
    const types = await api.call('POST', '/api/v1/integrations/cloud/aws/sync', { token: admin, body: { integration_id: awsId, evidence_types: ['policies', 'configurations'] } });
    expect(problems(types)).toEqual([{ code: 'VALIDATION_ERROR', field: 'evidence_types.1' }]);
  });

  it('lets a viewer do nothing but look, and another tenant nothing at all', async () => {
    const denied = await api.call('POST', '/api/v1/integrations/cloud/aws/sync', { token: viewer, body: { integration_id: awsId } });
    expect(denied.status).toBe(403);
    expect(problems(denied)).toEqual([{ code: 'AUTHORIZATION_ERROR', field: undefined }]);
    expect(denied.body.error).toContain('integration:connect');
    const foreign = await api.call('POST', '/api/v1/integrations/cloud/aws/sync', { token: otherAdmin, body: { integration_id: awsId } });
    expect(foreign.status).toBe(404);
    const count = await api.world.db.select({ id: syncs.id }).from(syncs).where(and(eq(syncs.integrationId, awsId), eq(syncs.requestedBy, 'x')));
    expect(count).toHaveLength(0);
  });
});

describe('GET /api/v1/integrations/cloud/status and evidence-types', () => {
  it('lists the tenant\'s integrations with db and connection status and the summary block', async () => {
    const answer = await api.call('GET', '/api/v1/integrations/cloud/status', { token: viewer });
    expect(answer.status).toBe(200);
    const data = dataOf(answer);
    const list = data.integrations as Json[];
    const prod = list.find((i) => i.integration_id === awsId);
    expect(prod).toEqual({
      integration_id: awsId,
      name: 'prod-aws',
      platform: 'aws',
      db_status: 'connected',
      connection_status: 'healthy',
      last_checked: expect.any(String) as unknown,
      last_sync: null,
      last_scan: null,
      supported_evidence_types: ['policies', 'security_groups', 'encryption_status', 'audit_logs', 'compliance_rules'],
    });
    // The harness's own `prod`, prod-aws, the untested aws-…, azure, gcp, github.
    expect(data.summary).toEqual({ total_integrations: 6, connected_integrations: 6, healthy_integrations: 1, platforms: ['aws', 'azure', 'gcp', 'github'] });

    const foreign = await api.call('GET', '/api/v1/integrations/cloud/status', { token: otherAdmin });
    expect(dataOf(foreign)).toEqual({ integrations: [], summary: { total_integrations: 0, connected_integrations: 0, healthy_integrations: 0, platforms: [] } });
  });

  it.each([
    ['aws', ['policies', 'security_groups', 'encryption_status', 'audit_logs', 'compliance_rules']],
    ['gcp', ['policies', 'configurations']],
    ['azure', ['configurations']],
    ['github', ['configurations', 'security_groups']],
  ])('lists the evidence types %s supports', async (platform, types) => {
    const answer = await api.call('GET', `/api/v1/integrations/cloud/${platform}/evidence-types`, { token: viewer });
    expect(answer.status).toBe(200);
    expect(dataOf(answer)).toMatchObject({ platform, evidence_types: types, frameworks: ['soc2', 'iso27001', 'cis', 'gdpr', 'hipaa', 'pci_dss'] });
    expect(Object.keys(dataOf(answer).descriptions as Json)).toEqual(types);
  });
});

describe('DELETE /api/v1/integrations/cloud/{integration_id}', () => {
  it('is for admins only', async () => {
    for (const token of [viewer, responder]) {
      const denied = await api.call('DELETE', `/api/v1/integrations/cloud/${awsId}`, { token });
      expect(denied.status).toBe(403);
      expect(denied.body.error).toContain('integration:delete');
    }
    const connect = await api.call('POST', '/api/v1/integrations/cloud/aws/connect', { token: viewer, body: connectBody() });
    expect(connect.status).toBe(403);
    expect(connect.body.error).toContain('integration:create');
    const audit = await listAudit(api.world.db, { tenantId: api.defaultTenant.id, targetType: 'integration', targetId: awsId });
    expect(audit.some((a) => a.action === 'integration.remove' && a.outcome === 'failure' && (a.details as Json).denied === true)).toBe(true);
  });

  it('destroys the credentials, answers 404 from then on, and drops the integration from status', async () => {
    const foreign = await api.call('DELETE', `/api/v1/integrations/cloud/${awsId}`, { token: otherAdmin });
    expect(foreign.status).toBe(404);
    const answer = await api.call('DELETE', `/api/v1/integrations/cloud/${awsId}`, { token: admin });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ success: true, data: { integration_id: awsId, platform: 'aws', status: 'disconnected' } });
    const [row] = await api.world.db.select().from(integrations).where(eq(integrations.id, awsId));
    expect(row?.credentialsEnc).toBeNull();
    expect((await api.call('DELETE', `/api/v1/integrations/cloud/${awsId}`, { token: admin })).status).toBe(404);
    expect((await api.call('GET', `/api/v1/integrations/cloud/aws/test?integration_id=${awsId}`, { token: admin })).status).toBe(404);
    const status = dataOf(await api.call('GET', '/api/v1/integrations/cloud/status', { token: admin }));
    expect((status.integrations as Json[]).map((i) => i.integration_id)).not.toContain(awsId);
    const audit = await listAudit(api.world.db, { targetType: 'integration', targetId: awsId });
    const removed = audit.find((a) => a.action === 'integration.remove' && a.outcome === 'success');
    expect(removed).toMatchObject({ action: 'integration.remove', outcome: 'success', actor: `api:${adminId}`, details: { credentials: 'destroyed' } });
  });
});

describe('the canary secrets', () => {
  it('never appear in a response, a log line or any database column', async () => {
    expect(api.responses.length).toBeGreaterThan(30);
    expect(api.logs.length).toBeGreaterThan(30);
    for (const canary of [CANARY, AZURE_CANARY]) {
      expect(api.responses.filter((text) => text.includes(canary))).toEqual([]);
      expect(api.logs.filter((line) => line.includes(canary))).toEqual([]);
    }
    const tables = rowsOf<{ schema: string; name: string }>(
      await api.world.db.execute(sql`select table_schema as schema, table_name as name from information_schema.tables where table_schema in ('public', 'pgboss', 'drizzle') and table_type = 'BASE TABLE'`),
    );
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['integrations', 'audit_log', 'syncs', 'job']));
    let dumped = 0;
    for (const table of tables) {
      const rows = rowsOf<{ row: string }>(await api.world.db.execute(sql.raw(`select t::text as row from "${table.schema}"."${table.name}" t`)));
      dumped += rows.length;
      for (const canary of [CANARY, AZURE_CANARY]) expect(rows.filter((r) => r.row.includes(canary)), `${table.schema}.${table.name}`).toEqual([]);
    }
    expect(dumped).toBeGreaterThan(20);
  });
});
