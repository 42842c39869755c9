/**
 * One REST operation as data: method, path, permission, audit action, the zod schemas of its
 * inputs and answers, and its handler. The router registers these and the OpenAPI document is made
 * from the same list, so every route is documented by construction.
 */
import type { Request } from 'express';
import type { z } from 'zod';
import type { ApiDeps, ApiPrincipal } from './context.js';
import type { ApiPermission } from './permissions.js';
import { parseInput } from './validation.js';

export type HttpMethod = 'get' | 'post' | 'delete';

export interface RouteContext<P, Q, B> {
  deps: ApiDeps;
  principal: ApiPrincipal;
  params: P;
  query: Q;
  body: B;
  /** The request's correlation id, carried into the jobs it starts. */
  correlationId: string;
}

export interface ResponseDoc<R extends z.ZodType> {
  status: number;
  description: string;
  /** The JSON answer's schema (for a file-only answer, the schema of the file's content as a string). */
  schema: R;
  /** Set for an answer that is a file (e.g. `application/zip`) instead of JSON. */
  contentType?: string;
  /** Other forms the answer can take (e.g. `text/csv` with `format=csv`). */
  alternatives?: Array<{ contentType: string; description: string }>;
}

/** A JSON answer, or a file (CSV, zip) sent as is. */
export type RouteAnswer = { status: number; body: unknown } | { status: number; file: FileAnswer };

export interface FileAnswer {
  contentType: string;
  content: string | Uint8Array;
  /** Offered as a download under this name. */
  filename?: string;
}

export interface ApiRoute {
  method: HttpMethod;
  /** Express path under /api/v1, e.g. `/integrations/cloud/:platform/connect`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: 'Integrations' | 'Scans' | 'Alerts' | 'Reports';
  permission: ApiPermission;
  /** The audit action recorded when the operation fails or is refused (successes are audited by the operation itself). */
  action: string;
  schemas: { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType; bodyDoc?: z.ZodType };
  /** The success answer; errors are documented for every route. */
  response: ResponseDoc<z.ZodType>;
  /** Errors this operation can answer besides the ones every route can (400, 401, 403, 429, 500). */
  errors?: number[];
  run(deps: ApiDeps, principal: ApiPrincipal, req: Request): Promise<RouteAnswer>;
}

export type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * Builds a route whose handler sees its inputs already validated and typed, and must answer in
 * the shape of its documented response schema.
 */
export function defineRoute<P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | undefined, R extends z.ZodType>(def: {
  method: HttpMethod;
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: ApiRoute['tag'];
  permission: ApiPermission;
  action: string;
  params?: P;
  query?: Q;
  body?: B;
  bodyDoc?: z.ZodType;
  response: ResponseDoc<R>;
  errors?: number[];
  handler: (ctx: RouteContext<Output<P>, Output<Q>, Output<B>>) => Promise<{ status?: number; body: NoInfer<z.input<R>> } | { status?: number; file: FileAnswer }>;
}): ApiRoute {
  const { params, query, body, bodyDoc, handler, ...rest } = def;
  return {
    ...rest,
    schemas: { params, query, body, bodyDoc },
    async run(deps, principal, req) {
      const ctx = {
        deps,
        principal,
        params: (params ? parseInput(params, req.params, 'path') : undefined) as Output<P>,
        query: (query ? parseInput(query, req.query, 'query') : undefined) as Output<Q>,
        body: (body ? parseInput(body, req.body, 'body') : undefined) as Output<B>,
        correlationId: req.id,
      };
      const answer = await handler(ctx);
      const status = answer.status ?? def.response.status;
      return 'file' in answer ? { status, file: answer.file } : { status, body: answer.body };
    },
  };
}
