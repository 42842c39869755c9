/**
 * The OpenAPI 3.1 document, generated from the route table and its zod schemas (OpenAPI 3.1 schemas
 * are JSON Schema 2020-12, which `z.toJSONSchema` writes). Built once per router.
 */
import { z } from 'zod';
import { rolesWith } from './permissions.js';
import type { ApiRoute } from './route.js';
import { ErrorResponse } from './schemas.js';

export const API_PREFIX = '/api/v1';

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
  return rest;
}

/** `/alerts/:alert_id/assign` → `/api/v1/alerts/{alert_id}/assign` */
export function openApiPath(expressPath: string): string {
  return `${API_PREFIX}${expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input');
  const properties = (object.properties ?? {}) as Record<string, Json>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: where, required: where === 'path' || required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'VALIDATION_ERROR: the request is not valid; each detail names its field',
  401: 'AUTHENTICATION_ERROR: no, an invalid, an expired or a revoked bearer token',
  403: 'AUTHORIZATION_ERROR: the caller\'s role lacks the permission',
  404: 'NOT_FOUND: no such object in the caller\'s tenant',
  409: 'CONFLICT: the object changed or is in a state that does not allow this',
  429: 'RATE_LIMITED: too many requests from this client; see Retry-After',
  500: 'INTERNAL_ERROR',
  502: 'PROVIDER_ERROR: the cloud provider could not be reached or failed',
};

function errorResponse(status: number): Json {
  const response: Json = {
    description: ERROR_DESCRIPTIONS[status] ?? 'Error',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
  };
  if (status === 429) response.headers = { 'Retry-After': { description: 'Seconds until the client may retry', schema: { type: 'integer' } } };
  return response;
}

function operation(route: ApiRoute): Json {
  const roles = rolesWith(route.permission).join(', ');
  const errors = [...new Set([400, 401, 403, 429, 500, ...(route.errors ?? [])])].sort((a, b) => a - b);
  const body = route.schemas.bodyDoc ?? route.schemas.body;
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: `${route.description ? `${route.description}\n\n` : ''}Requires the \`${route.permission}\` permission (roles: ${roles}).`,
    tags: [route.tag],
    'x-permission': route.permission,
    parameters: [...parameters(route.schemas.params, 'path'), ...parameters(route.schemas.query, 'query')],
    ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(body, 'input') } } } } : {}),
    responses: {
      [String(route.response.status)]: {
        description: route.response.description,
        content: {
          ...(route.response.contentType
            ? { [route.response.contentType]: { schema: { type: 'string', contentMediaType: route.response.contentType } } }
            : { 'application/json': { schema: jsonSchema(route.response.schema, 'output') } }),
          ...Object.fromEntries((route.response.alternatives ?? []).map((alt) => [alt.contentType, { schema: { type: 'string', description: alt.description } }])),
        },
      },
      ...Object.fromEntries(errors.map((status) => [String(status), errorResponse(status)])),
    },
  };
}

export function buildOpenApiDocument(routes: readonly ApiRoute[], version: string): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route) };
  }
  paths['/openapi.json'] = { get: { operationId: 'openApiDocument', summary: 'This document', security: [], tags: ['Documentation'], responses: { 200: { description: 'The OpenAPI 3.1 document' } } } };
  paths['/docs'] = { get: { operationId: 'swaggerUi', summary: 'Swagger UI for this document', security: [], tags: ['Documentation'], responses: { 200: { description: 'An HTML page' } } } };
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'CloudSentinel REST API',
      version,
      description:
        'Cloud integrations (the integration guide\'s API), scans and alerts. Authenticate with `Authorization: Bearer <token>`: an API token from `cloudsentinel tokens create --role ROLE`, or a JWT (HS256 with JWT_SECRET, RS256/ES256 from JWT_JWKS_URL) carrying `sub`, `tenant_id` and `role`. Every error answers in the ErrorResponse shape.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: 'Integrations', description: 'Connect, test, sync and disconnect cloud platforms' },
      { name: 'Scans', description: 'Scans of connected integrations' },
      { name: 'Alerts', description: 'Failing findings and their triage' },
      { name: 'Reports', description: 'Compliance reports and evidence packs' },
      { name: 'Documentation' },
    ],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token (`cst_…`) or a JWT.' },
      },
      schemas: { ErrorResponse: jsonSchema(ErrorResponse, 'output') },
    },
  };
}
