/**
 * Per request: a correlation id (taken from X-Request-Id when the caller sends a sane one), a child
 * logger carrying it, and the request-duration metric labelled by route pattern, not raw path, so
 * ids in URLs do not explode the label set.
 */
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
    log: Logger;
  }
}

const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Express restores `req.baseUrl` as a request leaves a mounted router, so by the time the response
 * finishes only the route's own path is left. Capture the full pattern at the moment the router
 * assigns `req.route`, while `baseUrl` still holds the mount path.
 */
function trackRoutePattern(req: Request): () => string {
  let pattern = 'unmatched';
  let route: unknown;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set(value: { path?: unknown } | undefined) {
      route = value;
      if (value && typeof value.path === 'string') pattern = `${req.baseUrl}${value.path}`;
    },
  });
  return () => pattern;
}

/**
 * `req.log`, made on first use: a pino child (with the redaction set up) costs more than the rest
 * of this middleware, and most requests log nothing at the default level.
 */
function lazyChildLogger(req: Request, logger: Logger, correlationId: string): void {
  let log: Logger | undefined;
  Object.defineProperty(req, 'log', {
    configurable: true,
    enumerable: true,
    get: () => (log ??= logger.child({ correlationId })),
    set(value: Logger) {
      log = value;
    },
  });
}

export function requestContext(logger: Logger, metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const header = req.get('x-request-id');
    req.id = header && SANE_ID.test(header) ? header : randomUUID();
    lazyChildLogger(req, logger, req.id);
    res.setHeader('X-Request-Id', req.id);
    const started = process.hrtime.bigint();
    const routeLabel = trackRoutePattern(req);
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeLabel();
      metrics.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      // The access log line: at debug level, so at the default level it costs only this check.
      const level = res.statusCode >= 500 ? 'error' : 'debug';
      if (logger.isLevelEnabled(level)) req.log[level]({ method: req.method, path: req.path, route, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request');
    });
    next();
  };
}
