/**
 * Bearer authentication. A token is either a CloudSentinel API token (`cst_…`, looked up by its
 * hash) or a JWT: HS256 verified with JWT_SECRET, RS256/ES256 with the keys at JWT_JWKS_URL. A JWT
 * names its subject (`sub`), tenant (`tenant_id`: the tenant's id or slug; `tenant` is read as a
 * slug too) and `role`.
 *
 * `identify` only works out who is calling and never rejects, so the rate limiter that runs next can
 * count a caller by identity when there is one and by address when there is not; `requireCaller`
 * then turns a failed identification into the 401.
 */
import type { Request, RequestHandler } from 'express';
import { createRemoteJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import { z } from 'zod';
import type { ApiConfig } from '../config.js';
import { AppError } from '../errors.js';
import type { Db } from '../store/db.js';
import { getTenant, getTenantBySlug, type Tenant } from '../store/tenants.js';
import type { ApiPrincipal } from './context.js';
import { createApiTokenVerifier } from './token-verifier.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `identify` on API routes: who is calling, or why that could not be established. */
    caller?: { principal: ApiPrincipal } | { error: AppError };
  }
}

const API_TOKEN = /^cst_[A-Za-z0-9_-]{20,100}$/;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const HINT = 'Send `Authorization: Bearer <token>` with an API token from `cloudsentinel tokens create --role ROLE`, or a JWT from your identity provider.';

function unauthenticated(message: string): AppError {
  return new AppError('AUTHENTICATION_ERROR', message, { details: [{ code: 'AUTHENTICATION_ERROR', message, field: 'authorization' }], hint: HINT });
}

const claimsSchema = z.object({
  sub: z.string().min(1).max(200),
  role: z.enum(['admin', 'responder', 'viewer']),
  tenant_id: z.string().min(1).max(200).optional(),
  tenant: z.string().min(1).max(200).optional(),
});

export interface Authenticator {
  authenticate(authorization: string | undefined): Promise<ApiPrincipal>;
}

export function createAuthenticator(db: Db, config: ApiConfig, clock: () => Date = () => new Date()): Authenticator {
  const apiTokens = createApiTokenVerifier(db, clock);
  const secret = config.jwtSecret ? new TextEncoder().encode(config.jwtSecret) : null;
  // jose caches the key set and refetches it (at most every 30 s) when a token names an unknown key id.
  const jwks = config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 }) : null;
  const verifyOptions: JWTVerifyOptions = {
    requiredClaims: ['sub'],
    ...(config.jwtIssuer ? { issuer: config.jwtIssuer } : {}),
    ...(config.jwtAudience ? { audience: config.jwtAudience } : {}),
    clockTolerance: 5,
  };

  async function verifyJwt(token: string): Promise<JWTPayload> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw unauthenticated('The bearer token is neither an API token nor a readable JWT.');
    }
    try {
      if (alg === 'HS256') {
        if (!secret) throw unauthenticated('HS256 JWTs are not accepted here (JWT_SECRET is not set).');
        return (await jwtVerify(token, secret, { ...verifyOptions, algorithms: ['HS256'] })).payload;
      }
      if (alg === 'RS256' || alg === 'ES256') {
        if (!jwks) throw unauthenticated(`${alg} JWTs are not accepted here (JWT_JWKS_URL is not set).`);
        return (await jwtVerify(token, jwks, { ...verifyOptions, algorithms: ['RS256', 'ES256'] })).payload;
      }
    } catch (error) {
      throw jwtError(error);
    }
    throw unauthenticated(`JWTs signed with ${alg ?? 'no algorithm'} are not accepted; use HS256, RS256 or ES256.`);
  }

  async function tenantOf(claims: z.infer<typeof claimsSchema>): Promise<Tenant> {
    const ref = claims.tenant_id ?? claims.tenant;
    if (!ref) throw unauthenticated('The JWT names no tenant: add a `tenant_id` claim (the tenant id or slug).');
    const tenant = await (UUID.test(ref) ? getTenant(db, ref) : getTenantBySlug(db, ref)).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
      throw error;
    });
    if (!tenant) throw unauthenticated('The JWT names a tenant that does not exist.');
    return tenant;
  }

  return {
    async authenticate(authorization) {
      if (!authorization) throw unauthenticated('Authentication is required: no Authorization header was sent.');
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      const token = match?.[1];
      if (!token) throw unauthenticated('The Authorization header must be `Bearer <token>`.');
      if (token.startsWith('cst_')) {
        const row = API_TOKEN.test(token) ? await apiTokens.verify(token) : null;
        if (!row) throw unauthenticated('The API token is not valid or has been revoked.');
        return { kind: 'api_token', id: row.id, tenantId: row.tenantId, role: row.role, actor: `api:${row.id}` };
      }
      if (!JWT_SHAPE.test(token)) throw unauthenticated('The bearer token is neither an API token nor a readable JWT.');
      const payload = await verifyJwt(token);
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) {
        const fields = [...new Set(claims.error.issues.map((issue) => issue.path.map(String).join('.')))].join(', ');
        throw unauthenticated(`The JWT's claims are not usable (${fields}): it needs \`sub\`, \`tenant_id\` and \`role\` (admin, responder or viewer).`);
      }
      const tenant = await tenantOf(claims.data);
      return { kind: 'jwt', id: claims.data.sub, tenantId: tenant.id, role: claims.data.role, actor: `jwt:${claims.data.sub}` };
    },
  };
}

function jwtError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof joseErrors.JWTExpired) return unauthenticated('The JWT has expired.');
  if (error instanceof joseErrors.JWTClaimValidationFailed) return unauthenticated(`The JWT's \`${error.claim}\` claim is not accepted: ${error.reason}.`);
  if (error instanceof joseErrors.JWKSTimeout || (error instanceof Error && error.name === 'TypeError')) {
    return new AppError('SERVICE_UNAVAILABLE', "The identity provider's signing keys could not be fetched; try again shortly.", { cause: error });
  }
  if (error instanceof joseErrors.JOSEError) return unauthenticated('The JWT is not valid (bad signature, unknown key or malformed).');
  return unauthenticated('The JWT is not valid.');
}

/** Works out who is calling; never rejects (see the file comment). Database failures still go to the error handler. */
export function identify(authenticator: Authenticator): RequestHandler {
  return async (req, _res, next) => {
    try {
      req.caller = { principal: await authenticator.authenticate(req.get('authorization')) };
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      req.caller = { error };
    }
    next();
  };
}

export function requireCaller(): RequestHandler {
  return (req, _res, next) => {
    const caller = req.caller;
    if (!caller) throw unauthenticated('Authentication is required.');
    if ('error' in caller) throw caller.error;
    next();
  };
}

export function principalOf(req: Request): ApiPrincipal {
  const caller = req.caller;
  if (!caller || !('principal' in caller)) throw unauthenticated('Authentication is required.');
  return caller.principal;
}
