/**
 * Tests a stored integration's credentials against its provider and records the result as the
 * integration's health (and in the audit log). Shared by the CLI, the REST API and the periodic
 * health check. Every provider's test is one real call (two for a GitHub organization), retried as
 * the integration guide says (scanning/connection.ts), within the provider's shared request budget.
 */
import type { Config, Provider } from '../config.js';
import type { ConnectionTest } from '../scanning/connection.js';
import type { AwsClientOptions } from '../scanning/providers/aws/clients.js';
import { testAwsConnection } from '../scanning/providers/aws/connection.js';
import { awsRateLimit } from '../scanning/providers/aws/scanner.js';
import { testAzureConnection } from '../scanning/providers/azure/connection.js';
import { testGcpConnection } from '../scanning/providers/gcp/connection.js';
import { testGitHubConnection } from '../scanning/providers/github/connection.js';
import { appendAudit } from '../store/audit.js';
import type { Keyring } from '../store/crypto.js';
import type { Db } from '../store/db.js';
import { readCredentials, updateIntegration, type PublicIntegration } from '../store/integrations.js';
import { bucketKey, createSharedRateLimiter, PROVIDER_RATE_LIMITS, type SharedRateLimiter } from './rate-limits.js';

/** The configuration a connection test reads: each provider's endpoints (and the GitHub App). */
export type ConnectionConfig = Pick<Config, 'aws' | 'azure' | 'gcp' | 'github'>;

/** Client settings beyond the environment's: an explicit endpoint and agent (tests, benchmarks), the retry pace, the clock. */
export interface ConnectionOverrides {
  aws?: Pick<AwsClientOptions, 'endpoint' | 'httpAgent'>;
  /** The backoff base of the retries (default 1 s). */
  retryBaseDelayMs?: number;
  now?: () => Date;
}

/** Tests one provider's credentials (stored or not), spending from the provider's shared budget when a limiter is given. */
export async function testProviderConnection(
  provider: Provider,
  credentials: Record<string, unknown> | null,
  config: ConnectionConfig,
  limiter: SharedRateLimiter | undefined,
  overrides: ConnectionOverrides = {},
): Promise<ConnectionTest> {
  const common = {
    ...(overrides.retryBaseDelayMs === undefined ? {} : { retryBaseDelayMs: overrides.retryBaseDelayMs }),
    ...(overrides.now ? { now: overrides.now } : {}),
  };
  // The budgets are per subscription, project and token: the bucket is named after that principal.
  const budget = (principal: unknown) =>
    limiter && typeof principal === 'string' && principal ? { rateLimit: () => limiter.acquire(bucketKey(provider, principal), PROVIDER_RATE_LIMITS[provider]) } : {};
  switch (provider) {
    case 'aws':
      return testAwsConnection(credentials, {
        defaultRegion: config.aws.defaultRegion,
        endpointOverridden: config.aws.endpointOverridden,
        ...common,
        ...awsRateLimit(limiter, credentials),
        ...overrides.aws,
      });
    case 'azure':
      return testAzureConnection(credentials, { endpoints: config.azure, ...common, ...budget(credentials?.subscription_id) });
    case 'gcp':
      return testGcpConnection(credentials, { endpoints: config.gcp, ...common, ...budget(credentials?.project_id) });
    case 'github': {
      const installation = credentials?.installation_id;
      const principal = typeof credentials?.token === 'string' ? credentials.token : typeof installation === 'number' || typeof installation === 'string' ? `installation:${installation}` : undefined;
      return testGitHubConnection(credentials, { baseUrl: config.github.apiUrl, app: config.github.app, ...common, ...budget(principal) });
    }
  }
}

export async function testIntegration(
  db: Db,
  keyring: Keyring,
  config: ConnectionConfig,
  integration: PublicIntegration,
  actor: string,
  overrides: ConnectionOverrides = {},
): Promise<ConnectionTest> {
  const credentials = await readCredentials(db, keyring, integration);
  const result = await testProviderConnection(integration.provider, credentials, config, createSharedRateLimiter(db), overrides);
  await db.transaction(async (tx) => {
    await updateIntegration(tx, integration.id, {
      health: { status: result.status, responseTimeMs: result.responseTimeMs, errorMessage: result.errorMessage, checkedAt: result.checkedAt, metadata: result.metadata },
      status: result.status === 'unhealthy' ? 'error' : 'connected',
    });
    await appendAudit(tx, {
      tenantId: integration.tenantId,
      actor,
      action: 'integration.test',
      targetType: 'integration',
      targetId: integration.id,
      outcome: result.status === 'unhealthy' ? 'failure' : 'success',
      details: { status: result.status, failure: result.failure, error: result.errorMessage, responseTimeMs: result.responseTimeMs },
    });
  });
  return result;
}
