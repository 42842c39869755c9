/** The integration guide's cloud integration endpoints: connect, test, sync, status, evidence types, disconnect. */
import { randomBytes } from 'node:crypto';
import type { Provider } from '../../config.js';
import { AppError, type ErrorDetail } from '../../errors.js';
import { parseCredentials } from '../../integrations/credentials.js';
import { addIntegration } from '../../integrations/service.js';
import { appendAudit } from '../../store/audit.js';
import type { Executor } from '../../store/db.js';
import { createSync } from '../../store/syncs.js';
import { healthOf, integrationHealth, testCredentials, TESTABLE_PROVIDERS, type TestResult } from '../connection.js';
import type { ApiDeps } from '../context.js';
import { invalid, notFound } from '../errors.js';
import { destroyIntegration, getIntegration, updateIntegration, type PublicIntegration } from '../../store/integrations.js';
import { EVIDENCE_TYPE_DESCRIPTIONS, EVIDENCE_TYPES, PLATFORM_EVIDENCE_NOTES, PLATFORM_LABELS, SYNC_FRAMEWORKS } from '../evidence-types.js';
import { defineRoute, type ApiRoute } from '../route.js';
import { tenantStatus } from '../status-reader.js';
import {
  ConnectBody,
  ConnectBodyDoc,
  ConnectResponse,
  DisconnectResponse,
  EvidenceTypesResponse,
  IntegrationIdParams,
  PlatformParams,
  StatusResponse,
  SyncBody,
  SyncResponse,
  TestQuery,
  TestResponse,
} from '../schemas.js';

const clockOf = (deps: ApiDeps) => deps.clock ?? (() => new Date());

/**
 * A live integration of the caller's tenant. A removed one (credentials destroyed) is gone as far
 * as the API is concerned; one of another platform than the path names is a mistake in the URL.
 */
async function liveIntegration(executor: Executor, tenantId: string, id: string, platform?: Provider): Promise<PublicIntegration> {
  const integration = await getIntegration(executor, tenantId, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
    throw error;
  });
  if (!integration || integration.status === 'disabled') throw notFound('Integration', id);
  if (platform && integration.provider !== platform) {
    throw invalid('platform', `integration ${id} is a ${PLATFORM_LABELS[integration.provider]} integration; use /integrations/cloud/${integration.provider}/…`);
  }
  return integration;
}

/** The field to blame when a provider refuses credentials. */
const CREDENTIAL_FIELD: Record<Provider, string> = {
  aws: 'credentials.access_key_id',
  azure: 'credentials.client_secret',
  gcp: 'credentials.service_account_key',
  github: 'credentials.token',
};

/** A connect whose test failed stores nothing and says what to fix. */
function refuseFailedTest(platform: Provider, result: TestResult): void {
  if (result.status === 'healthy' || result.status === 'degraded') return;
  if (result.status === 'unknown' && !TESTABLE_PROVIDERS.has(platform)) return;
  const label = PLATFORM_LABELS[platform];
  const reason = result.errorMessage ?? 'no reason given';
  let detail: ErrorDetail;
  if (result.failure === 'authentication') detail = { code: 'AUTHENTICATION_ERROR', message: `${label} rejected the credentials: ${reason}`, field: CREDENTIAL_FIELD[platform] };
  else if (result.failure === 'authorization') detail = { code: 'AUTHORIZATION_ERROR', message: `${label} accepted the credentials but refused the test call: ${reason}`, field: CREDENTIAL_FIELD[platform] };
  else detail = { code: 'PROVIDER_ERROR', message: `${label} could not be reached or answered unexpectedly: ${reason}` };
  const code = detail.code === 'PROVIDER_ERROR' ? 'PROVIDER_ERROR' : 'VALIDATION_ERROR';
  throw new AppError(code, 'Connection test failed', { details: [detail] });
}

