/**
 * The compliance report and the evidence pack, on real rows: findings of one integration (failing,
 * passing, unknown; one alert suppressed) and evidence items, in the test database. The pack is
 * exported, verified offline, then tampered with in each way an auditor must catch.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildComplianceReport, complianceReportCsv, frameworkIdsFor } from '../../src/reports/compliance.js';
import { buildEvidencePack, verifyEvidencePack } from '../../src/reports/evidence-pack.js';
import { parseCsv } from '../../src/scanning/csv.js';
import { Keyring } from '../../src/store/crypto.js';
import { insertEvidence, type NewEvidenceItem } from '../../src/store/evidence.js';
import { upsertFindings, type FindingInput } from '../../src/store/findings.js';
import { createIntegration, type PublicIntegration } from '../../src/store/integrations.js';
import { createScan } from '../../src/store/scans.js';
import { createTenant, type Tenant } from '../../src/store/tenants.js';
import { baseEnv, makeTempDir, runCli } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const NOW = new Date('2026-12-05T12:00:00.000Z');
const keyring = new Keyring([{ version: 'v1', key: Buffer.alloc(32, 3) }]);
let testDb: TestDatabase;
let tenant: Tenant;
let other: Tenant;
let prod: PublicIntegration;

function result(checkId: string, resourceId: string, status: FindingInput['status'], compliance: Record<string, string[]>): FindingInput {
  return {
    checkId,
    service: 's3',
    resourceId,
    resourceType: 'AWS::S3::Bucket',
    region: 'us-east-1',
    fingerprint: `${checkId}|${resourceId}`,
    status,
    severity: 'high',
    riskScore: 7,
    title: `${checkId} on ${resourceId}`,
    statusDetail: `${resourceId} ${status}`,
    remediation: '',
    compliance,
  };
}

function item(tenantId: string, integrationId: string, controlId: string, resource: string, collectedAt: Date): NewEvidenceItem {
  return {
    tenantId,
    integrationId,
    title: `Trail ${resource}`,
    description: 'CloudTrail trail',
    evidenceType: 'api_response',
    status: 'collected',
    framework: 'soc2',
    controlId,
    data: { trail_name: resource, is_logging: true, nested: { b: 2, a: [1, 'x'] } },
    evidenceMetadata: { platform: 'aws', collection_type: 'audit_logs', resource_id: `arn:aws:cloudtrail:us-east-1:123456789012:trail/${resource}` },
    confidenceScore: 0.95,
    trustPoints: 10,
    collectedAt,
  };
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  const db = testDb.database.db;
  tenant = await createTenant(db, { slug: 'acme', name: 'Acme' });
  other = await createTenant(db, { slug: 'other', name: 'Other' });
  prod = await createIntegration(db, keyring, { tenantId: tenant.id, name: 'prod', provider: 'aws', credentials: { access_key_id: 'AKIAEXAMPLEEXAMPLE12', secret_access_key: 'x'.repeat(40) } });
  const theirs = await createIntegration(db, keyring, { tenantId: other.id, name: 'theirs', provider: 'aws', credentials: { access_key_id: 'AKIAEXAMPLEEXAMPLE13', secret_access_key: 'y'.repeat(40) } });
  const scan = await createScan(db, { tenantId: tenant.id, integrationId: prod.id, provider: 'aws', requestedBy: 'test' });
  await upsertFindings(db, { tenantId: tenant.id, integrationId: prod.id, scanId: scan.id, provider: 'aws', now: NOW }, [
    result('aws-s3-bucket-public-acl', 'arn:aws:s3:::public', 'fail', { soc2: ['CC6.1'], 'cis-aws-5.0': ['2.1.4'] }),
    result('aws-s3-bucket-public-acl', 'arn:aws:s3:::private', 'pass', { soc2: ['CC6.1'], 'cis-aws-5.0': ['2.1.4'] }),
    result('aws-cloudtrail-multi-region-enabled', 'arn:aws:iam::123456789012:root', 'pass', { soc2: ['CC7.2'], 'cis-aws-5.0': ['3.1'] }),
    result('aws-config-recorder-enabled', 'arn:aws:iam::123456789012:root', 'unknown', { soc2: ['CC7.1'] }),
    result('aws-iam-root-mfa-disabled', 'arn:aws:iam::123456789012:root', 'pass', { 'nist-800-53-r5': ['IA-2(1)'] }),
  ]);
  const theirScan = await createScan(db, { tenantId: other.id, integrationId: theirs.id, provider: 'aws', requestedBy: 'test' });
  await upsertFindings(db, { tenantId: other.id, integrationId: theirs.id, scanId: theirScan.id, provider: 'aws', now: NOW }, [
    result('aws-s3-bucket-public-acl', 'arn:aws:s3:::theirs', 'fail', { soc2: ['CC6.9'] }),
  ]);
  await insertEvidence(db, [
    item(tenant.id, prod.id, 'CC7.2', 'main', new Date(NOW.getTime() - 3_600_000)),
    // The same resource collected again later: only the newest copy is listed.
    item(tenant.id, prod.id, 'CC7.2', 'main', new Date(NOW.getTime() - 60_000)),
    item(tenant.id, prod.id, 'CC4.1', 'main', new Date(NOW.getTime() - 60_000)),
    // Too old for the report's 90-day window.
    item(tenant.id, prod.id, 'CC9.9', 'ancient', new Date(NOW.getTime() - 200 * 86_400_000)),
    item(other.id, theirs.id, 'CC7.2', 'theirs', new Date(NOW.getTime() - 60_000)),
  ]);
});

afterAll(async () => {
  await testDb?.drop();
});

describe('compliance report', () => {
  it('maps guide framework names to the checks\' versioned ids', () => {
    expect(frameworkIdsFor('soc2')).toEqual(['soc2']);
    expect(frameworkIdsFor('cis')).toEqual(['cis-aws-5.0', 'cis-azure-3.0', 'cis-gcp-3.0', 'cis-github-1.1']);
    expect(frameworkIdsFor('pci_dss')).toEqual(['pci-dss-4.0']);
  });

  it('gives each control its status from its checks, with evidence alongside, only for this tenant', async () => {
    const report = await buildComplianceReport(testDb.database.db, { tenantId: tenant.id, framework: 'soc2', now: NOW });
    const status = Object.fromEntries(report.controls.map((c) => [c.control_id, c.status]));
    expect(status).toEqual({ 'CC4.1': 'unknown', 'CC6.1': 'fail', 'CC7.1': 'unknown', 'CC7.2': 'pass' });
    expect(report.summary).toEqual({ controls: 4, pass: 1, fail: 1, unknown: 2, evidence_items: 2, failing_findings: 1 });
    const cc61 = report.controls.find((c) => c.control_id === 'CC6.1');
    expect(cc61?.findings.map((f) => [f.resource_id, f.status])).toEqual([
      ['arn:aws:s3:::public', 'fail'],
      ['arn:aws:s3:::private', 'pass'],
    ]);
    const cc72 = report.controls.find((c) => c.control_id === 'CC7.2');
    expect(cc72?.evidence).toHaveLength(1);
    expect(cc72?.evidence[0]?.collected_at).toBe(new Date(NOW.getTime() - 60_000).toISOString());
    expect(JSON.stringify(report)).not.toContain('theirs');
  });

  it('narrows to one integration, and files CIS controls under the platform\'s benchmark', async () => {
    const report = await buildComplianceReport(testDb.database.db, { tenantId: tenant.id, framework: 'cis', integrationId: prod.id, now: NOW });
    expect(report.controls.map((c) => [c.framework_id, c.control_id, c.status])).toEqual([
      ['cis-aws-5.0', '2.1.4', 'fail'],
      ['cis-aws-5.0', '3.1', 'pass'],
    ]);
  });

  it('writes CSV with one row per finding and evidence item, safe against formula injection', async () => {
    const report = await buildComplianceReport(testDb.database.db, { tenantId: tenant.id, framework: 'soc2', now: NOW });
    const rows = parseCsv(complianceReportCsv(report)).filter((r) => r.length > 1);
    expect(rows[0]?.slice(0, 4)).toEqual(['framework_id', 'control_id', 'control_status', 'kind']);
    expect(rows.filter((r) => r[3] === 'finding')).toHaveLength(4);
    expect(rows.filter((r) => r[3] === 'evidence')).toHaveLength(2);
  });
});

describe('evidence pack', () => {
  async function pack(): Promise<Uint8Array> {
    return (await buildEvidencePack(testDb.database.db, { tenantId: tenant.id, framework: 'soc2', now: NOW })).zip;
  }

  it('exports the report, each evidence item and a manifest that verifies offline', async () => {
    const zip = await pack();
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(expect.arrayContaining(['manifest.json', 'report.json']));
    expect(Object.keys(files).filter((f) => f.startsWith('evidence/'))).toHaveLength(2);
    expect(verifyEvidencePack(zip)).toEqual({ ok: true, files: 3, evidence: 2, problems: [] });
  });

  it('catches a changed, an added and a removed file, and evidence data that no longer matches its checksum', async () => {
    const files = unzipSync(await pack());
    const evidencePath = Object.keys(files).find((f) => f.startsWith('evidence/')) as string;

    const changedReport = { ...files, 'report.json': strToU8('{"summary":"all green"}') };
    expect(verifyEvidencePack(zipSync(changedReport)).problems).toEqual(['report.json: changed since export (SHA-256 differs from the manifest)']);

    const added = { ...files, 'evidence/extra.json': strToU8('{}') };
    expect(verifyEvidencePack(zipSync(added)).problems).toEqual(['evidence/extra.json: not listed in the manifest']);

    const removed = { ...files };
    delete removed[evidencePath];
    expect(verifyEvidencePack(zipSync(removed)).problems).toEqual([`${evidencePath}: listed in the manifest but missing`]);

    // Data edited and the manifest's file hash "fixed" to match: the item's own checksum still catches it.
    const itemJson = JSON.parse(strFromU8(files[evidencePath] as Uint8Array)) as { data: Record<string, unknown> };
    itemJson.data.is_logging = false;
    const forgedItem = strToU8(JSON.stringify(itemJson));
    const manifest = JSON.parse(strFromU8(files['manifest.json'] as Uint8Array)) as { files: Array<{ path: string; sha256: string }> };
    const { createHash } = await import('node:crypto');
    for (const f of manifest.files) if (f.path === evidencePath) f.sha256 = createHash('sha256').update(forgedItem).digest('hex');
    const forged = { ...files, [evidencePath]: forgedItem, 'manifest.json': strToU8(JSON.stringify(manifest)) };
    expect(verifyEvidencePack(zipSync(forged)).problems).toEqual([`${evidencePath}: its data does not match the checksum taken when it was collected`]);

    expect(verifyEvidencePack(strToU8('not a zip')).ok).toBe(false);
    expect(verifyEvidencePack(zipSync({ 'a.txt': strToU8('x') })).problems).toEqual(['manifest.json is missing or is not a cloudsentinel-evidence-pack/1 manifest']);
  });
});

describe('cloudsentinel evidence verify', () => {
  it('says OK for an intact pack, lists the problems of a tampered one with exit 1, and exit 2 for an unreadable file', async () => {
    const dir = makeTempDir('cs-evidence-');
    try {
      const { zip } = await buildEvidencePack(testDb.database.db, { tenantId: tenant.id, framework: 'soc2', now: NOW });
      const good = join(dir.path, 'pack.zip');
      writeFileSync(good, zip);
      const files = unzipSync(zip);
      const bad = join(dir.path, 'tampered.zip');
      writeFileSync(bad, zipSync({ ...files, 'report.json': strToU8('{}') }));
      const env = baseEnv(dir.path);
      const [ok, tampered, missing] = await Promise.all([
        runCli(['evidence', 'verify', good], env),
        runCli(['evidence', 'verify', bad], env),
        runCli(['evidence', 'verify', join(dir.path, 'nope.zip')], env),
      ]);
      expect(ok).toMatchObject({ code: 0 });
      expect(ok.stdout).toContain('OK: 3 file(s) and 2 evidence item(s) match their checksums.');
      expect(tampered.code).toBe(1);
      expect(tampered.stdout).toContain('report.json: changed since export');
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('cannot read');
    } finally {
      dir.remove();
    }
  });
});
