import express, { type Router } from 'express';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import type { ApiRouter } from '../http/api-router.js';

const page = `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>Documentation de l’API — CN2R Pilotage</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
  <main id="swagger-ui" aria-label="Documentation de l’API"></main>
  <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/api/docs/init.js"></script>
</body>
</html>`;

const init = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  withCredentials: true,
  requestInterceptor: function (request) {
    var match = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/);
    if (match) request.headers['X-XSRF-TOKEN'] = decodeURIComponent(match[1]);
    return request;
  }
});`;

/** Swagger UI's files and its start-up script, from the npm package: no third-party host. */
export function docsAssetsRouter(): Router {
  const router = express.Router();
  router.use('/assets', express.static(getAbsoluteFSPath(), { index: false, maxAge: '1d' }));
  router.get('/init.js', (_req, res) => {
    res.type('application/javascript').send(init);
  });
  return router;
}

export function registerDocsRoutes(api: ApiRouter, openApiDocument: () => unknown): void {
  api.add(
    {
      method: 'get',
      path: '/openapi.json',
      tag: 'Exploitation',
      summary: 'Ce document OpenAPI 3.1, généré depuis les schémas partagés',
      access: 'api.docs',
      response: { status: 200, description: 'Le document OpenAPI', contentType: 'application/json', raw: true },
    },
    ({ res }) => {
      res.status(200).json(openApiDocument());
    },
  );
  api.add(
    {
      method: 'get',
      path: '/docs',
      tag: 'Exploitation',
      summary: 'Référence lisible de l’API (Swagger UI)',
      access: 'api.docs',
      response: { status: 200, description: 'Page HTML', contentType: 'text/html' },
    },
    ({ res }) => {
      res.type('html').send(page);
    },
  );
}
