/**
 * Tests a stored integration's credentials against its provider and records the result as the
 * integration's health (and in the audit log). Shared by the CLI and the REST API.
 */
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { ConnectionTest } from '../scanning/connection.js';
import type { AwsClientOptions } from '../scanning/providers/aws/clients.js';
import { testAwsConnection } from '../scanning/providers/aws/connection.js';
import { appendAudit } from '../store/audit.js';
import type { Keyring } from '../store/crypto.js';
import type { Db } from '../store/db.js';
import { readCredentials, updateIntegration, type PublicIntegration } from '../store/integrations.js';

/** Client settings beyond the environment's: an explicit endpoint and agent (tests, benchmarks). */
export interface ConnectionOverrides {
  aws?: Pick<AwsClientOptions, 'endpoint' | 'httpAgent'>;
}

export async function testIntegration(
  db: Db,
  keyring: Keyring,
  config: Pick<Config, 'aws'>,
  integration: PublicIntegration,
  actor: string,
  overrides: ConnectionOverrides = {},
): Promise<ConnectionTest> {
  if (integration.provider !== 'aws') {
    throw new AppError('PROVIDER_ERROR', `Connection tests for ${integration.provider} are not available in this version of CloudSentinel yet.`);
  }
  const credentials = await readCredentials(db, keyring, integration);
  const result = await testAwsConnection(credentials, { defaultRegion: config.aws.defaultRegion, endpointOverridden: config.aws.endpointOverridden, ...overrides.aws });
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
