/** Scans of stored integrations: start one (the same path chat and the schedule take), list them, read one. */
import { startScan } from '../../jobs/start-scan.js';
import { allChecks } from '../../scanning/registry.js';
import { appendAudit } from '../../store/audit.js';
import { getIntegration } from '../../store/integrations.js';
import { AppError } from '../../errors.js';
import { notFound } from '../errors.js';
import { findScan, queryScans } from '../../store/scans.js';
import { page } from '../paging.js';
import { defineRoute, type ApiRoute } from '../route.js';
import { ListScansQuery, ScanIdParams, ScanListResponse, ScanResponse, StartScanBody, StartScanResponse } from '../schemas.js';
import { scanView } from '../views.js';

const checksByProvider = new Map<string, Set<string>>();
for (const check of allChecks) {
  const ids = checksByProvider.get(check.meta.provider) ?? new Set<string>();
  ids.add(check.meta.id);
  checksByProvider.set(check.meta.provider, ids);
}

export function scanRoutes(): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/scans',
      operationId: 'startScan',
      summary: 'Start a scan of an integration',
      description: 'Queues a scan (answered at once with its id). While a scan of the integration is queued or running, that scan is answered instead (`coalesced: true`).',
      tag: 'Scans',
      permission: 'scan:run',
      action: 'scan.requested',
      body: StartScanBody,
      response: { status: 202, description: 'The scan is queued (or already was)', schema: StartScanResponse },
      errors: [404, 409],
      async handler({ deps, principal, body, correlationId }) {
        const integration = await getIntegration(deps.db, principal.tenantId, body.integration_id).catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
          throw error;
        });
        if (!integration || integration.status === 'disabled') throw notFound('Integration', body.integration_id);
        const known = checksByProvider.get(integration.provider) ?? new Set<string>();
        const unknownChecks = (body.checks ?? []).flatMap((id, index) => (known.has(id) ? [] : [index]));
        if (unknownChecks.length > 0) {
          throw new AppError('VALIDATION_ERROR', 'The request body is not valid.', {
            details: unknownChecks.map((index) => ({ code: 'VALIDATION_ERROR' as const, field: `checks.${index}`, message: `is not a ${integration.provider} check id (see \`cloudsentinel checks list\`)` })),
          });
        }
        const { scan, coalesced } = await startScan(deps.db, deps.queue, {
          tenantId: principal.tenantId,
          integrationId: integration.id,
          requestedBy: principal.actor,
          regions: body.regions,
          checks: body.checks,
          correlationId,
        });
        // startScan audits the scan it creates; a request joined to a running scan is recorded here.
        if (coalesced) {
          await appendAudit(deps.db, {
            tenantId: principal.tenantId,
            actor: principal.actor,
            action: 'scan.requested',
            targetType: 'scan',
            targetId: scan.id,
            details: { integrationId: integration.id, coalesced: true },
          });
        }
        return {
          body: {
            success: true as const,
            data: { ...scanView(scan), coalesced },
            message: coalesced ? `A scan of "${integration.name}" is already ${scan.status}: ${scan.id}` : `Scan ${scan.id} of "${integration.name}" queued`,
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/scans',
      operationId: 'listScans',
      summary: 'List scans',
      description: 'Newest first, paged with limit and offset.',
      tag: 'Scans',
      permission: 'alert:view',
      action: 'scan.list',
      query: ListScansQuery,
      response: { status: 200, description: 'A page of scans', schema: ScanListResponse },
      async handler({ deps, principal, query }) {
        const rows = await queryScans(deps.db, {
          tenantId: principal.tenantId,
          integrationId: query.integration_id,
          statuses: query.status,
          limit: query.limit,
          offset: query.offset,
        });
        const { items, paging } = page(rows, query.limit, query.offset);
        return { body: { success: true as const, data: { scans: items.map(scanView), paging } } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/scans/:scan_id',
      operationId: 'getScan',
      summary: 'Get a scan',
      tag: 'Scans',
      permission: 'alert:view',
      action: 'scan.view',
      params: ScanIdParams,
      response: { status: 200, description: 'The scan, with its progress and summary', schema: ScanResponse },
      errors: [404],
      async handler({ deps, principal, params }) {
        const scan = await findScan(deps.db, principal.tenantId, params.scan_id);
        if (!scan) throw notFound('Scan', params.scan_id);
        return { body: { success: true as const, data: scanView(scan) } };
      },
    }),
  ];
}
