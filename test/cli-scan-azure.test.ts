/**
 * `cloudsentinel scan azure` as users run it: the real program in a child process, the real Azure
 * SDKs with the ambient identity (DefaultAzureCredential reading AZURE_TENANT_ID / AZURE_CLIENT_ID /
 * AZURE_CLIENT_SECRET), and the fake Entra ID + Resource Manager of this process reached through
 * AZURE_AUTHORITY_HOST and AZURE_RESOURCE_MANAGER_ENDPOINT over HTTPS (the child trusts the test CA
 * through NODE_EXTRA_CA_CERTS). No database is involved.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { azureChecks } from '../src/scanning/registry.js';
import { startFakeArm, type FakeArm } from './fakes/azure-arm.js';
import { CLIENT, SUB_A, SUB_B, TENANT, smallEstate } from './fakes/azure-arm-world.js';
import { baseEnv, makeTempDir, runCli, type ChildEnv, type CliResult } from './helpers/cli.js';

const SECRET = `azure-cli-secret-${randomBytes(12).toString('hex')}`;
/** A child costs a few seconds of CPU, most of it loading the program; three run at once. */
const TIMEOUT = 90_000;
const STACK_FRAME = /^\s+at\s/m;
/** The CA that signs the fake's certificate (vitest.config.ts gives it to the test workers the same way). */
const TEST_CA = fileURLToPath(new URL('./fixtures/tls/ca.pem', import.meta.url));

interface JsonReport {
  scan: { provider: string; accountId: string; status: string; regions: string[]; checks: number };
  findings: Array<{ checkId: string; provider: string; resourceId: string; status: string; severity: string; compliance: Record<string, string[]>; fingerprint: string; remediation: string }>;
}

const work = makeTempDir('cli-scan-azure');
let fake: FakeArm;

beforeAll(async () => {
  fake = await startFakeArm(smallEstate(SECRET));
});

afterAll(async () => {
  await fake?.close();
  work.remove();
});

function azureEnv(extra: ChildEnv = {}): ChildEnv {
  return {
    ...baseEnv(join(work.path, 'unused')),
    NODE_EXTRA_CA_CERTS: TEST_CA,
    AZURE_RESOURCE_MANAGER_ENDPOINT: fake.url,
    AZURE_AUTHORITY_HOST: fake.url,
    AZURE_DISABLE_INSTANCE_DISCOVERY: 'true',
    AZURE_TENANT_ID: TENANT,
    AZURE_CLIENT_ID: CLIENT,
    AZURE_CLIENT_SECRET: SECRET,
    ...extra,
  };
}

function parse(result: CliResult): JsonReport {
  try {
    return JSON.parse(result.stdout) as JsonReport;
  } catch {
    throw new Error(`stdout is not JSON:\n${result.stdout.slice(0, 2000)}\nstderr:\n${result.stderr}`);
  }
}

describe.concurrent('cloudsentinel scan azure against the fake Resource Manager', () => {
  it('scans every enabled subscription the ambient identity sees and prints the findings as JSON, exit 3', async () => {
    const result = await runCli(['scan', 'azure', '--format', 'json'], azureEnv(), { timeoutMs: TIMEOUT - 5000 });
    expect(result.code, result.stderr).toBe(3);
    const report = parse(result);
    expect(report.scan).toMatchObject({ provider: 'azure', accountId: `${SUB_A},${SUB_B}`, status: 'complete', checks: azureChecks.length });
    expect(report.scan.regions).toEqual(['eastus', 'northeurope', 'westeurope']);
    expect(new Set(report.findings.map((f) => f.checkId))).toEqual(new Set(azureChecks.map((c) => c.meta.id)));
    const critical = report.findings.find((f) => f.checkId === 'azure-sql-firewall-allows-all-ips' && f.status === 'fail');
    expect(critical).toMatchObject({ provider: 'azure', severity: 'critical', compliance: { 'cis-azure-3.0': ['5.1.2'] } });
    expect(critical?.resourceId).toMatch(/^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/rg-db\/providers\/Microsoft\.Sql\/servers\/sql-bad$/);
    expect(critical?.remediation).toMatch(/CLI: az sql server firewall-rule delete/);
    expect(result.stderr).toMatch(/Scan complete in .* \(\d+ API calls\)/);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  }, TIMEOUT);

  it('--subscription limits the scan to the named subscription', async () => {
    const result = await runCli(['scan', 'azure', '--format', 'json', '--subscription', SUB_B, '--checks', 'azure-defender-plans-off'], azureEnv(), { timeoutMs: TIMEOUT - 5000 });
    expect(result.code, result.stderr).toBe(3);
    const report = parse(result);
    expect(report.scan.accountId).toBe(SUB_B);
    expect(report.findings.every((f) => f.resourceId.startsWith(`/subscriptions/${SUB_B}/`))).toBe(true);
  }, TIMEOUT);

  it('exits 1 with an actionable message, no stack trace and no secret, when Entra ID rejects the secret', async () => {
    const wrong = `wrong-${randomBytes(8).toString('hex')}`;
    const result = await runCli(['scan', 'azure', '--format', 'json'], azureEnv({ AZURE_CLIENT_SECRET: wrong }), { timeoutMs: TIMEOUT - 5000 });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/Could not get an Azure Resource Manager token/);
    expect(result.stderr).toMatch(/az login|AZURE_CLIENT_SECRET/);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stderr).not.toContain(wrong);
  }, TIMEOUT);
});
