/**
 * `cloudsentinel scan aws` and its companions (`checks list`, `integrations add|test`, `audit verify`)
 * as users run them: the real program in child processes, the real AWS SDK, and the fake AWS in this
 * process reached through AWS_ENDPOINT_URL. Each child costs a few seconds, so independent commands
 * run concurrently and the two that need a database (`--store`, integrations) walk their steps in
 * one test each, on a database of their own.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsChecks } from '../src/scanning/registry.js';
import { getScan } from '../src/store/scans.js';
import { startFakeAws, type FakeAws } from './fakes/aws/server.js';
import { ACCOUNT_ID, smallAccount } from './fakes/aws/small-account.js';
import { baseEnv, createCliDatabase, makeTempDir, runCli, type ChildEnv, type CliDatabase, type CliResult } from './helpers/cli.js';

const TIMEOUT = 60_000;
/** Steps on a fresh database: the first also creates and migrates it. */
const CHAIN_TIMEOUT = 120_000;

const ACCESS_KEY_ID = 'AKIAFAKECLISCAN12345';
const SECRET = 'fake-secret-access-key-for-cli-scan-tests';
/** The fake answers InvalidClientTokenId for any other key, and ExpiredToken for this one. */
const REJECTED_KEY_ID = 'AKIAFAKEREJECTED1234';
const EXPIRED_KEY_ID = 'AKIAFAKEEXPIRED12345';

const STACK_FRAME = /^\s+at\s/m;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** arn:partition:service:region:account:resource — region and account may be empty (S3, IAM, EBS snapshots). */
const ARN = /^arn:aws(-[a-z-]+)?:[a-z0-9-]+:([a-z]{2}(-gov)?-[a-z]+-\d)?:(\d{12})?:.+$/;
const PROGRESS_LINE = /^(collect|evaluate): \d+\/\d+ \(\d+%\)$/m;
const STATUSES = ['pass', 'fail', 'unknown'];
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const CONTRACT_FIELDS = ['checkId', 'provider', 'service', 'resourceId', 'resourceType', 'region', 'status', 'severity', 'riskScore', 'title', 'statusDetail', 'remediation', 'compliance', 'fingerprint'] as const;

interface JsonFinding {
  checkId: string;
  provider: string;
  service: string;
  resourceId: string;
  resourceType: string;
  region: string;
  status: string;
  severity: string;
  riskScore: number;
  title: string;
  statusDetail: string;
  remediation: string;
  compliance: Record<string, unknown>;
  fingerprint: string;
}

interface JsonReport {
  scan: { id: string | null; provider: string; accountId: string; status: string; regions: string[]; checks: number; errors: string[] };
  findings: JsonFinding[];
}

const work = makeTempDir('cli-scan');
/** The data directory of commands that must not open a database; it must never come into being. */
const unusedDataDir = join(work.path, 'unused');
let fake: FakeAws;
const databases: CliDatabase[] = [];

beforeAll(async () => {
  fake = await startFakeAws(smallAccount(), { validAccessKeyIds: [ACCESS_KEY_ID], expiredAccessKeyIds: [EXPIRED_KEY_ID] });
});

afterAll(async () => {
  await fake?.close();
  for (const database of databases) await database.drop();
  work.remove();
});

/** The environment of a CI job scanning with ambient keys: the fake's endpoint and nothing of this process. */
function scanEnv(target: FakeAws = fake, extra: ChildEnv = {}): ChildEnv {
  return { ...baseEnv(unusedDataDir), AWS_ENDPOINT_URL: target.endpoint, AWS_ACCESS_KEY_ID: ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_REGION: 'us-east-1', ...extra };
}

/** Shows the child's output when an expectation on its exit status fails. */
function expectExit(result: CliResult, code: number): void {
  expect(result.code, `exit status; stdout:\n${result.stdout.slice(0, 4000)}\nstderr:\n${result.stderr}`).toBe(code);
}

function parseReport(result: CliResult): JsonReport {
  try {
    return JSON.parse(result.stdout) as JsonReport;
  } catch {
    throw new Error(`stdout is not JSON:\n${result.stdout.slice(0, 2000)}\nstderr:\n${result.stderr}`);
  }
}

function fingerprints(report: JsonReport): Record<string, string> {
  return Object.fromEntries(report.findings.map((f) => [`${f.checkId} ${f.resourceId}`, f.fingerprint]));
}

function writeJson(name: string, value: unknown): string {
  const path = join(work.path, name);
  writeFileSync(path, JSON.stringify(value), { mode: 0o600 });
  return path;
}

/** Started once, awaited by every test that looks at a full scan of the account. */
function once<T>(start: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= start());
}

