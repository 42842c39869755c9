/**
 * Connection tests for the API: a real provider call where CloudSentinel has one (AWS: STS
 * GetCallerIdentity), `unknown` with the reason where it does not yet (Azure, GCP, GitHub). A stored
 * integration's result is kept on its row and reused for 5 minutes (the guide's health cache), so
 * every server and worker shares it and a burst of status checks costs the provider one call.
 */
import type { Config, Provider } from '../config.js';
import { testIntegration } from '../integrations/test-connection.js';
import type { ConnectionTest, FailureClass } from '../scanning/connection.js';
import { testAwsConnection } from '../scanning/providers/aws/connection.js';
import { appendAudit } from '../store/audit.js';
import type { Keyring } from '../store/crypto.js';
import type { Db } from '../store/db.js';
import { updateIntegration, type PublicIntegration } from '../store/integrations.js';
import type { IntegrationHealth } from '../store/schema.js';
import { PLATFORM_LABELS } from './evidence-types.js';

export const HEALTH_CACHE_MS = 5 * 60_000;

/** Providers whose connection test is a real call in this build. */
export const TESTABLE_PROVIDERS: ReadonlySet<Provider> = new Set<Provider>(['aws']);

/** A test result as stored on the integration, with what kind of failure it was. */
export type TestResult = IntegrationHealth & { failure: FailureClass | null };

function notAvailable(provider: Provider, now: Date): TestResult {
  return {
    status: 'unknown',
    responseTimeMs: null,
    errorMessage: `Connection tests for ${PLATFORM_LABELS[provider]} are not available in this version of CloudSentinel yet; the credentials were checked for their shape only.`,
    failure: null,
    checkedAt: now.toISOString(),
    metadata: {},
  };
}

function resultOf(test: ConnectionTest): TestResult {
  return { status: test.status, responseTimeMs: test.responseTimeMs, errorMessage: test.errorMessage, failure: test.failure, checkedAt: test.checkedAt, metadata: test.metadata };
}

export function healthOf(result: TestResult): IntegrationHealth {
  const { failure: _failure, ...health } = result;
  return health;
}

/** Tests credentials that are not stored yet (connect with test_connection). */
export async function testCredentials(provider: Provider, credentials: Record<string, unknown>, aws: Config['aws'], now: Date): Promise<TestResult> {
  if (provider === 'aws') return resultOf(await testAwsConnection(credentials, { defaultRegion: aws.defaultRegion, endpointOverridden: aws.endpointOverridden }));
  return notAvailable(provider, now);
}

export interface HealthDeps {
  db: Db;
  keyring: Keyring;
  config: Pick<Config, 'aws'>;
  clock: () => Date;
}

/** The integration's health: the stored result when younger than 5 minutes, a fresh test (recorded and audited) otherwise. */
export async function integrationHealth(deps: HealthDeps, integration: PublicIntegration, actor: string): Promise<{ health: IntegrationHealth; cached: boolean }> {
  const now = deps.clock();
  const stored = integration.health;
  if (stored && now.getTime() - Date.parse(stored.checkedAt) < HEALTH_CACHE_MS) return { health: stored, cached: true };
  if (TESTABLE_PROVIDERS.has(integration.provider)) {
    return { health: healthOf(resultOf(await testIntegration(deps.db, deps.keyring, deps.config, integration, actor))), cached: false };
  }
  const health = healthOf(notAvailable(integration.provider, now));
  await deps.db.transaction(async (tx) => {
    await updateIntegration(tx, integration.id, { health });
    await appendAudit(tx, {
      tenantId: integration.tenantId,
      actor,
      action: 'integration.test',
      targetType: 'integration',
      targetId: integration.id,
      details: { status: health.status, error: health.errorMessage },
    });
  });
  return { health, cached: false };
}
