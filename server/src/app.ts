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
import { clockWithToday, systemClock } from './clock.js';
import { composeServices } from './composition.js';
import { registerAuditRoutes } from './features/audit/index.js';
import { registerCampaignRoutes } from './features/campaigns/index.js';
import { registerCatalogueRoutes } from './features/catalogue/index.js';
import { registerAuthRoutes, registerOidcRoutes, registerPasswordLinkRoutes, registerSecondFactorRoutes } from './features/auth/index.js';
import { registerHealthRoutes } from './features/health/index.js';
import { registerUnitRoutes } from './features/units/index.js';
import { registerUserRoutes } from './features/users/index.js';
import { registerDataEntryRoutes } from './features/data-entry/index.js';
import { registerCompletenessRoutes } from './features/completeness/index.js';
import { registerCollectionImportRoutes } from './features/collection-import/index.js';
import {
  registerAccountingImportRoutes,
  registerBudgetAttachmentRoutes,
  registerBudgetExportRoutes,
  registerBudgetRoutes,
  registerReceiptRoutes,
} from './features/budget/index.js';
import { registerStaffRoutes } from './features/staff/index.js';
import { registerReportRoutes, reportBuilderThread } from './features/reports/index.js';
import { uploadParserThread } from './features/upload-parsing/index.js';
import { registerDashboardRoutes } from './features/dashboards/index.js';
import { registerGovernanceRoutes } from './features/governance/index.js';
import { registerCareOfferRoutes, registerCommuneRoutes } from './features/care-offer/index.js';
import { CampaignReminders, MailService, registerMailRoutes, smtpTransport } from './features/mail/index.js';
import { buildOpenApiDocument } from './openapi/openapi-document.js';
import { docsAssetsRouter, registerDocsRoutes } from './openapi/docs-routes.js';

export interface AppDeps {
  readonly db: Knex;
  readonly engine: DatabaseEngine;
  readonly config: Config;
  readonly logger: Logger;
  /** Today in Paris, `YYYY-MM-DD` (the day of the one `Clock` every service reads); the real date when left out. Tests inject it. */
  readonly today?: () => string;
}

export interface App {
  readonly app: Express;
  /** The route table: the OpenAPI document and the access-control tests read it. */
  readonly api: ApiRouter;
  /** The outbox: the server sends what is due on a timer (`main.ts`), tests call `sendDue()` themselves. */
  readonly mail: MailService;
  /** The daily reminders: the server tries them on a timer (`main.ts`). */
  readonly reminders: CampaignReminders;
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

  // Every service, built once in the composition root. The documents are built, and the uploaded
  // files read, in worker threads: a large PDF or workbook never holds up other users' requests.
  const reportBuilders = reportBuilderThread;
  const mailTransport = smtpTransport(config.smtpUrl);
  const services = composeServices({ db, config, clock: today ? clockWithToday(today) : systemClock, reportBuilders, uploadParsers: uploadParserThread, mailTransport });

  const api = new ApiRouter();
  const routes = express.Router();
  routes.use('/docs', docsAssetsRouter());
  routes.use(express.json({ limit: '1mb', strict: true }));
  routes.use(sessionMiddleware(db, config, services.dataVersions));
  routes.use(csrfProtection);
  routes.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  let openApi: unknown;
  registerHealthRoutes(api, db, engine, config.version);
  registerAuthRoutes(api, services.auth);
  registerPasswordLinkRoutes(api, services.passwordLinks);
  registerOidcRoutes(api, services.oidc, services.auth);
  registerSecondFactorRoutes(api, services.secondFactor);
  registerUnitRoutes(api, services.units);
  registerUserRoutes(api, services.users);
  registerAuditRoutes(api, services.audit, services.clock);
  registerCatalogueRoutes(api, services.catalogue);
  registerCampaignRoutes(api, services.campaigns);
  registerDataEntryRoutes(api, services.dataEntry);
  registerCompletenessRoutes(api, services.completeness);
  registerCollectionImportRoutes(api, services.collectionImport);
  registerBudgetRoutes(api, services.budget);
  registerBudgetExportRoutes(api, services.budget, services.staff, services.clock);
  registerBudgetAttachmentRoutes(api, services.budgetAttachments);
  registerReceiptRoutes(api, services.budget.receipts);
  registerAccountingImportRoutes(api, services.accountingImport);
  registerStaffRoutes(api, services.staff);
  registerReportRoutes(api, services.reports, reportBuilders);
  registerDashboardRoutes(api, services.dashboards);
  registerGovernanceRoutes(api, services.governance);
  registerCareOfferRoutes(api, services.careOffer, services.clock);
  registerCommuneRoutes(api, services.communes);
  registerMailRoutes(api, services.mail, services.mailPreferences, services.reminders);
  registerDocsRoutes(api, () => (openApi ??= buildOpenApiDocument(api.routes, config.version)));

  routes.use(api.router);
  routes.use(apiNotFound);
  app.use('/api', routes);

  serveClient(app, config.clientDir);
  app.use(errorHandler);
  return { app, api, mail: services.mail, reminders: services.reminders };
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