const fullJsonScan = once(() => runCli(['scan', 'aws', '--format', 'json'], scanEnv()));

/** `scan aws --store` on a database of its own; the stored scan's id comes back in the JSON. */
const storedScan = once(async () => {
  const database = await createCliDatabase();
  databases.push(database);
  const env = { ...scanEnv(), CLOUDSENTINEL_DATA_DIR: join(work.path, 'store-data'), ...database.env };
  const result = await runCli(['scan', 'aws', '--format', 'json', '--store'], env, { timeoutMs: CHAIN_TIMEOUT - 10_000 });
  return { database, env, result };
});

describe.concurrent('cloudsentinel scan aws against the fake AWS', () => {
  it(
    '--store records the scan: "Stored as scan <uuid>" on stderr, that uuid as scan.id, and `audit verify` passes',
    async () => {
      const { database, env, result } = await storedScan();
      expectExit(result, 3);
      const stored = /^Stored as scan ([0-9a-f-]{36})\.$/m.exec(result.stderr);
      expect(stored, `stderr:\n${result.stderr}`).not.toBeNull();
      const scanId = stored?.[1] ?? '';
      expect(scanId).toMatch(UUID);
      const report = parseReport(result);
      expect(report.scan.id).toBe(scanId);
      expect(result.stdout).not.toContain('Stored as scan');

      if (database.database) {
        // PostgreSQL: the row is there to look at, finished with the report's counts.
        const row = await getScan(database.database.db, scanId);
        expect(row).toMatchObject({ status: report.scan.status, integrationId: null, requestedBy: 'cli' });
        expect(row.summary).toMatchObject({
          pass: report.findings.filter((f) => f.status === 'pass').length,
          fail: report.findings.filter((f) => f.status === 'fail').length,
          unknown: report.findings.filter((f) => f.status === 'unknown').length,
        });
      }

      const verified = await runCli(['audit', 'verify'], env);
      expectExit(verified, 0);
      expect(verified.stdout).toMatch(/^OK: [1-9]\d* audit row\(s\), chain intact\.$/m);
    },
    CHAIN_TIMEOUT,
  );

  it(
    '`integrations add aws` then `integrations test`: healthy with the account id for keys the fake accepts, unhealthy (authentication, exit 1) for keys it rejects',
    async () => {
      const database = await createCliDatabase();
      databases.push(database);
      // No ambient keys: `integrations test` must use the stored ones.
      const env: ChildEnv = { ...baseEnv(join(work.path, 'integrations-data')), ...database.env, AWS_ENDPOINT_URL: fake.endpoint, AWS_REGION: 'us-east-1' };
      const good = writeJson('good-keys.json', { access_key_id: ACCESS_KEY_ID, secret_access_key: SECRET, region: 'us-east-1' });
      const bad = writeJson('rejected-keys.json', { access_key_id: REJECTED_KEY_ID, secret_access_key: SECRET, region: 'us-east-1' });

      const added = await runCli(['integrations', 'add', 'aws', '--name', 'fake', '--credentials-file', good], env, { timeoutMs: CHAIN_TIMEOUT - 30_000 });
      expectExit(added, 0);
      expect(added.stdout).toMatch(/^Added aws integration "fake" \(/m);
      const addedBad = await runCli(['integrations', 'add', 'aws', '--name', 'revoked', '--credentials-file', bad], env);
      expectExit(addedBad, 0);

      const healthy = await runCli(['integrations', 'test', 'fake'], env);
      expectExit(healthy, 0);
      expect(healthy.stdout).toMatch(/^fake \(aws\): healthy in \d+ ms/m);
      expect(healthy.stdout).toContain(`account_id ${ACCOUNT_ID}`);

      const unhealthy = await runCli(['integrations', 'test', 'revoked'], env);
      expectExit(unhealthy, 1);
      expect(unhealthy.stdout).toMatch(/^revoked \(aws\): unhealthy in \d+ ms/m);
      expect(unhealthy.stdout).toMatch(/^\s+authentication: .*InvalidClientTokenId/m);
      expect(unhealthy.stdout).not.toContain(ACCOUNT_ID);
      for (const result of [added, addedBad, healthy, unhealthy]) {
        expect(result.stdout + result.stderr).not.toContain(SECRET);
        expect(result.stderr).not.toMatch(STACK_FRAME);
      }
    },
    CHAIN_TIMEOUT,
  );

  it(
    '--format json: exit 3, stdout is exactly {scan, findings} with every contract field typed, progress only on stderr, no database touched',
    async () => {
      const result = await fullJsonScan();
      expectExit(result, 3);
      const report = parseReport(result);
      expect(Object.keys(report).sort()).toEqual(['findings', 'scan']);
      expect(report.scan).toMatchObject({ id: null, provider: 'aws', accountId: ACCOUNT_ID });
      // smallAccount's trail logs to a bucket of another account: those checks cannot tell.
      expect(report.scan.status).toBe('partial');
      expect(report.scan.regions.sort()).toEqual(['eu-west-1', 'us-east-1']);
      expect(report.scan.checks).toBe(awsChecks.length);

      expect(report.findings.length).toBeGreaterThan(50);
      for (const finding of report.findings) {
        const where = `${finding.checkId} ${finding.resourceId}`;
        for (const field of CONTRACT_FIELDS) expect(finding, `${where}: ${field}`).toHaveProperty(field);
        for (const field of ['checkId', 'service', 'resourceType', 'region', 'title', 'statusDetail', 'remediation'] as const) {
          expect(typeof finding[field], `${where}: ${field}`).toBe('string');
          expect(finding[field].length, `${where}: ${field} is empty`).toBeGreaterThan(0);
        }
        expect(finding.provider).toBe('aws');
        expect(finding.resourceId, where).toMatch(ARN);
        expect(STATUSES, where).toContain(finding.status);
        expect(SEVERITIES, where).toContain(finding.severity);
        expect(typeof finding.riskScore, where).toBe('number');
        expect(finding.riskScore, where).toBeGreaterThanOrEqual(0);
        expect(finding.riskScore, where).toBeLessThanOrEqual(10);
        expect(typeof finding.fingerprint, where).toBe('string');
        expect(finding.fingerprint.length, where).toBeGreaterThan(0);
        expect(typeof finding.compliance, where).toBe('object');
        expect(Array.isArray(finding.compliance), where).toBe(false);
        for (const [framework, controls] of Object.entries(finding.compliance)) {
          expect(Array.isArray(controls), `${where}: ${framework}`).toBe(true);
          for (const control of controls as unknown[]) expect(typeof control, `${where}: ${framework}`).toBe('string');
        }
      }
      const statuses = new Set(report.findings.map((f) => f.status));
      expect(statuses).toEqual(new Set(STATUSES));
      // One finding per check and resource, so a fingerprint names one of them.
      expect(new Set(report.findings.map((f) => f.fingerprint)).size).toBe(report.findings.length);
      expect(report.findings.find((f) => f.checkId === 'aws-s3-bucket-public-policy' && f.resourceId === 'arn:aws:s3:::public-site')).toMatchObject({ status: 'fail', severity: 'critical' });

      expect(result.stderr).toMatch(PROGRESS_LINE);
      expect(result.stderr).toMatch(/^Scan partial in .*\d+ results, [1-9]\d* failing/m);
      expect(result.stdout).not.toMatch(/^(collect|evaluate): /m);
      expect(result.stdout).not.toContain('Scan partial');
      expect(result.stderr).not.toMatch(STACK_FRAME);
      expect(existsSync(unusedDataDir), 'a scan without --store created a data directory').toBe(false);
    },
    TIMEOUT,
  );

  it(
    'the same scan twice gives identical fingerprints',
    async () => {
      const [first, { result: second }] = await Promise.all([fullJsonScan(), storedScan()]);
      expectExit(first, 3);
      expectExit(second, 3);
      const a = fingerprints(parseReport(first));
      const b = fingerprints(parseReport(second));
      expect(Object.keys(a).length).toBeGreaterThan(50);
      expect(b).toEqual(a);
    },
    CHAIN_TIMEOUT,
  );

  it(
    '--checks aws-s3-bucket-versioning --regions us-east-1 gives only that check and makes no IAM or EC2 call',
    async () => {
      const scoped = await startFakeAws(smallAccount());
      try {
        const iamBefore = scoped.count({ service: 'iam' });
        const ec2Before = scoped.count({ service: 'ec2' });
        const result = await runCli(['scan', 'aws', '--format', 'json', '--checks', 'aws-s3-bucket-versioning', '--regions', 'us-east-1'], scanEnv(scoped));
        expectExit(result, 3);
        const report = parseReport(result);
        expect(report.scan.checks).toBe(1);
        expect(report.findings.length).toBeGreaterThan(0);
        expect(new Set(report.findings.map((f) => f.checkId))).toEqual(new Set(['aws-s3-bucket-versioning']));
        expect(report.findings.find((f) => f.resourceId === 'arn:aws:s3:::public-site')?.status).toBe('fail');
        expect(scoped.count({ service: 'iam' })).toBe(iamBefore);
        expect(scoped.count({ service: 'ec2' })).toBe(ec2Before);
        expect(scoped.count({ service: 's3', operation: 'GetBucketVersioning' })).toBeGreaterThan(0);
        expect(scoped.count({ service: 'kms' }) + scoped.count({ service: 'rds' }) + scoped.count({ service: 'cloudtrail' })).toBe(0);
      } finally {
        await scoped.close();
      }
    },
    TIMEOUT,
  );

  it(
    '--checks with an unknown id exits 2 naming it, before calling AWS',
    async () => {
      const untouched = await startFakeAws(smallAccount());
      try {
        const result = await runCli(['scan', 'aws', '--checks', 'aws-s3-bucket-versioning,aws-nope'], scanEnv(untouched));
        expectExit(result, 2);
        expect(result.stderr).toMatch(/aws-nope/);
        expect(result.stderr).not.toMatch(/aws-s3-bucket-versioning/);
        expect(result.stderr).not.toMatch(STACK_FRAME);
        expect(result.stdout).toBe('');
        expect(untouched.count()).toBe(0);
      } finally {
        await untouched.close();
      }
    },
    TIMEOUT,
  );

  it(
    '--format sarif --output FILE writes SARIF 2.1.0 with the failing results to the file and nothing to stdout',
    async () => {
      const file = join(work.path, 'scan.sarif');
      const result = await runCli(['scan', 'aws', '--format', 'sarif', '--output', file], scanEnv());
      expectExit(result, 3);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`written to ${file}`);
      const sarif = JSON.parse(readFileSync(file, 'utf8')) as {
        $schema: string;
        version: string;
        runs: Array<{
          tool: { driver: { name: string; rules: Array<{ id: string }> } };
          results: Array<{ ruleId: string; level: string; message: { text: string }; locations: Array<{ logicalLocations: Array<{ fullyQualifiedName: string }> }> }>;
        }>;
      };
      expect(sarif.version).toBe('2.1.0');
      expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
      expect(sarif.runs).toHaveLength(1);
      const [run] = sarif.runs;
      expect(run?.tool.driver.name).toBe('CloudSentinel');
      expect(run?.results.length).toBeGreaterThan(10);
      const ruleIds = new Set(run?.tool.driver.rules.map((r) => r.id));
      for (const r of run?.results ?? []) {
        expect(ruleIds.has(r.ruleId), r.ruleId).toBe(true);
        expect(['error', 'warning', 'note']).toContain(r.level);
        expect(r.message.text.length).toBeGreaterThan(0);
      }
      const publicPolicy = run?.results.find((r) => r.ruleId === 'aws-s3-bucket-public-policy');
      expect(publicPolicy?.level).toBe('error');
      expect(publicPolicy?.locations[0]?.logicalLocations[0]?.fullyQualifiedName).toBe('arn:aws:s3:::public-site');
    },
    TIMEOUT,
  );

  it(
    '--format csv starts with the header of the contract fields',
    async () => {
      const result = await runCli(['scan', 'aws', '--format', 'csv', '--checks', 'aws-s3-bucket-versioning'], scanEnv());
      expectExit(result, 3);
      const [header] = result.stdout.split(/\r?\n/);
      expect(header).toBe(CONTRACT_FIELDS.join(','));
      expect(result.stdout).toContain('\naws-s3-bucket-versioning,aws,s3,arn:aws:s3:::public-site,AWS::S3::Bucket,us-east-1,fail,medium,');
      expect(result.stdout).not.toMatch(/^(collect|evaluate): /m);
    },
    TIMEOUT,
  );

  it(
    '--format table lists the failing findings worst first, a critical one among them, without colour when not on a terminal',
    async () => {
      const result = await runCli(['scan', 'aws', '--format', 'table'], scanEnv());
      expectExit(result, 3);
      expect(result.stdout).toMatch(new RegExp(`^CloudSentinel .* aws account ${ACCOUNT_ID} .* scan partial$`, 'm'));
      expect(result.stdout).toMatch(/^SEVERITY\s+RISK\s+CHECK\s+RESOURCE\s+REGION$/m);
      expect(result.stdout).toMatch(/^CRITICAL\s+10\.0\s+aws-s3-bucket-public-policy\s+arn:aws:s3:::public-site\s+us-east-1$/m);
      const rows = result.stdout.split('\n').filter((line) => /^(CRITICAL|HIGH|MEDIUM|LOW|INFO)\s/.test(line));
      expect(rows[0]).toMatch(/^CRITICAL/);
      expect(result.stdout).not.toContain('\u001b[');
      expect(result.stdout).not.toMatch(/^(collect|evaluate): /m);
    },
    TIMEOUT,
  );

  it(
    'exits 0 when every selected check passes',
    async () => {
      const result = await runCli(['scan', 'aws', '--format', 'json', '--checks', 'aws-iam-root-access-key,aws-s3-bucket-public-acl'], scanEnv());
      expectExit(result, 0);
      const report = parseReport(result);
      expect(report.findings.length).toBeGreaterThanOrEqual(3);
      expect(report.findings.filter((f) => f.status !== 'pass')).toEqual([]);
      expect(result.stderr).toMatch(/ 0 failing/);
    },
    TIMEOUT,
  );

  it(
    'exits 1 with a clear message and no stack trace when AWS rejects the keys (invalid or expired)',
    async () => {
      const [invalid, expired] = await Promise.all([
        runCli(['scan', 'aws', '--format', 'json'], scanEnv(fake, { AWS_ACCESS_KEY_ID: REJECTED_KEY_ID })),
        runCli(['scan', 'aws', '--format', 'json'], scanEnv(fake, { AWS_ACCESS_KEY_ID: EXPIRED_KEY_ID })),
      ]);
      expectExit(invalid, 1);
      expect(invalid.stderr).toMatch(/^cloudsentinel: The AWS credentials are invalid \(InvalidClientTokenId\b/m);
      expectExit(expired, 1);
      expect(expired.stderr).toMatch(/^cloudsentinel: The AWS credentials have expired \(ExpiredToken\b/m);
      for (const result of [invalid, expired]) {
        expect(result.stdout).toBe('');
        expect(result.stderr).not.toMatch(STACK_FRAME);
        expect(result.stderr).not.toContain(SECRET);
        expect(result.stderr).not.toMatch(PROGRESS_LINE);
      }
    },
    TIMEOUT,
  );

  it(
    'AccessDenied on KMS: the scan completes (exit 3, partial) with the KMS checks unknown and the AccessDenied reason',
    async () => {
      const denied = await startFakeAws(smallAccount(), { faults: { accessDenied: ['kms'] } });
      try {
        const result = await runCli(['scan', 'aws', '--format', 'json'], scanEnv(denied));
        expectExit(result, 3);
        const report = parseReport(result);
        expect(report.scan.status).toBe('partial');
        const kmsCheckIds = awsChecks.filter((check) => check.meta.service === 'kms').map((check) => check.meta.id);
        expect(kmsCheckIds.length).toBeGreaterThan(0);
        const kms = report.findings.filter((f) => f.service === 'kms');
        expect(new Set(kms.map((f) => f.checkId))).toEqual(new Set(kmsCheckIds));
        for (const finding of kms) {
          expect(finding.status, finding.resourceId).toBe('unknown');
          expect(finding.statusDetail).toMatch(/AccessDenied/);
          expect(finding.resourceId).toMatch(ARN);
        }
        // Everything else was still collected and judged.
        const others = report.findings.filter((f) => f.service !== 'kms');
        expect(others.filter((f) => f.status === 'fail').length).toBeGreaterThan(10);
        expect(others.find((f) => f.checkId === 'aws-s3-bucket-versioning' && f.resourceId === 'arn:aws:s3:::public-site')?.status).toBe('fail');
        expect(denied.count({ service: 'kms' })).toBeGreaterThan(0);
        expect(denied.calls.filter((c) => c.service === 'kms').every((c) => c.status >= 400)).toBe(true);
        expect(result.stderr).toMatch(/^Scan partial .*\(partial: some data could not be collected/m);
      } finally {
        await denied.close();
      }
    },
    TIMEOUT,
  );

  it(
    '`checks list --provider aws --format json` lists every AWS check with id, severity and compliance',
    async () => {
      const result = await runCli(['checks', 'list', '--provider', 'aws', '--format', 'json'], baseEnv(unusedDataDir));
      expectExit(result, 0);
      const checks = JSON.parse(result.stdout) as Array<{ id: string; severity: string; compliance: Record<string, unknown> }>;
      expect(checks.length).toBeGreaterThanOrEqual(60);
      expect(new Set(checks.map((c) => c.id))).toEqual(new Set(awsChecks.map((c) => c.meta.id)));
      for (const check of checks) {
        expect(check.id).toMatch(/^aws-[a-z0-9-]+$/);
        expect(SEVERITIES).toContain(check.severity);
        expect(typeof check.compliance).toBe('object');
        expect(Object.keys(check.compliance).length, check.id).toBeGreaterThan(0);
        for (const controls of Object.values(check.compliance)) {
          expect(Array.isArray(controls)).toBe(true);
          for (const control of controls as unknown[]) expect(typeof control).toBe('string');
        }
      }
    },
    TIMEOUT,
  );
});
