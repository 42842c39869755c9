/**
 * `cloudsentinel scan gcp` as users run it: the real program in child processes, the real Google
 * client libraries, and the HTTPS fake of Google's APIs in this process, reached through
 * STORAGE_EMULATOR_HOST and GCP_API_ENDPOINT with a GOOGLE_APPLICATION_CREDENTIALS key file whose
 * token_uri is the fake's. No database is opened.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gcpChecks } from '../src/scanning/registry.js';
import { makeServiceAccountKey } from './fakes/gcp.js';
import { startFakeGcpApis, type FakeGcpApis } from './fakes/gcp-apis.js';
import { GCP_DEV_PROJECT, GCP_ORGANIZATION, GCP_PROJECT, gcpWorld, SCANNER_EMAIL } from './fakes/gcp-world.js';
import { baseEnv, makeTempDir, runCli, type ChildEnv, type CliResult } from './helpers/cli.js';

const TIMEOUT = 60_000;
/** The CA that signs the fake's certificate (vitest.config.ts gives it to this process the same way). */
const TEST_CA = fileURLToPath(new URL('./fixtures/tls/ca.pem', import.meta.url));
const STACK_FRAME = /^\s+at\s/m;
const CONTRACT_FIELDS = ['checkId', 'provider', 'service', 'resourceId', 'resourceType', 'region', 'status', 'severity', 'riskScore', 'title', 'statusDetail', 'remediation', 'compliance', 'fingerprint'];
/** `gs://bucket` or a full resource name `//<service>.googleapis.com/projects/P/...`. */
const GCP_RESOURCE = /^(gs:\/\/[a-z0-9._-]+|\/\/[a-z]+\.googleapis\.com\/projects\/[a-z0-9-]+(\/.+)?)$/;

interface JsonReport {
  scan: { id: string | null; provider: string; accountId: string; status: string; checks: number; errors: string[] };
  findings: Array<Record<string, unknown> & { checkId: string; resourceId: string; status: string; region: string; compliance: Record<string, unknown> }>;
}

const work = makeTempDir('cli-scan-gcp');
const unusedDataDir = join(work.path, 'unused');
/** A home directory without gcloud's application default credentials, whatever the developer's own has. */
const emptyHome = join(work.path, 'home');
let fake: FakeGcpApis;
let keyFile: string;
const readKey = () => readFileSync(keyFile, 'utf8');
/** A TCP port nothing listens on: a metadata server that refuses connections. */
let closedPort: number;
/** Accepts connections and never answers: a metadata address that drops packets, as off Google Cloud. */
let tarpit: Server;
const tarpitSockets = new Set<Socket>();

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

beforeAll(async () => {
  const made = makeServiceAccountKey(GCP_PROJECT, SCANNER_EMAIL, 'https://placeholder/token');
  fake = await startFakeGcpApis(gcpWorld({ email: SCANNER_EMAIL, publicKey: made.publicKey }));
  keyFile = join(work.path, 'key.json');
  writeFileSync(keyFile, JSON.stringify({ ...made.key, token_uri: fake.tokenUri }), { mode: 0o600 });
  mkdirSync(emptyHome);
  const closed = createServer();
  closedPort = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
  tarpit = createServer((socket) => {
    tarpitSockets.add(socket);
    socket.on('close', () => tarpitSockets.delete(socket));
  });
  await listen(tarpit);
});

afterAll(async () => {
  await fake?.close();
  for (const socket of tarpitSockets) socket.destroy();
  await new Promise((resolve) => (tarpit ? tarpit.close(resolve) : resolve(undefined)));
  work.remove();
});

/** A CI job scanning with a key file; the child trusts the fake's test CA like this process does. */
function scanEnv(extra: ChildEnv = {}): ChildEnv {
  return {
    ...baseEnv(unusedDataDir),
    NODE_EXTRA_CA_CERTS: TEST_CA,
    STORAGE_EMULATOR_HOST: fake.url,
    GCP_API_ENDPOINT: fake.url,
    GOOGLE_APPLICATION_CREDENTIALS: keyFile,
    ...extra,
  };
}

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

