/**
 * The Azure scanner: credentials → clients → for each subscription, collect exactly the parts the
 * selected checks need → evaluate → report. A part that could not be collected makes its checks
 * `unknown` and the scan `partial`; only getting no token, or finding no subscription to scan,
 * stops the scan.
 *
 * Which subscriptions: `scope.subscriptions` when given (the CLI's --subscription), else a stored
 * integration's subscription_id, else every enabled subscription the ambient identity can see.
 */
import type { AzureConfig } from '../../../config.js';
import { parseCredentials } from '../../../integrations/credentials.js';
import { bucketKey, PROVIDER_RATE_LIMITS, type SharedRateLimiter } from '../../../integrations/rate-limits.js';
import { evaluateChecks, neededParts, selectChecks } from '../../engine.js';
import { azureChecks } from '../../registry.js';
import type { ProviderScanner, ScanOptions, ScanOutcome } from '../../scanner.js';
import { DEFAULT_SETTINGS } from '../../types.js';
import { createAzureClients, type AzureRetryOptions, type AzureServicePrincipal } from './clients.js';
import { collectAzure } from './collect.js';
import { VERSION as TOOL_VERSION } from '../../../version.js';


export interface AzureScannerOptions {
  endpoints: AzureConfig;
  /** The request budget shared by every worker (servers); the CLI scans without one. */
  rateLimiter?: SharedRateLimiter;
  /** SDK retries per request (throttling waits for Retry-After). Default: 6 retries, 1 s base backoff. */
  retry?: AzureRetryOptions;
  /** Resource Manager calls in flight at once. Default 16. */
  maxConcurrentCalls?: number;
}

/** Scans keep trying a throttled subscription longer than the SDK's default three retries. */
const SCAN_RETRY: AzureRetryOptions = { maxRetries: 6, retryDelayInMs: 1000, maxRetryDelayInMs: 30_000 };

interface ResolvedCredentials {
  principal: AzureServicePrincipal | null;
  /** The integration's subscription, when stored credentials name one. */
  subscriptionId: string | null;
}

function credentialsFrom(stored: Record<string, unknown> | null): ResolvedCredentials {
  if (!stored) return { principal: null, subscriptionId: null };
  const parsed = parseCredentials('azure', stored);
  return { principal: { tenantId: parsed.tenant_id, clientId: parsed.client_id, clientSecret: parsed.client_secret }, subscriptionId: parsed.subscription_id };
}

export function createAzureScanner(options: AzureScannerOptions): ProviderScanner {
  return {
    provider: 'azure',
    checks: azureChecks,
    async scan(scan: ScanOptions): Promise<ScanOutcome> {
      const clock = scan.now ?? (() => new Date());
      const startedAt = clock().toISOString();
      const checks = selectChecks(azureChecks, scan.checks);
      const { principal, subscriptionId } = credentialsFrom(scan.credentials);
      const limiter = options.rateLimiter;
      const clients = createAzureClients({
        principal,
        endpoints: options.endpoints,
        retry: options.retry ?? SCAN_RETRY,
        ...(options.maxConcurrentCalls === undefined ? {} : { maxConcurrentCalls: options.maxConcurrentCalls }),
        // The budget is per subscription, the same bucket the connection test draws from.
        ...(limiter ? { rateLimit: (subscription: string | null) => limiter.acquire(bucketKey('azure', subscription ?? subscriptionId ?? 'tenant'), PROVIDER_RATE_LIMITS.azure) } : {}),
      });
      const named = scan.scope?.subscriptions?.length ? scan.scope.subscriptions : subscriptionId ? [subscriptionId] : undefined;
      const snapshot = await collectAzure({
        parts: neededParts(checks),
        ...(named ? { subscriptions: named } : {}),
        clients,
        onProgress: (done, total) => scan.onProgress?.({ phase: 'collect', done, total }),
      });
      const ids = snapshot.subscriptions.map((s) => s.subscriptionId);
      scan.onProgress?.({ phase: 'evaluate', done: 0, total: checks.length });
      const evaluation = evaluateChecks(checks, snapshot, scan.settings ?? DEFAULT_SETTINGS, clock(), { scopeId: `/subscriptions/${ids[0] ?? ''}` });
      scan.onProgress?.({ phase: 'evaluate', done: checks.length, total: checks.length });
      const regions = [...new Set(evaluation.findings.map((f) => f.region).filter((region) => region !== 'global'))].sort();
      return {
        report: {
          scan: {
            id: scan.scanId ?? null,
            provider: 'azure',
            accountId: ids.join(','),
            startedAt,
            finishedAt: clock().toISOString(),
            status: evaluation.incompleteChecks.length > 0 ? 'partial' : 'complete',
            regions,
            checks: checks.length,
            toolVersion: TOOL_VERSION,
            errors: [],
          },
          findings: evaluation.findings,
          checks: checks.map((check) => check.meta),
        },
        incompleteChecks: evaluation.incompleteChecks,
        resources: new Set(evaluation.findings.map((f) => f.resourceId)).size,
        apiCalls: { calls: clients.stats.calls, retries: clients.stats.retries, throttled: clients.stats.throttled },
      };
    },
  };
}
