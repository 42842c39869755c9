/**
 * Evidence syncs of a stored AWS integration: the sync handler with the real AWS evidence collector
 * against the fake AWS (small account) → evidence rows in the guide's structure, one per resource and
 * control, checksummed; the hour's cache; partial collection; rejected credentials; unknown types.
 */
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVIDENCE_CONTROLS } from '../../src/evidence/controls.js';
import { syncHandler } from '../../src/jobs/handlers/sync.js';
import type { JobContext } from '../../src/jobs/job-queue.js';
import { createAwsEvidenceCollector } from '../../src/scanning/providers/aws/evidence.js';
import { listAudit } from '../../src/store/audit.js';
import { Keyring } from '../../src/store/crypto.js';
import { listEvidence, verifyEvidenceChecksum } from '../../src/store/evidence.js';
import { createIntegration, type PublicIntegration } from '../../src/store/integrations.js';
import { evidence } from '../../src/store/schema.js';
import { createSync, getSync } from '../../src/store/syncs.js';
import { createTenant, type Tenant } from '../../src/store/tenants.js';
import { startFakeAws, type FakeAws } from '../fakes/aws/server.js';
import { ACCOUNT_ID, smallAccount } from '../fakes/aws/small-account.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const GOOD_KEY = 'AKIAFAKEGOODKEY12345';
const REJECTED_KEY = 'AKIAFAKEREJECTED1234';
const SECRET = 'fake-secret-access-key-0123456789abcdef';
const logger = pino({ level: 'silent' });
const keyring = new Keyring([{ version: 'v1', key: Buffer.alloc(32, 7) }]);

let testDb: TestDatabase;
let fake: FakeAws;
let tenant: Tenant;
let prod: PublicIntegration;
let rejected: PublicIntegration;
let clock = new Date('2026-12-05T10:00:00.000Z');

function context(retryCount = 0): JobContext {
  return { id: 'job-sync-1', queue: 'sync', correlationId: 'corr-sync', retryCount, logger, signal: new AbortController().signal };
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  fake = await startFakeAws(smallAccount(), { validAccessKeyIds: [GOOD_KEY] });
  const db = testDb.database.db;
  tenant = await createTenant(db, { slug: 'acme', name: 'Acme' });
  prod = await createIntegration(db, keyring, { tenantId: tenant.id, name: 'prod-aws', provider: 'aws', credentials: { access_key_id: GOOD_KEY, secret_access_key: SECRET, region: 'us-east-1' } });
  rejected = await createIntegration(db, keyring, { tenantId: tenant.id, name: 'revoked', provider: 'aws', credentials: { access_key_id: REJECTED_KEY, secret_access_key: SECRET, region: 'us-east-1' } });
});

afterAll(async () => {
  await fake?.close();
  await testDb?.drop();
});

function handler() {
  const aws = createAwsEvidenceCollector({ defaultRegion: 'us-east-1', endpoint: fake.endpoint, endpointOverridden: true, httpAgent: fake.httpAgent });
  // `queue` is unused by the sync handler; it never enqueues.
  return syncHandler({ db: testDb.database.db, queue: null as never, logger, keyring, collectors: { aws }, clock: () => clock });
}

async function runSync(integration: PublicIntegration, evidenceTypes: string[], framework: string | null) {
  const db = testDb.database.db;
  const sync = await createSync(db, { tenantId: tenant.id, integrationId: integration.id, evidenceTypes, framework, requestedBy: 'api:test-token' });
  await handler()({ tenantId: tenant.id, integrationId: integration.id, syncId: sync.id, correlationId: 'corr-sync' }, context(3));
  return getSync(db, sync.id);
}