describe.concurrent('cloudsentinel scan gcp against the fake Google APIs', () => {
  it(
    '--format json: every GCP check over the key\'s project, findings in the contract shape, exit 3 for failures',
    async () => {
      const result = await runCli(['scan', 'gcp', '--format', 'json'], scanEnv());
      expectExit(result, 3);
      expect(result.stderr).not.toMatch(STACK_FRAME);
      expect(result.stderr).toMatch(/Scan complete in [\d.]+ s \(\d+ API calls\): \d+ results, \d+ failing/);
      const report = parseReport(result);
      expect(report.scan).toMatchObject({ id: null, provider: 'gcp', accountId: GCP_PROJECT, status: 'complete', checks: gcpChecks.length, errors: [] });
      expect(new Set(report.findings.map((f) => f.checkId))).toEqual(new Set(gcpChecks.map((c) => c.meta.id)));
      for (const finding of report.findings) {
        expect(Object.keys(finding).sort()).toEqual([...CONTRACT_FIELDS].sort());
        expect(finding.provider).toBe('gcp');
        expect(finding.resourceId).toMatch(GCP_RESOURCE);
        expect(finding.region).toMatch(/^(global|[a-z]+(-[a-z]+\d?)?)$/);
      }
      expect(report.findings.find((f) => f.checkId === 'gcp-storage-bucket-public-access' && f.resourceId === 'gs://acme-public-site')).toMatchObject({ status: 'fail', severity: 'critical', compliance: { 'cis-gcp-3.0': ['5.1'] } });
      expect(existsSync(unusedDataDir)).toBe(false);
      expect(result.stdout + result.stderr).not.toContain('PRIVATE KEY');
    },
    TIMEOUT,
  );

  it(
    '--organization scans every active project under it; --checks limits the checks',
    async () => {
      const result = await runCli(['scan', 'gcp', '--organization', GCP_ORGANIZATION, '--checks', 'gcp-network-default-network,gcp-sql-instance-public-ip', '--format', 'json'], scanEnv());
      expectExit(result, 3);
      const report = parseReport(result);
      expect(report.scan).toMatchObject({ accountId: `${GCP_DEV_PROJECT},${GCP_PROJECT}`, checks: 2 });
      expect(report.findings.filter((f) => f.checkId === 'gcp-network-default-network').map((f) => [f.resourceId, f.status])).toEqual([
        [`//cloudresourcemanager.googleapis.com/projects/${GCP_DEV_PROJECT}`, 'pass'],
        [`//compute.googleapis.com/projects/${GCP_PROJECT}/global/networks/default`, 'fail'],
      ]);
    },
    TIMEOUT,
  );

  it(
    'without credentials and with emulator endpoints: requests go out unauthenticated at once (no metadata-server probe); a refusal is an unknown result',
    async () => {
      const started = Date.now();
      const result = await runCli(['scan', 'gcp', '--project', GCP_PROJECT, '--checks', 'gcp-network-default-network', '--format', 'json'], scanEnv({ GOOGLE_APPLICATION_CREDENTIALS: '', HOME: emptyHome }));
      // The fake, like Google, refuses a request without a token: the check is unknown with the reason, exit 0.
      expectExit(result, 0);
      expect(result.stderr).not.toMatch(STACK_FRAME);
      const report = parseReport(result);
      expect(report.scan).toMatchObject({ accountId: GCP_PROJECT, status: 'partial' });
      expect(report.findings.map((f) => f.status)).toEqual(['unknown']);
      expect(report.findings[0]?.statusDetail).toMatch(/HTTP 401/);
      expect(Date.now() - started).toBeLessThan(TIMEOUT);
    },
    TIMEOUT,
  );

  it(
    'uses gcloud\'s application default credentials file (CLOUDSDK_CONFIG) when GOOGLE_APPLICATION_CREDENTIALS is not set, before going unauthenticated to an emulator',
    async () => {
      const gcloudDir = join(work.path, 'gcloud-config');
      mkdirSync(gcloudDir, { recursive: true });
      writeFileSync(join(gcloudDir, 'application_default_credentials.json'), readKey(), { mode: 0o600 });
      const result = await runCli(['scan', 'gcp', '--checks', 'gcp-storage-bucket-public-access', '--format', 'json'], scanEnv({ GOOGLE_APPLICATION_CREDENTIALS: '', HOME: emptyHome, CLOUDSDK_CONFIG: gcloudDir }));
      expectExit(result, 3);
      const report = parseReport(result);
      expect(report.scan).toMatchObject({ accountId: GCP_PROJECT, status: 'complete' });
      expect(report.findings.map((f) => f.status).sort()).toEqual(['fail', 'pass', 'pass']);
    },
    TIMEOUT,
  );
});

/** The CLI on a machine with no Google credentials at all, and no emulator: nothing reaches Google (or any network). */
function noCredentialsEnv(metadataHost: string): ChildEnv {
  return { ...baseEnv(unusedDataDir), HOME: emptyHome, GCE_METADATA_HOST: metadataHost };
}

// One at a time: the elapsed times are the point, and concurrent children on a busy machine blur them.
describe('cloudsentinel scan gcp without any credentials', () => {
  it(
    'stops at once when the metadata server refuses the connection: exit 1, what was looked for and how to fix it',
    async () => {
      const started = Date.now();
      const result = await runCli(['scan', 'gcp', '--project', GCP_PROJECT, '--format', 'json'], noCredentialsEnv(`127.0.0.1:${closedPort}`), { timeoutMs: 50_000 });
      expectExit(result, 1);
      // Most of it is starting the program (tsx); the credentials part is one refused connection.
      expect(Date.now() - started).toBeLessThan(25_000);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toMatch(STACK_FRAME);
      expect(result.stderr).toMatch(/No Google Cloud credentials found: GOOGLE_APPLICATION_CREDENTIALS is not set; there is no .*home.*application_default_credentials\.json/);
      expect(result.stderr).toContain(`the metadata server at 127.0.0.1:${closedPort} did not answer like one (it could not be reached (ECONNREFUSED))`);
      expect(result.stderr).toMatch(/gcloud auth application-default login/);
    },
    TIMEOUT,
  );

  it(
    'gives a metadata address that never answers 3 s, not the library\'s retries: exit 1 with the same advice',
    async () => {
      const started = Date.now();
      const result = await runCli(['scan', 'gcp', '--project', GCP_PROJECT], noCredentialsEnv(`127.0.0.1:${(tarpit.address() as { port: number }).port}`), { timeoutMs: 50_000 });
      const elapsed = Date.now() - started;
      expectExit(result, 1);
      expect(elapsed).toBeGreaterThanOrEqual(3000);
      expect(elapsed).toBeLessThan(25_000);
      expect(result.stderr).not.toMatch(STACK_FRAME);
      expect(result.stderr).toMatch(/did not answer like one \(no answer within 3 s\)/);
      expect(result.stderr).toMatch(/GOOGLE_APPLICATION_CREDENTIALS/);
    },
    TIMEOUT,
  );
});
