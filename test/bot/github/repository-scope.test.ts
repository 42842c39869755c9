/**
 * Per-repository scans on the store and the recording: a scan of one repository resolves by
 * absence only within that repository, and scan requests coalesce only where the scan that would
 * be joined covers what was asked and has not started yet.
 */
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobQueue } from '../../../src/jobs/job-queue.js';
import { QUEUE_SPECS, type JobPayloads } from '../../../src/jobs/queues.js';
import { recordScanResults } from '../../../src/jobs/record-scan.js';
import { fingerprint } from '../../../src/scanning/engine.js';
import type { Finding } from '../../../src/scanning/types.js';
import { Keyring } from '../../../src/store/crypto.js';
import { createIntegration, type PublicIntegration } from '../../../src/store/integrations.js';
import { createScan, markScanRunning, requestScan } from '../../../src/store/scans.js';
import { findings } from '../../../src/store/schema.js';
import { createTenant, type Tenant } from '../../../src/store/tenants.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';

const logger = pino({ level: 'silent' });
let testDb: TestDatabase;
let queue: JobQueue<JobPayloads>;
let tenant: Tenant;
let integration: PublicIntegration;

beforeAll(async () => {
  testDb = await createTestDatabase();
  queue = await JobQueue.start<JobPayloads>({ boss: testDb.database.bossOptions, specs: QUEUE_SPECS, logger, schedule: false });
  const db = testDb.database.db;
  tenant = await createTenant(db, { slug: 'acme', name: 'Acme' });
  integration = await createIntegration(db, new Keyring([{ version: 'v1', key: Buffer.alloc(32, 7) }]), {
    tenantId: tenant.id,
    name: 'acme',
    provider: 'github',
    credentials: { installation_id: 4242 },
  });
});

afterAll(async () => {
  await queue?.stop(1000);
  await testDb?.drop();
});

const failing = (checkId: string, resourceId: string): Finding => ({
  checkId,
  provider: 'github',
  service: 'repos',
  resourceId,
  resourceType: 'GitHub::Repository',
  region: 'global',
  status: 'fail',
  severity: 'high',
  riskScore: 7,
  title: checkId,
  statusDetail: 'fails',
  remediation: 'fix it',
  compliance: {},
  fingerprint: fingerprint(checkId, resourceId),
});

async function record(results: Finding[], repositories?: string[]): Promise<void> {
  const db = testDb.database.db;
  const scan = await createScan(db, { tenantId: tenant.id, integrationId: integration.id, provider: 'github', requestedBy: 'test', scope: repositories ? { repositories } : null });
  await recordScanResults(db, queue, {
    tenantId: tenant.id,
    integrationId: integration.id,
    scanId: scan.id,
    provider: 'github',
    status: 'complete',
    findings: results,
    completeChecks: ['protect'],
    resources: 1,
    now: new Date(),
    correlationId: 'test',
    ...(repositories ? { repositories } : {}),
  });
}

async function resolved(): Promise<Record<string, boolean>> {
  const rows = await testDb.database.db.select().from(findings).where(eq(findings.integrationId, integration.id));
  return Object.fromEntries(rows.map((row) => [row.resourceId, row.resolvedAt !== null]));
}

describe('per-repository scans', () => {
  it('a scan of one repository resolves by absence only inside it', async () => {
    await record([failing('protect', 'acme/api'), failing('protect', 'acme/api-gateway'), failing('protect', 'acme/web'), failing('protect', 'acme/web/environments/prod')]);
    // acme/web's scan sees nothing failing: its own findings (and those inside it) go, nobody else's.
    await record([], ['acme/web']);
    expect(await resolved()).toEqual({ 'acme/api': false, 'acme/api-gateway': false, 'acme/web': true, 'acme/web/environments/prod': true });
    // `acme/api` does not cover `acme/api-gateway`.
    await record([], ['acme/api']);
    expect(await resolved()).toMatchObject({ 'acme/api': true, 'acme/api-gateway': false });
    // A whole-integration scan still resolves everything it did not see.
    await record([]);
    expect(await resolved()).toMatchObject({ 'acme/api-gateway': true });
  });

  it('a repository request joins a queued scan of that repository or of everything, never a running one or another repository\'s', async () => {
    const db = testDb.database.db;
    const ask = (repositories?: string[]) =>
      requestScan(db, { tenantId: tenant.id, integrationId: integration.id, provider: 'github', requestedBy: 'test', scope: repositories ? { repositories } : null });

    const api = await ask(['acme/api']);
    expect(api.coalesced).toBe(false);
    expect(await ask(['acme/api'])).toMatchObject({ coalesced: true, scan: { id: api.scan.id } });
    expect((await ask(['acme/web'])).coalesced).toBe(false);
    // A whole-integration request does not join a repository's scan.
    const whole = await ask();
    expect(whole.coalesced).toBe(false);
    expect(await ask()).toMatchObject({ coalesced: true, scan: { id: whole.scan.id } });
    // Once the repository's scan runs, a new change needs a new scan... (the queued whole scan covers it meanwhile)
    await markScanRunning(db, api.scan.id);
    expect(await ask(['acme/api'])).toMatchObject({ coalesced: true, scan: { id: whole.scan.id } });
    // ...and once nothing queued covers it, it gets its own.
    await markScanRunning(db, whole.scan.id);
    const fresh = await ask(['acme/api']);
    expect(fresh.coalesced).toBe(false);
    expect(fresh.scan.scope).toEqual({ repositories: ['acme/api'] });
  });
});