describe('evidence sync of a stored AWS integration', () => {
  it('collects every AWS type for SOC 2: one item per resource and control, in the guide\'s structure, checksummed', async () => {
    const sync = await runSync(prod, ['policies', 'security_groups', 'encryption_status', 'audit_logs', 'compliance_rules'], 'soc2');
    expect(sync.status).toBe('complete');
    expect(sync.error).toBeNull();
    const items = await listEvidence(testDb.database.db, { tenantId: tenant.id, framework: 'soc2', limit: 10_000 });
    expect(items.length).toBe(sync.itemCount);
    expect(new Set(items.map((i) => i.framework))).toEqual(new Set(['soc2']));
    for (const item of items) {
      expect(verifyEvidenceChecksum(item)).toBe(true);
      expect(item.evidenceType).toBe('api_response');
      expect(item.status).toBe('collected');
      expect(item.confidenceScore).toBeCloseTo(0.95);
      expect(item.trustPoints).toBe(10);
      expect(item.evidenceMetadata).toMatchObject({ platform: 'aws', collected_at: clock.toISOString(), integration_id: prod.id, account: ACCOUNT_ID, sync_id: sync.id });
      const type = item.evidenceMetadata.collection_type as keyof (typeof EVIDENCE_CONTROLS)['soc2'];
      expect(EVIDENCE_CONTROLS.soc2[type]).toContain(item.controlId);
    }
    const byType = (type: string) => items.filter((i) => i.evidenceMetadata.collection_type === type);
    // Every type produced evidence, each stored once per control it supports.
    for (const type of ['policies', 'security_groups', 'encryption_status', 'audit_logs', 'compliance_rules'] as const) {
      const controls = EVIDENCE_CONTROLS.soc2[type] ?? [];
      expect(byType(type).length, type).toBeGreaterThan(0);
      expect(byType(type).length % controls.length, type).toBe(0);
    }
    const rule = byType('compliance_rules').find((i) => i.data.rule_name === 's3-bucket-server-side-encryption-enabled');
    expect(rule?.data).toMatchObject({ compliance: 'NON_COMPLIANT', non_compliant_resources: 2, source_identifier: 'S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED' });
    expect(rule?.evidenceMetadata).toMatchObject({ region: 'us-east-1', source: 'config:DescribeComplianceByConfigRule' });
    const kmsBucket = byType('encryption_status').find((i) => (i.data.default_encryption as { algorithm?: string } | null)?.algorithm === 'aws:kms');
    expect(kmsBucket?.data).toMatchObject({ known: true, default_encryption: { algorithm: 'aws:kms', bucket_key_enabled: true } });
    const policy = byType('policies').find((i) => i.data.policy_arn === `arn:aws:iam::${ACCOUNT_ID}:policy/everything`);
    expect(policy?.title).toBe('AWS IAM policy everything');

    const [audit] = await listAudit(testDb.database.db, { tenantId: tenant.id, targetType: 'integration', targetId: prod.id, limit: 1 });
    expect(audit).toMatchObject({ action: 'evidence.sync', actor: 'api:test-token', outcome: 'success' });
    expect(audit?.details).toMatchObject({ syncId: sync.id, status: 'complete', collected: sync.itemCount });
  });

  it('answers a second sync within the hour from the stored evidence, and collects again after it', async () => {
    const db = testDb.database.db;
    const before = (await db.select().from(evidence).where(eq(evidence.integrationId, prod.id))).length;
    const callsBefore = fake.calls.length;
    const cached = await runSync(prod, ['policies', 'audit_logs'], 'soc2');
    expect(cached.status).toBe('complete');
    expect(fake.calls.length).toBe(callsBefore);
    expect((await db.select().from(evidence).where(eq(evidence.integrationId, prod.id))).length).toBe(before);
    expect(cached.itemCount).toBeGreaterThan(0);

    clock = new Date(clock.getTime() + 61 * 60 * 1000);
    const fresh = await runSync(prod, ['policies'], 'soc2');
    expect(fake.calls.length).toBeGreaterThan(callsBefore);
    expect((await db.select().from(evidence).where(eq(evidence.integrationId, prod.id))).length).toBe(before + fresh.itemCount);
  });

  it('without a framework, stores each item for every framework', async () => {
    const sync = await runSync(prod, ['audit_logs'], null);
    expect(sync.status).toBe('complete');
    const items = (await testDb.database.db.select().from(evidence).where(eq(evidence.syncId, sync.id)));
    expect(new Set(items.map((i) => i.framework))).toEqual(new Set(['soc2', 'iso27001', 'cis', 'gdpr', 'hipaa', 'pci_dss']));
  });

  it('records a partial sync when AWS denies part of it, keeping what it could collect', async () => {
    clock = new Date(clock.getTime() + 2 * 60 * 60 * 1000);
    fake.faults = { accessDenied: ['config:DescribeConfigRules'] };
    try {
      const sync = await runSync(prod, ['compliance_rules', 'security_groups'], 'iso27001');
      expect(sync.status).toBe('partial');
      expect(sync.error).toMatch(/compliance_rules: Config rules in (us-east-1|eu-west-1): .*AccessDenied/);
      const items = await testDb.database.db.select().from(evidence).where(eq(evidence.syncId, sync.id));
      const types = new Set(items.map((i) => i.evidenceMetadata.collection_type));
      // The recorders still count as compliance evidence; the security groups are all there.
      expect(types).toEqual(new Set(['compliance_rules', 'security_groups']));
      expect(items.some((i) => typeof i.data.rule_name === 'string')).toBe(false);
    } finally {
      fake.faults = {};
    }
  });

  it('fails a sync whose credentials AWS rejects, without retrying, and audits the failure', async () => {
    const sync = await runSync(rejected, ['policies'], 'soc2');
    expect(sync.status).toBe('failed');
    expect(sync.error).toMatch(/credential|security token|InvalidClientTokenId|not valid/i);
    expect(sync.error).not.toContain(SECRET);
    const [audit] = await listAudit(testDb.database.db, { tenantId: tenant.id, targetType: 'integration', targetId: rejected.id, limit: 1 });
    expect(audit).toMatchObject({ action: 'evidence.sync', outcome: 'failure' });
  });

  it('refuses evidence types the platform does not collect', async () => {
    const sync = await runSync(prod, ['configurations'], 'soc2');
    expect(sync.status).toBe('failed');
    expect(sync.error).toContain('aws does not collect configurations');
  });
});
