/**
 * The REST API: `/api/v1/...` (bearer authentication, per-client rate limit, RBAC, tenant isolation,
 * audit), the OpenAPI document at `/openapi.json` and Swagger UI at `/docs`. Mount at `/`.
 */
import { createHash } from 'node:crypto';
import { Router, type Request, type RequestHandler } from 'express';
import { AppError, isAppError } from '../errors.js';
import { appendAudit } from '../store/audit.js';
import { createAuthenticator, identify, principalOf, requireCaller } from './auth.js';
import type { ApiDeps, ApiPrincipal } from './context.js';
import { docsRouter } from './docs.js';
import { forbidden } from './errors.js';
import { buildOpenApiDocument, API_PREFIX } from './openapi.js';
import { apiCan } from './permissions.js';
import { clientRateLimit } from './rate-limit.js';
import type { ApiRoute } from './route.js';
import { alertRoutes } from './routes/alerts.js';
import { integrationRoutes } from './routes/integrations.js';
import { reportRoutes } from './routes/reports.js';
import { scanRoutes } from './routes/scans.js';

export const API_VERSION = '1.0.0';

/** Every operation, in the order the document lists them. */
export function apiRoutes(): ApiRoute[] {
  return [...integrationRoutes(), ...scanRoutes(), ...alertRoutes(), ...reportRoutes()];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The object a request is about, for the audit row: an id from the path, body or query — never anything else of the body. */
function targetOf(req: Request): { targetType: string; targetId: string } | null {
  const body: unknown = req.body;
  const fromBody = body && typeof body === 'object' && 'integration_id' in body ? body.integration_id : undefined;
  const candidates: Array<[string, unknown]> = [
    ['integration', req.params.integration_id],
    ['alert', req.params.alert_id],
    ['scan', req.params.scan_id],
    ['integration', fromBody],
    ['integration', req.query.integration_id],
  ];
  for (const [targetType, value] of candidates) if (typeof value === 'string' && UUID.test(value)) return { targetType, targetId: value };
  return null;
}

/**
 * Successful changes are audited by the operations themselves, in their transactions. Here: every
 * failed or refused change, and any request refused for its role or asking for an object the
 * tenant does not have (probing), on any route. Successful reads are not audited (see README).
 */
function shouldAuditFailure(route: ApiRoute, error: unknown): boolean {
  if (route.method !== 'get') return true;
  return isAppError(error) && (error.code === 'AUTHORIZATION_ERROR' || error.code === 'NOT_FOUND');
}

async function auditFailure(deps: ApiDeps, route: ApiRoute, principal: ApiPrincipal, req: Request, error: unknown): Promise<void> {
  const target = targetOf(req);
  const described = isAppError(error) ? { code: error.code, message: error.message } : { code: 'INTERNAL_ERROR', message: 'unexpected error (see the server log)' };
  await appendAudit(deps.db, {
    tenantId: principal.tenantId,
    actor: principal.actor,
    action: route.action,
    targetType: target?.targetType ?? null,
    targetId: target?.targetId ?? null,
    outcome: 'failure',
    details: { error: described, method: req.method.toUpperCase(), route: `${API_PREFIX}${route.path}`, ...(isAppError(error) && error.code === 'AUTHORIZATION_ERROR' ? { denied: true, role: principal.role } : {}) },
  });
}

/**
 * An answer shared by many requests (api/status-reader.ts) is frozen, and encoded once: its bytes
 * and ETag are remembered for as long as the object lives, so each request only writes them.
 */
const encodings = new WeakMap<object, { bytes: Buffer; etag: string }>();
function sharedEncoding(body: object): { bytes: Buffer; etag: string } {
  let encoded = encodings.get(body);
  if (!encoded) {
    const bytes = Buffer.from(JSON.stringify(body));
    encoded = { bytes, etag: `W/"${bytes.length.toString(16)}-${createHash('sha1').update(bytes).digest('base64url')}"` };
    encodings.set(body, encoded);
  }
  return encoded;
}

function handlerFor(route: ApiRoute, deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const principal = principalOf(req);
    try {
      if (!apiCan(principal.role, route.permission)) throw forbidden(principal.role, route.permission);
      const answer = await route.run(deps, principal, req);
      if ('file' in answer) {
        const { contentType, content, filename } = answer.file;
        if (filename) res.attachment(filename);
        res.status(answer.status).type(contentType).send(typeof content === 'string' ? content : Buffer.from(content));
        return;
      }
      if (typeof answer.body === 'object' && answer.body !== null && Object.isFrozen(answer.body)) {
        const { bytes, etag } = sharedEncoding(answer.body);
        res.status(answer.status).type('application/json').set('ETag', etag).send(bytes);
        return;
      }
      res.status(answer.status).json(answer.body);
    } catch (error) {
      if (shouldAuditFailure(route, error)) {
        await auditFailure(deps, route, principal, req, error).catch((auditError: unknown) => req.log.error({ err: auditError }, 'could not audit a failed API request'));
      }
      throw error;
    }
  };
}

export function createApiRouter(deps: ApiDeps): Router {
  const routes = apiRoutes();
  // Serialised once: the document only changes with the code.
  const document = JSON.stringify(buildOpenApiDocument(routes, API_VERSION));
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(document);
  });
  router.use('/docs', docsRouter());

  const v1 = Router();
  v1.use(identify(createAuthenticator(deps.db, deps.config.api, deps.clock)));
  v1.use(clientRateLimit(deps.config.api));
  v1.use(requireCaller());
  for (const route of routes) v1[route.method](route.path, handlerFor(route, deps));
  // Anything else under /api/v1 is an unknown route; answered here so it is not mistaken for another router's.
  v1.use((req) => {
    throw new AppError('NOT_FOUND', 'Not found', { details: [{ code: 'NOT_FOUND', message: `No route for ${req.method} ${API_PREFIX}${req.path}` }] });
  });
  router.use(API_PREFIX, v1);
  return router;
}
