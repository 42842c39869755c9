/**
 * The AWS scanner: credentials → clients → collect exactly the parts the selected checks need →
 * evaluate → report. A part that could not be collected makes its checks `unknown` and the scan
 * `partial`; only failing to learn who we are (bad or missing credentials) stops the scan.
 */
import { awsChecks } from '../../registry.js';
import { evaluateChecks, neededParts, selectChecks } from '../../engine.js';
import type { ProviderScanner, ScanOptions, ScanOutcome } from '../../scanner.js';
import { DEFAULT_SETTINGS } from '../../types.js';
import { createAwsClients, type AwsClientOptions } from './clients.js';
import { collectAws } from './collect.js';
import { awsCredentialsFrom, awsPrincipalOf } from './credentials.js';
import { bucketKey, PROVIDER_RATE_LIMITS, type SharedRateLimiter } from '../../../integrations/rate-limits.js';
import { VERSION as TOOL_VERSION } from '../../../version.js';

export interface AwsScannerOptions extends Omit<AwsClientOptions, 'credentials' | 'region' | 'rateLimit'> {
  defaultRegion: string;
  /** The request budget shared by every worker (servers); the CLI scans without one. */
  rateLimiter?: SharedRateLimiter;
}

/** The client option that draws each call from the account's shared per-region budget. */
export function awsRateLimit(limiter: SharedRateLimiter | undefined, stored: Record<string, unknown> | null): Pick<AwsClientOptions, 'rateLimit'> {
  if (!limiter) return {};
  const principal = awsPrincipalOf(stored);
  return { rateLimit: (region) => limiter.acquire(bucketKey('aws', principal, region), PROVIDER_RATE_LIMITS.aws) };
}

export function createAwsScanner(options: AwsScannerOptions): ProviderScanner {
  return {
    provider: 'aws',
    checks: awsChecks,
    async scan(scan: ScanOptions): Promise<ScanOutcome> {
      const clock = scan.now ?? (() => new Date());
      const startedAt = clock().toISOString();
      const checks = selectChecks(awsChecks, scan.checks);
      const { defaultRegion, rateLimiter, ...clientOptions } = options;
      const { credentials, region } = awsCredentialsFrom(scan.credentials, defaultRegion);
      const clients = createAwsClients({ ...clientOptions, ...awsRateLimit(rateLimiter, scan.credentials), credentials, region: region ?? defaultRegion });
      const warnings: string[] = [];
      try {
        const snapshot = await collectAws({
          parts: neededParts(checks),
          regions: scan.regions,
          clients,
          onProgress: (done, total) => scan.onProgress?.({ phase: 'collect', done, total }),
          onWarning: (message) => warnings.push(message),
        });
        scan.onProgress?.({ phase: 'evaluate', done: 0, total: checks.length });
        const evaluation = evaluateChecks(checks, snapshot, scan.settings ?? DEFAULT_SETTINGS, clock(), {
          scopeId: `arn:${snapshot.partition}:iam::${snapshot.accountId}:root`,
        });
        scan.onProgress?.({ phase: 'evaluate', done: checks.length, total: checks.length });
        return {
          report: {
            scan: {
              id: scan.scanId ?? null,
              provider: 'aws',
              accountId: snapshot.accountId,
              startedAt,
              finishedAt: clock().toISOString(),
              status: evaluation.incompleteChecks.length > 0 || warnings.length > 0 ? 'partial' : 'complete',
              regions: snapshot.regions,
              checks: checks.length,
              toolVersion: TOOL_VERSION,
              errors: warnings,
            },
            findings: evaluation.findings,
            checks: checks.map((check) => check.meta),
          },
          incompleteChecks: evaluation.incompleteChecks,
          resources: new Set(evaluation.findings.map((f) => f.resourceId)).size,
          apiCalls: { calls: clients.stats.calls, retries: clients.stats.retries, throttled: clients.stats.throttled },
        };
      } finally {
        clients.destroy();
      }
    },
  };
}
