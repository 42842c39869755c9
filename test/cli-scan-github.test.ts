/**
 * `cloudsentinel scan github --org NAME` and `checks list --provider github` as users run them: the
 * real program in a child process, the real Octokit, the token from GITHUB_TOKEN, and the fake GitHub
 * API in this process reached through GITHUB_API_URL.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubChecks } from '../src/scanning/registry.js';
import { startFakeGitHubApi, type FakeGitHubApi } from './fakes/github-api.js';
import { baseEnv, makeTempDir, runCli, type ChildEnv, type CliResult } from './helpers/cli.js';
import { acmeWorld } from './scanning/github/world.js';

const TIMEOUT = 60_000;
const TOKEN = `ghp_${randomBytes(18).toString('hex')}`;
const CONTRACT_FIELDS = ['checkId', 'provider', 'service', 'resourceId', 'resourceType', 'region', 'status', 'severity', 'riskScore', 'title', 'statusDetail', 'remediation', 'compliance', 'fingerprint'];

interface JsonReport {
  scan: { provider: string; accountId: string; status: string; checks: number };
  findings: Array<Record<string, unknown> & { checkId: string; resourceId: string; status: string }>;
}

const work = makeTempDir('cli-scan-github');
let fake: FakeGitHubApi;

beforeAll(async () => {
  fake = await startFakeGitHubApi(acmeWorld(TOKEN));
});

afterAll(async () => {
  await fake?.close();
  work.remove();
});

function githubEnv(extra: ChildEnv = {}): ChildEnv {
  return { ...baseEnv(join(work.path, 'unused')), GITHUB_API_URL: fake.url, GITHUB_TOKEN: TOKEN, GITHUB_PUBLIC_REPOSITORIES_ALLOWLIST: 'acme/docs', ...extra };
}

function expectExit(result: CliResult, code: number): void {
  expect(result.code, `exit status; stdout:\n${result.stdout.slice(0, 3000)}\nstderr:\n${result.stderr}`).toBe(code);
}

describe('cloudsentinel scan github', () => {
  it(
    'scans the organization with GITHUB_TOKEN and prints the findings as JSON, exit 3 for failing findings',
    async () => {
      const [scan, listed] = await Promise.all([
        runCli(['scan', 'github', '--org', 'acme', '--format', 'json'], githubEnv()),
        runCli(['checks', 'list', '--provider', 'github', '--format', 'json'], githubEnv()),
      ]);
      expectExit(scan, 3);
      const report = JSON.parse(scan.stdout) as JsonReport;
      expect(report.scan).toMatchObject({ provider: 'github', accountId: 'acme', status: 'partial', checks: githubChecks.length });
      for (const finding of report.findings) {
        for (const field of CONTRACT_FIELDS) expect(finding, field).toHaveProperty(field);
        expect(finding.resourceId).toMatch(/^(org\/acme|acme\/[\w-]+)$/);
        expect(finding.region).toBe('global');
      }
      const status = (checkId: string, resourceId: string) => report.findings.find((f) => f.checkId === checkId && f.resourceId === resourceId)?.status;
      expect(status('github-org-2fa-not-required', 'org/acme')).toBe('fail');
      expect(status('github-repo-public-not-allowlisted', 'acme/web')).toBe('fail');
      expect(status('github-repo-public-not-allowlisted', 'acme/docs')).toBe('pass');
      expect(status('github-repo-default-branch-unprotected', 'acme/infra')).toBe('unknown');
      // One process, one scan: nothing is in the ETag cache yet, so no call is answered 304.
      expect(scan.stderr).toMatch(/Scan partial .* \(\d+ API calls, 0 not modified\)/);
      expect(scan.stdout + scan.stderr).not.toContain(TOKEN);

      expectExit(listed, 0);
      const ids = (JSON.parse(listed.stdout) as Array<{ id: string }>).map((c) => c.id);
      expect(ids).toEqual(githubChecks.map((c) => c.meta.id));
    },
    TIMEOUT,
  );

  it(
    'fails with exit 1 and a clear message when GitHub rejects the token, never printing it',
    async () => {
      const wrong = `ghp_${randomBytes(18).toString('hex')}`;
      const result = await runCli(['scan', 'github', '--org', 'acme', '--format', 'json'], githubEnv({ GITHUB_TOKEN: wrong }));
      expectExit(result, 1);
      expect(result.stderr).toMatch(/GitHub rejected the credentials/);
      expect(result.stdout + result.stderr).not.toContain(wrong);
      expect(result.stderr).not.toMatch(/^\s+at\s/m);
    },
    TIMEOUT,
  );
});
