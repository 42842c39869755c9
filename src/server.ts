/**
 * Composes the express app: everything CloudSentinel serves lives on one port. Platform routers
 * (Slack, Teams, Discord, GitHub) and the REST API mount here as they are built.
 */
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { errorHandler, notFoundHandler } from './http/error-handler.js';
import { healthRouter, type Readiness } from './http/health.js';
import { requestContext } from './http/request-context.js';

export interface ServerOptions {
  logger: Logger;
  metrics: Metrics;
  readiness: Readiness;
  bodyLimit: string;
  /** Extra routers, each with the path it mounts at. */
  routers?: Array<{ path: string; router: Router }>;
}

export function createServer(options: ServerOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(helmet());
  app.use(requestContext(options.logger, options.metrics));
  app.use(healthRouter(options.readiness));
  app.get('/metrics', async (_req, res) => {
    res.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics());
  });
  // JSON bodies under /api (REST and Teams); routers that verify signatures over the raw body
  // (Slack, Discord, GitHub) read it themselves, under the same limit.
  app.use('/api', express.json({ limit: options.bodyLimit }));
  for (const { path, router } of options.routers ?? []) app.use(path, router);
  app.use(notFoundHandler());
  app.use(errorHandler(options.logger));
  return app;
}
