/**
 * `cloudsentinel scan aws` and its companions (`checks list`, `integrations add|test`, `audit verify`)
 * as users run them: the real program in child processes, the real AWS SDK, and the fake AWS in this
 * process reached through AWS_ENDPOINT_URL. Each child costs a few seconds of CPU (most of it loading
 * the program), so the commands that need a database walk their steps one after another on one
 * database, while the others run beside them, at most one fewer at a time than there are cores, so
 * that the database steps are not starved.
 */
import { parseCsv } from '../src/scanning/csv.js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsChecks } from '../src/scanning/registry.js';
import { getScan } from '../src/store/scans.js';
import { startFakeAws, type FakeAws } from './fakes/aws/server.js';
import { ACCOUNT_ID, smallAccount } from './fakes/aws/small-account.js';
import { baseEnv, createCliDatabase, makeTempDir, runCli, usesPostgres, type ChildEnv, type CliDatabase, type CliResult } from './helpers/cli.js';

const TIMEOUT = 60_000;
/** Steps on a fresh database: the first also creates and migrates it. */
const CHAIN_TIMEOUT = 120_000;

const ACCESS_KEY_ID = 'AKIAFAKECLISCAN12345';
const SECRET = 'fake-secret-access-key-for-cli-scan-tests';
/** The fake answers InvalidClientTokenId for any key but ACCESS_KEY_ID. */
const REJECTED_KEY_ID = 'AKIAFAKEREJECTED1234';

const STACK_FRAME = /^\s+at\s/m;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/**
 * arn:partition:service:region:account:resource — the region is empty for global services (IAM, S3),
 * the account for S3 buckets and EBS snapshots, and it is `aws` for AWS-managed IAM policies.
 */
const ARN = /^arn:aws(-[a-z-]+)?:[a-z0-9-]+:([a-z]{2}(-gov)?-[a-z]+-\d)?:(\d{12}|aws)?:.+$/;
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
  fake = await startFakeAws(smallAccount(), { validAccessKeyIds: [ACCESS_KEY_ID] });
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

/** Started by the first test that asks, shared with the others. */
function once<T>(start: () => T): () => T {
  let started: { value: T } | undefined;
  return () => (started ??= { value: start() }).value;
}

/** Runs at most `limit` of the given tasks at a time, in the order they were asked for. */
function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

/** Commands besides the database steps: one core is left to those, which form the longest path. */
const besides = limiter(Math.max(1, availableParallelism() - 1));
const cli = (args: string[], env: ChildEnv): Promise<CliResult> => besides(() => runCli(args, env));

const fullJsonScan = once(() => cli(['scan', 'aws', '--format', 'json'], scanEnv()));

/**
 * The steps that share one database, in order: `scan --store` (which also creates and migrates it),
 * two integrations added and tested (keys the fake accepts, keys it rejects; no ambient keys, so the
 * stored ones are used), and finally `audit verify` over everything they recorded.
 */
const databaseSteps = once(() => {
  const setup = (async () => {
    const database = await createCliDatabase();
    databases.push(database);
    const env: ChildEnv = { ...baseEnv(join(work.path, 'data')), ...database.env, AWS_ENDPOINT_URL: fake.endpoint, AWS_REGION: 'us-east-1' };
    return { database, env };
  })();
  const store = setup.then(({ env }) =>
    runCli(['scan', 'aws', '--format', 'json', '--store'], { ...env, AWS_ACCESS_KEY_ID: ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET }, { timeoutMs: CHAIN_TIMEOUT - 10_000 }),
  );
  const rest = store.then(async () => {
    const { env } = await setup;
    const good = writeJson('good-keys.json', { access_key_id: ACCESS_KEY_ID, secret_access_key: SECRET, region: 'us-east-1' });
    const bad = writeJson('rejected-keys.json', { access_key_id: REJECTED_KEY_ID, secret_access_key: SECRET, region: 'us-east-1' });
    // The embedded database admits one process at a time; PostgreSQL takes independent steps at once.
    const both = async (a: () => Promise<CliResult>, b: () => Promise<CliResult>): Promise<[CliResult, CliResult]> =>
      usesPostgres ? Promise.all([a(), b()]) : [await a(), await b()];
    const [added, addedRejected] = await both(
      () => runCli(['integrations', 'add', 'aws', '--name', 'fake', '--credentials-file', good], env),
      () => runCli(['integrations', 'add', 'aws', '--name', 'revoked', '--credentials-file', bad], env),
    );
    const [healthy, unhealthy] = await both(
      () => runCli(['integrations', 'test', 'fake'], env),
      () => runCli(['integrations', 'test', 'revoked'], env),
    );
    const verified = await runCli(['audit', 'verify'], env);
    return { added, addedRejected, healthy, unhealthy, verified };
  });
  return { setup, store, rest };
});