export function integrationRoutes(): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/integrations/cloud/:platform/connect',
      operationId: 'connectIntegration',
      summary: 'Connect a cloud platform',
      description:
        'Validates the credentials in the platform\'s shape, optionally tests them with a real provider call (AWS: STS GetCallerIdentity; Azure: the subscription; GCP: the project\'s buckets; GitHub: the user and organization, or the App installation\'s repositories), and stores them encrypted. The credentials are never returned. A failed test stores nothing.',
      tag: 'Integrations',
      permission: 'integration:create',
      action: 'integration.create',
      params: PlatformParams,
      body: ConnectBody,
      bodyDoc: ConnectBodyDoc,
      response: { status: 201, description: 'Connected', schema: ConnectResponse },
      errors: [409, 502],
      async handler({ deps, principal, params, body }) {
        const { platform } = params;
        if (body.platform && body.platform !== platform) throw invalid('platform', `must match the platform in the path (${platform})`);
        const credentials = parseCredentials(platform, body.credentials) as Record<string, unknown>;
        const { name: givenName, schedule, ...configuration } = body.configuration;
        const result = body.test_connection ? await testCredentials(platform, credentials, { db: deps.db, config: deps.config, clock: clockOf(deps) }) : null;
        if (result) refuseFailedTest(platform, result);
        const integration = await addIntegration(deps.db, deps.keyring, {
          tenantId: principal.tenantId,
          provider: platform,
          name: givenName ?? `${platform}-${randomBytes(4).toString('hex')}`,
          credentials,
          configuration,
          schedule,
          actor: principal.actor,
        });
        if (result) {
          await deps.db.transaction(async (tx) => {
            await updateIntegration(tx, integration.id, { health: healthOf(result) });
            await appendAudit(tx, {
              tenantId: principal.tenantId,
              actor: principal.actor,
              action: 'integration.test',
              targetType: 'integration',
              targetId: integration.id,
              details: { status: result.status, failure: result.failure, error: result.errorMessage, responseTimeMs: result.responseTimeMs },
            });
          });
        }
        const label = PLATFORM_LABELS[platform];
        const untested = result?.status === 'unknown' ? ` (${result.errorMessage ?? 'not tested'})` : result ? '' : ' (connection not tested)';
        return {
          body: { success: true as const, data: { integration_id: integration.id, platform, status: 'connected' as const, name: integration.name }, message: `Successfully connected to ${label}${untested}` },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/integrations/cloud/:platform/test',
      operationId: 'testIntegration',
      summary: 'Test connection health',
      description: 'Calls the provider with the stored credentials (AWS: STS GetCallerIdentity; Azure: the subscription; GCP: the project\'s buckets; GitHub: the user and organization, or the App installation\'s repositories). Results are cached for 5 minutes per integration.',
      tag: 'Integrations',
      permission: 'integration:view',
      action: 'integration.test',
      params: PlatformParams,
      query: TestQuery,
      response: { status: 200, description: 'The health of the connection', schema: TestResponse },
      errors: [404],
      async handler({ deps, principal, params, query }) {
        const integration = await liveIntegration(deps.db, principal.tenantId, query.integration_id, params.platform);
        const { health } = await integrationHealth({ db: deps.db, keyring: deps.keyring, config: deps.config, clock: clockOf(deps) }, integration, principal.actor);
        return {
          body: {
            success: true as const,
            data: {
              integration_id: integration.id,
              platform: integration.provider,
              status: health.status,
              response_time_ms: health.responseTimeMs,
              error_message: health.errorMessage,
              last_checked: health.checkedAt,
              metadata: health.metadata,
            },
          },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/integrations/cloud/:platform/sync',
      operationId: 'syncIntegration',
      summary: 'Synchronize platform data (collect evidence)',
      description: 'Records a sync and queues its job in one transaction; the job collects the evidence. Answers the sync id at once.',
      tag: 'Integrations',
      permission: 'integration:connect',
      action: 'integration.sync',
      params: PlatformParams,
      body: SyncBody,
      response: { status: 202, description: 'The sync is queued', schema: SyncResponse },
      errors: [404],
      async handler({ deps, principal, params, body, correlationId }) {
        const supported = EVIDENCE_TYPES[params.platform];
        const evidenceTypes = body.evidence_types ?? [...supported];
        const unsupported = evidenceTypes.flatMap((type, index) => (supported.some((s) => s === type) ? [] : [index]));
        if (unsupported.length > 0) {
          throw new AppError('VALIDATION_ERROR', 'The request body is not valid.', {
            details: unsupported.map((index) => ({
              code: 'VALIDATION_ERROR' as const,
              field: `evidence_types.${index}`,
              message: `is not an evidence type ${PLATFORM_LABELS[params.platform]} supports (${supported.join(', ')})`,
            })),
          });
        }
        const sync = await deps.db.transaction(async (tx) => {
          const integration = await liveIntegration(tx, principal.tenantId, body.integration_id, params.platform);
          const row = await createSync(tx, { tenantId: principal.tenantId, integrationId: integration.id, evidenceTypes, framework: body.framework ?? null, requestedBy: principal.actor });
          await deps.queue.send('sync', { tenantId: principal.tenantId, integrationId: integration.id, syncId: row.id }, { tx, correlationId });
          await appendAudit(tx, {
            tenantId: principal.tenantId,
            actor: principal.actor,
            action: 'integration.sync',
            targetType: 'integration',
            targetId: integration.id,
            details: { syncId: row.id, evidenceTypes, framework: row.framework },
          });
          return row;
        });
        return {
          body: {
            success: true as const,
            data: { sync_id: sync.id, integration_id: sync.integrationId, platform: params.platform, status: 'queued' as const, evidence_types: sync.evidenceTypes, framework: body.framework ?? null },
            message: `Sync ${sync.id} queued`,
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/integrations/cloud/status',
      operationId: 'integrationStatus',
      summary: 'Get integration status',
      description: 'Every live integration of the tenant with its stored and connection status, last sync and supported evidence types, and a summary. Reads the last recorded health; it does not call the providers.',
      tag: 'Integrations',
      permission: 'integration:view',
      action: 'integration.status',
      response: { status: 200, description: 'The integrations and a summary', schema: StatusResponse },
      async handler({ deps, principal }) {
        return { body: await tenantStatus(deps.db, principal.tenantId) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/integrations/cloud/:platform/evidence-types',
      operationId: 'evidenceTypes',
      summary: 'Get supported evidence types',
      tag: 'Integrations',
      permission: 'integration:view',
      action: 'integration.evidence_types',
      params: PlatformParams,
      response: { status: 200, description: 'The evidence types the platform supports', schema: EvidenceTypesResponse },
      async handler({ params }) {
        const types = EVIDENCE_TYPES[params.platform];
        const notes = PLATFORM_EVIDENCE_NOTES[params.platform];
        return {
          body: {
            success: true as const,
            data: {
              platform: params.platform,
              evidence_types: [...types],
              descriptions: Object.fromEntries(types.map((type) => [type, notes[type] ?? EVIDENCE_TYPE_DESCRIPTIONS[type]])),
              frameworks: [...SYNC_FRAMEWORKS],
            },
          },
        };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/integrations/cloud/:integration_id',
      operationId: 'disconnectIntegration',
      summary: 'Disconnect an integration',
      description: 'Destroys the stored credentials (erased, not flagged) and stops scans and syncs of the integration. Findings and evidence already collected stay for the record.',
      tag: 'Integrations',
      permission: 'integration:delete',
      action: 'integration.remove',
      params: IntegrationIdParams,
      response: { status: 200, description: 'Disconnected', schema: DisconnectResponse },
      errors: [404],
      async handler({ deps, principal, params }) {
        const integration = await deps.db.transaction(async (tx) => {
          const found = await liveIntegration(tx, principal.tenantId, params.integration_id);
          await destroyIntegration(tx, principal.tenantId, found.id);
          await appendAudit(tx, {
            tenantId: principal.tenantId,
            actor: principal.actor,
            action: 'integration.remove',
            targetType: 'integration',
            targetId: found.id,
            details: { name: found.name, provider: found.provider, credentials: 'destroyed' },
          });
          return found;
        });
        return {
          body: {
            success: true as const,
            data: { integration_id: integration.id, platform: integration.provider, status: 'disconnected' as const },
            message: `Disconnected ${PLATFORM_LABELS[integration.provider]} integration "${integration.name}"; its credentials are destroyed.`,
          },
        };
      },
    }),
  ];
}
