/**
 * Connection tests for the API: a real provider call for every platform (AWS: STS
 * GetCallerIdentity; Azure: the subscription from Resource Manager; GCP: the project's Cloud Storage
 * buckets; GitHub: the token's user and organization, or the App installation's repositories). A
 * stored integration's result is kept on its row and reused for 5 minutes (the guide's health
 * cache), so every server and worker shares it and a burst of status checks costs the provider one call.
 */
import type { Provider } from '../config.js';
import { createSharedRateLimiter } from '../integrations/rate-limits.js';
import { testIntegration, testProviderConnection, type ConnectionConfig } from '../integrations/test-connection.js';
import type { ConnectionTest, FailureClass } from '../scanning/connection.js';
import type { Keyring } from '../store/crypto.js';
import type { Db } from '../store/db.js';
import type { PublicIntegration } from '../store/integrations.js';
import type { IntegrationHealth } from '../store/schema.js';

export const HEALTH_CACHE_MS = 5 * 60_000;

/** Providers whose connection test is a real call in this build: all of them. */
export const TESTABLE_PROVIDERS: ReadonlySet<Provider> = new Set<Provider>(['aws', 'azure', 'gcp', 'github']);

/** A test result as stored on the integration, with what kind of failure it was. */
export type TestResult = IntegrationHealth & { failure: FailureClass | null };

function resultOf(test: ConnectionTest): TestResult {
  return { status: test.status, responseTimeMs: test.responseTimeMs, errorMessage: test.errorMessage, failure: test.failure, checkedAt: test.checkedAt, metadata: test.metadata };
}

export function healthOf(result: TestResult): IntegrationHealth {
  const { failure: _failure, ...health } = result;
  return health;
}

/** Tests credentials that are not stored yet (connect with test_connection), within the provider's shared budget. */
export async function testCredentials(provider: Provider, credentials: Record<string, unknown>, deps: { db: Db; config: ConnectionConfig; clock: () => Date }): Promise<TestResult> {
  return resultOf(await testProviderConnection(provider, credentials, deps.config, createSharedRateLimiter(deps.db), { now: deps.clock }));
}

export interface HealthDeps {
  db: Db;
  keyring: Keyring;
  config: ConnectionConfig;
  clock: () => Date;
}

/** The integration's health: the stored result when younger than 5 minutes, a fresh test (recorded and audited) otherwise. */
export async function integrationHealth(deps: HealthDeps, integration: PublicIntegration, actor: string): Promise<{ health: IntegrationHealth; cached: boolean }> {
  const now = deps.clock();
  const stored = integration.health;
  if (stored && now.getTime() - Date.parse(stored.checkedAt) < HEALTH_CACHE_MS) return { health: stored, cached: true };
  return { health: healthOf(resultOf(await testIntegration(deps.db, deps.keyring, deps.config, integration, actor, { now: deps.clock }))), cached: false };
}
