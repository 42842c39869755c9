/**
 * Swagger UI at /docs, from swagger-ui-dist's own files. The page has no inline script (the
 * initializer is a file), so helmet's default Content-Security-Policy (`script-src 'self'`, inline
 * styles allowed) lets it run without loosening anything.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router } from 'express';

const distDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const PAGE = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>CloudSentinel REST API</title>
    <link rel="stylesheet" type="text/css" href="/docs/swagger-ui.css" />
    <link rel="stylesheet" type="text/css" href="/docs/index.css" />
    <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/swagger-ui-bundle.js" charset="UTF-8"></script>
    <script src="/docs/swagger-ui-standalone-preset.js" charset="UTF-8"></script>
    <script src="/docs/cloudsentinel-initializer.js" charset="UTF-8"></script>
  </body>
</html>
`;

const INITIALIZER = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: false,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
};
`;

export function docsRouter(): Router {
  const router = Router();
  const page = (_req: express.Request, res: express.Response) => {
    res.type('html').send(PAGE);
  };
  router.get('/', page);
  router.get('/index.html', page);
  // The dist's own initializer points at the petstore example; ours answers under both names.
  for (const name of ['/cloudsentinel-initializer.js', '/swagger-initializer.js']) {
    router.get(name, (_req, res) => {
      res.type('application/javascript').send(INITIALIZER);
    });
  }
  router.use(express.static(distDir, { index: false, maxAge: '1d', fallthrough: true }));
  return router;
}
