import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { DatabaseEngine } from '@cn2r/db';
import type { Config } from './config.js';
import { apiNotFound, errorHandler } from './errors/error-handler.js';
import { ApiRouter } from './http/api-router.js';
import { csrfProtection } from './middleware/csrf.js';
import { requestId } from './middleware/request-id.js';
import { sessionMiddleware } from './middleware/session.js';
import { registerAuditRoutes } from './features/audit/audit-routes.js';
import { registerCampaignRoutes } from './features/campaigns/campaign-routes.js';
import { registerCatalogueRoutes } from './features/catalogue/catalogue-routes.js';
import { registerAuthRoutes } from './features/auth/auth-routes.js';
import { AuthService } from './features/auth/auth-service.js';
import { registerHealthRoutes } from './features/health/health-routes.js';
import { registerUnitRoutes } from './features/units/unit-routes.js';
import { UnitService } from './features/units/unit-service.js';
import { registerUserRoutes } from './features/users/user-routes.js';
import { registerFormRoutes } from './features/forms/form-routes.js';
import { FormService } from './features/forms/form-service.js';
import { registerCompletenessRoutes } from './features/completeness/completeness-routes.js';
import { CompletenessService } from './features/completeness/completeness-service.js';
import { registerCollectionImportRoutes } from './features/collection-import/collection-import-routes.js';
import { registerBudgetRoutes } from './features/budget/budget-routes.js';
import { registerStaffRoutes } from './features/staff/staff-routes.js';
import { registerReportRoutes } from './features/reports/report-routes.js';
import { reportBuilderThread } from './features/reports/report-builder-thread.js';
import { registerDashboardRoutes } from './features/dashboards/dashboard-routes.js';
import { DashboardService } from './features/dashboards/dashboard-service.js';
import { registerGovernanceRoutes } from './features/governance/governance-routes.js';
import { GovernanceService } from './features/governance/governance-service.js';
import { UserService } from './features/users/user-service.js';
import { buildOpenApiDocument } from './openapi/openapi-document.js';
import { docsAssetsRouter, registerDocsRoutes } from './openapi/docs-routes.js';

export interface AppDeps {
  readonly db: Knex;
  readonly engine: DatabaseEngine;
  readonly config: Config;
  readonly logger: Logger;
  /** Today in Paris, `YYYY-MM-DD` (the clock of completeness and dashboards); the real date when left out. Tests inject it. */
  readonly today?: () => string;
}

export interface App {
  readonly app: Express;
  /** The route table: the OpenAPI document and the access-control tests read it. */
  readonly api: ApiRouter;
}

/** Builds the whole application on a database handle: no module-level state, so tests build their own. */
export function createApp({ db, engine, config, logger, today }: AppDeps): App {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => requestId(req, res),
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: (req) => !req.url?.startsWith('/api/') },
    }),
  );
  app.use((req, _res, next) => {
    req.requestId = String(req.id);
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Angular and Material set style attributes and <style> elements at run time.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          // Only behind HTTPS: on a plain-HTTP intranet address it would break every request.
          upgradeInsecureRequests: config.trustProxy ? [] : null,
        },
      },
      strictTransportSecurity: config.trustProxy ? undefined : false,
    }),
  );

  const api = new ApiRouter();
  const routes = express.Router();
  routes.use('/docs', docsAssetsRouter());
  routes.use(express.json({ limit: '1mb', strict: true }));
  routes.use(sessionMiddleware(db, config));
  routes.use(csrfProtection);
  routes.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  let openApi: unknown;
  registerHealthRoutes(api, db, engine, config.version);
  registerAuthRoutes(api, new AuthService(db, config));
  registerUnitRoutes(api, new UnitService(db));
  registerUserRoutes(api, new UserService(db));
  registerAuditRoutes(api, db);
  registerCatalogueRoutes(api, db);
  registerCampaignRoutes(api, db);
  const forms = new FormService(db, config.outlierThresholdPercent);
  registerFormRoutes(api, forms);
  registerCompletenessRoutes(api, new CompletenessService(db, today));
  registerCollectionImportRoutes(api, db, forms);
  registerBudgetRoutes(api, db);
  registerStaffRoutes(api, db);
  // The documents are built in a worker thread: a large PDF never holds up other users' requests.
  registerReportRoutes(api, db, reportBuilderThread);
  registerDashboardRoutes(api, new DashboardService(db, forms, config.outlierThresholdPercent, today));
  registerGovernanceRoutes(api, new GovernanceService(db));
  registerDocsRoutes(api, () => (openApi ??= buildOpenApiDocument(api.routes, config.version)));

  routes.use(api.router);
  routes.use(apiNotFound);
  app.use('/api', routes);

  serveClient(app, config.clientDir);
  app.use(errorHandler);
  return { app, api };
}

/** The built Angular app, with index.html for every client route (deep links, reloads). */
function serveClient(app: Express, clientDir: string): void {
  const index = path.join(clientDir, 'index.html');
  // Built files have content hashes in their names: cache them for good; index.html is never cached.
  app.use(express.static(clientDir, { index: false, immutable: true, maxAge: '365d' }));
  app.get(/^(?!\/api\/).*/, (req, res) => {
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('L’interface n’est pas encore construite : lancez « npm run build » (ou « npm start », qui la construit).');
      return;
    }
    res.set('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
