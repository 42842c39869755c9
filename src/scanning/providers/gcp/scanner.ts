/**
 * The GCP scanner: credentials → transport and clients → the projects to scan (named, the
 * organization's, or the credentials' own) → collect exactly the parts the selected checks need
 * → evaluate → report. A part that could not be collected makes its checks `unknown` and the scan
 * `partial`; only not knowing what to scan (no project, the organization's projects unreadable)
 * stops the scan.
 */
import { Storage } from '@google-cloud/storage';
import type { GcpConfig } from '../../../config.js';
import { AppError } from '../../../errors.js';
import { bucketKey, PROVIDER_RATE_LIMITS, type SharedRateLimiter } from '../../../integrations/rate-limits.js';
import { evaluateChecks, neededParts, selectChecks } from '../../engine.js';
import { gcpChecks } from '../../registry.js';
import type { ProviderScanner, ScanOptions, ScanOutcome, ScanScope } from '../../scanner.js';
import { DEFAULT_SETTINGS } from '../../types.js';
import { VERSION as TOOL_VERSION } from '../../../version.js';
import { googleApiEndpoint } from './clients.js';
import { collectGcp } from './collect.js';
import type { GcpCollectorContext } from './collectors/context.js';
import { listOrganizationProjects } from './collectors/resourcemanager.js';
import { resolveGcpAuth, verifyGcpAuth, type GcpAuth } from './credentials.js';
import { describeGcpError } from './errors.js';
import { createRestClients } from './rest-clients.js';
import type { GcpSnapshot, PerProject } from './snapshot.js';
import { createGcpTransport, type RetryPolicy } from './transport.js';

export interface GcpScannerOptions {
  endpoints: GcpConfig;
  /** The request budget shared by every worker (servers); the CLI scans without one. */
  rateLimiter?: SharedRateLimiter;
  retry?: RetryPolicy;
  /** API calls in flight at once. Default 16. */
  concurrency?: number;
  requestTimeoutMs?: number;
}

/** The collector context for one scan: one transport, its REST clients and a storage client. */
export function createGcpContext(auth: GcpAuth, options: GcpScannerOptions, rateLimit?: () => Promise<void>): GcpCollectorContext {
  const transport = createGcpTransport({
    token: auth.token,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(rateLimit ? { rateLimit } : {}),
  });
  const { endpoints } = options;
  let storage: Storage | null = null;
  return {
    transport,
    rest: createRestClients(transport, endpoints.apiEndpoint),
    kmsEndpoint: googleApiEndpoint('cloudkms', endpoints),
    apiEndpoint: (service) => googleApiEndpoint(service, endpoints),
    storage: () =>
      (storage ??= new Storage({
        ...(auth.authClient ? { authClient: auth.authClient } : {}),
        ...(endpoints.storageEmulatorHost ? { apiEndpoint: endpoints.storageEmulatorHost } : {}),
        // With a key, a custom endpoint is sent the token too; without one (an emulator) nothing is.
        useAuthWithCustomEndpoint: auth.authClient !== null,
        // Retries are the transport's (counted, paced with Retry-After), not the SDK's.
        retryOptions: { autoRetry: false },
        timeout: options.requestTimeoutMs ?? 60_000,
      })),
  };
}

/** The projects a scan covers: named ones, an organization's, or the credentials' own. */
export async function resolveProjects(scope: ScanScope | undefined, auth: GcpAuth, ctx: GcpCollectorContext): Promise<string[]> {
  if (scope?.projects?.length) return [...new Set(scope.projects)];
  if (scope?.organization) {
    let projects: string[];
    try {
      projects = await listOrganizationProjects(ctx, scope.organization);
    } catch (error) {
      throw new AppError('PROVIDER_ERROR', `Could not list the projects of organization ${scope.organization}: ${describeGcpError(error)}`, {
        hint: 'Grant the scanner roles/browser (or roles/viewer) on the organization, or name projects with --project.',
      });
    }
    if (projects.length === 0) throw new AppError('PROVIDER_ERROR', `Organization ${scope.organization} has no active project visible to ${auth.principal}.`);
    return projects;
  }
  if (auth.defaultProject) return [auth.defaultProject];
  throw new AppError('VALIDATION_ERROR', 'No GCP project to scan.', { hint: 'Name one with --project ID (or --organization ID), or set GOOGLE_CLOUD_PROJECT.' });
}

/** `part in project: reason` for every part that could not be collected. */
function collectionErrors(snapshot: GcpSnapshot): string[] {
  const errors: string[] = [];
  for (const [part, byProject] of Object.entries(snapshot.parts)) {
    for (const [project, collected] of Object.entries(byProject as PerProject<unknown>)) if (!collected.ok) errors.push(`${part} in ${project}: ${collected.error}`);
  }
  return errors.sort();
}

export function createGcpScanner(options: GcpScannerOptions): ProviderScanner {
  return {
    provider: 'gcp',
    checks: gcpChecks,
    async scan(scan: ScanOptions): Promise<ScanOutcome> {
      const clock = scan.now ?? (() => new Date());
      const startedAt = clock().toISOString();
      const checks = selectChecks(gcpChecks, scan.checks);
      const auth = resolveGcpAuth(scan.credentials, options.endpoints, options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs });
      const limiter = options.rateLimiter;
      const rateLimit = limiter ? () => limiter.acquire(bucketKey('gcp', auth.principal), PROVIDER_RATE_LIMITS.gcp) : undefined;
      const ctx = createGcpContext(auth, options, rateLimit);
      await verifyGcpAuth(auth);
      const projects = await resolveProjects(scan.scope, auth, ctx);
      const snapshot = await collectGcp({
        parts: neededParts(checks),
        projects,
        ctx,
        onProgress: (done, total) => scan.onProgress?.({ phase: 'collect', done, total }),
      });
      const errors = collectionErrors(snapshot);
      scan.onProgress?.({ phase: 'evaluate', done: 0, total: checks.length });
      const evaluation = evaluateChecks(checks, snapshot, scan.settings ?? DEFAULT_SETTINGS, clock(), { scopeId: `//cloudresourcemanager.googleapis.com/projects/${projects[0] ?? ''}` });
      scan.onProgress?.({ phase: 'evaluate', done: checks.length, total: checks.length });
      const { stats } = ctx.transport;
      return {
        report: {
          scan: {
            id: scan.scanId ?? null,
            provider: 'gcp',
            accountId: projects.join(','),
            startedAt,
            finishedAt: clock().toISOString(),
            status: evaluation.incompleteChecks.length > 0 || errors.length > 0 ? 'partial' : 'complete',
            regions: [...new Set(evaluation.findings.map((f) => f.region))].sort(),
            checks: checks.length,
            toolVersion: TOOL_VERSION,
            errors,
          },
          findings: evaluation.findings,
          checks: checks.map((check) => check.meta),
        },
        incompleteChecks: evaluation.incompleteChecks,
        resources: new Set(evaluation.findings.map((f) => f.resourceId)).size,
        apiCalls: { calls: stats.calls, retries: stats.retries, throttled: stats.throttled },
      };
    },
  };
}
