/**
 * A GitHub scanner for the App's tests: a real `ProviderScanner` (injected into the service, not a
 * mocked module) that reports, per repository, the failures and unknowns the test scripts, and
 * remembers what each scan was asked to cover.
 */
import { fingerprint, remediationText } from '../../../src/scanning/engine.js';
import type { ProviderScanner, ScanOptions, ScanOutcome } from '../../../src/scanning/scanner.js';
import type { CheckMeta, CheckStatus, Finding } from '../../../src/scanning/types.js';

const meta = (id: string, title: string, severity: CheckMeta['severity']): CheckMeta => ({
  id,
  title,
  provider: 'github',
  service: 'repos',
  resourceType: 'GitHub::Repository',
  severity,
  description: title,
  risk: title,
  remediation: { text: `Fix: ${title}`, url: 'https://docs.github.com/' },
  compliance: { soc2: ['CC8.1'] },
  needs: ['repositories'],
});

export const CHECKS = {
  unprotected: meta('github-repo-default-branch-unprotected', 'Default branch is not protected', 'high'),
  secretScanning: meta('github-repo-secret-scanning-disabled', 'Secret scanning is off', 'medium'),
  codeowners: meta('github-repo-codeowners-missing', 'No CODEOWNERS for the default branch', 'low'),
};

export interface RepositoryScript {
  fail?: string[];
  unknown?: string[];
}

export class ScriptedGitHubScanner implements ProviderScanner {
  readonly provider = 'github' as const;
  readonly checks = Object.values(CHECKS).map((m) => ({ meta: m }));
  /** What each scan was given: its scope and credentials. */
  readonly calls: Array<Pick<ScanOptions, 'scope' | 'credentials' | 'scanId'>> = [];
  private readonly scripts = new Map<string, RepositoryScript>();

  constructor(private readonly allRepositories: string[]) {}

  script(repository: string, script: RepositoryScript): void {
    this.scripts.set(repository, script);
  }

  scan(options: ScanOptions): Promise<ScanOutcome> {
    this.calls.push({ scope: options.scope, credentials: options.credentials, scanId: options.scanId });
    const repositories = options.scope?.repositories ?? this.allRepositories;
    const now = new Date().toISOString();
    const findings: Finding[] = [];
    const incomplete = new Set<string>();
    for (const repository of repositories) {
      const script = this.scripts.get(repository) ?? {};
      for (const check of Object.values(CHECKS)) {
        const status: CheckStatus = script.unknown?.includes(check.id) ? 'unknown' : script.fail?.includes(check.id) ? 'fail' : 'pass';
        if (status === 'unknown') incomplete.add(check.id);
        findings.push({
          checkId: check.id,
          provider: 'github',
          service: check.service,
          resourceId: repository,
          resourceType: check.resourceType,
          region: 'global',
          status,
          severity: check.severity,
          riskScore: 5,
          title: check.title,
          statusDetail: status === 'fail' ? `${repository}: ${check.title.toLowerCase()}` : status === 'unknown' ? 'Resource not accessible by integration' : 'ok',
          remediation: remediationText(check),
          compliance: check.compliance,
          fingerprint: fingerprint(check.id, repository),
        });
      }
    }
    const checks = Object.values(CHECKS);
    return Promise.resolve({
      report: {
        scan: { id: options.scanId ?? null, provider: 'github', accountId: 'acme', startedAt: now, finishedAt: now, status: incomplete.size > 0 ? 'partial' : 'complete', regions: ['global'], checks: checks.length, toolVersion: 'test', errors: [] },
        findings,
        checks,
      },
      incompleteChecks: [...incomplete],
      resources: repositories.length,
      apiCalls: { calls: 0, retries: 0, throttled: 0 },
    });
  }
}