describe.concurrent('cloudsentinel scan aws against the fake AWS', () => {
  it(
    '--store records the scan: "Stored as scan <uuid>" on stderr and that uuid as scan.id; `audit verify` then passes',
    async () => {
      const { setup, store, rest } = databaseSteps();
      const result = await store;
      expectExit(result, 3);
      const stored = /^Stored as scan ([0-9a-f-]{36})\.?$/m.exec(result.stderr);
      expect(stored, `stderr:\n${result.stderr}`).not.toBeNull();
      const scanId = stored?.[1] ?? '';
      expect(scanId).toMatch(UUID);
      const report = parseReport(result);
      expect(report.scan.id).toBe(scanId);
      expect(result.stdout).not.toContain('Stored as scan');

      const { database } = await setup;
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

      const { verified } = await rest;
      expectExit(verified, 0);
      expect(verified.stdout).toMatch(/^OK: [1-9]\d* audit row\(s\), chain intact\.$/m);
    },
    CHAIN_TIMEOUT,
  );

  it(
    '`integrations add aws` then `integrations test`: healthy with the account id for keys the fake accepts, unhealthy (authentication, exit 1) for keys it rejects',
    async () => {
      const { added, addedRejected, healthy, unhealthy } = await databaseSteps().rest;
      expectExit(added, 0);
      expect(added.stdout).toMatch(/^Added aws integration "fake" \(/m);
      expectExit(addedRejected, 0);

      expectExit(healthy, 0);
      expect(healthy.stdout).toMatch(/^fake \(aws\): healthy in \d+ ms/m);
      expect(healthy.stdout).toContain(`account_id ${ACCOUNT_ID}`);

      expectExit(unhealthy, 1);
      expect(unhealthy.stdout).toMatch(/^revoked \(aws\): unhealthy in \d+ ms/m);
      expect(unhealthy.stdout).toMatch(/^\s+authentication: .*InvalidClientTokenId/m);
      expect(unhealthy.stdout).not.toContain(ACCOUNT_ID);
      for (const result of [added, addedRejected, healthy, unhealthy]) {
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
      // The AWS SDK's notice about its future Node versions is for maintainers, not on a scan's stderr.
      expect(result.stderr).not.toContain('NodeVersionSupportWarning');
      expect(existsSync(unusedDataDir), 'a scan without --store created a data directory').toBe(false);
    },
    TIMEOUT,
  );

  it(
    'the same scan twice gives identical fingerprints',
    async () => {
      const [first, second] = await Promise.all([fullJsonScan(), databaseSteps().store]);
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
        const result = await cli(['scan', 'aws', '--format', 'json', '--checks', 'aws-s3-bucket-versioning', '--regions', 'us-east-1'], scanEnv(scoped));
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
        const result = await cli(['scan', 'aws', '--checks', 'aws-s3-bucket-versioning,aws-nope'], scanEnv(untouched));
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
      const result = await cli(['scan', 'aws', '--format', 'sarif', '--output', file], scanEnv());
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
    '--format table lists the failing findings worst first, a critical one among them, without colour when not on a terminal',
    async () => {
      const result = await cli(['scan', 'aws', '--format', 'table'], scanEnv());
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
    'exits 0 when every selected check passes; --format csv gives the contract fields as header and one record per finding',
    async () => {
      const result = await cli(['scan', 'aws', '--format', 'csv', '--checks', 'aws-iam-root-access-key,aws-s3-bucket-public-acl'], scanEnv());
      expectExit(result, 0);
      const [header, ...records] = parseCsv(result.stdout);
      expect(header).toEqual([...CONTRACT_FIELDS]);
      // The root account, and both buckets (public-site's public ACL is ignored: the account blocks public ACLs).
      expect(records.map((r) => `${r[0]} ${r[3]}`).sort()).toEqual([
        `aws-iam-root-access-key arn:aws:iam::${ACCOUNT_ID}:root`,
        'aws-s3-bucket-public-acl arn:aws:s3:::locked-down',
        'aws-s3-bucket-public-acl arn:aws:s3:::public-site',
      ]);
      for (const record of records) {
        expect(record).toHaveLength(CONTRACT_FIELDS.length);
        expect(record[CONTRACT_FIELDS.indexOf('status')]).toBe('pass');
        expect(record[CONTRACT_FIELDS.indexOf('provider')]).toBe('aws');
      }
      expect(result.stderr).toMatch(/ 0 failing/);
      expect(result.stdout).not.toMatch(/^(collect|evaluate): /m);
    },
    TIMEOUT,
  );

  it(
    'exits 1 with a clear message and no stack trace when AWS rejects the keys',
    async () => {
      const result = await cli(['scan', 'aws', '--format', 'json'], scanEnv(fake, { AWS_ACCESS_KEY_ID: REJECTED_KEY_ID }));
      expectExit(result, 1);
      expect(result.stderr).toMatch(/^cloudsentinel: The AWS credentials are invalid \(InvalidClientTokenId\b/m);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toMatch(STACK_FRAME);
      expect(result.stderr).not.toContain(SECRET);
      expect(result.stderr).not.toMatch(PROGRESS_LINE);
    },
    TIMEOUT,
  );

  it(
    'AccessDenied on KMS: the scan completes (exit 3, partial) with the KMS checks unknown and the AccessDenied reason',
    async () => {
      const denied = await startFakeAws(smallAccount(), { faults: { accessDenied: ['kms'] } });
      try {
        const result = await cli(['scan', 'aws', '--format', 'json'], scanEnv(denied));
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
      const result = await cli(['checks', 'list', '--provider', 'aws', '--format', 'json'], baseEnv(unusedDataDir));
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
