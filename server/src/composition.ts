/**
 * The composition root: every service of the server is built here, once, and handed to the route
 * registrars by `createApp`. Read this file to see all the wiring. The command-line tools
 * (`cli/user-create.ts`) and the specs (`buildTestServices` in `testing/test-app.ts`) build their
 * services here too. Only the health probe receives the database handle itself (it has no service).
 *
 * Rules:
 * - A service receives its collaborators (other services, the clock, settings) as constructor
 *   parameters; no service and no route registrar builds another service with `new`.
 * - Repositories and the small stateless helpers over Knex (…Repository, StaffFigures,
 *   FormCatalogue, CatalogueReferences, LoginThrottle) hold no state and no collaborator: the
 *   service that owns them builds them itself (`private readonly repo = new XRepository()`).
 * - One `Clock` (today in Paris, now) is built by the caller and passed to every service that
 *   reads the date. Exception, on purpose: session expiry, session touch and the login throttle
 *   (auth, middleware/session.ts) keep the real clock — security windows do not move with tests.
 * - Features are imported only through their front door, `features/<feature>/index.ts`.
 *   A new collaborator (a mailer, an identity provider, a job runner) is built here and passed in.
 */
import type { Knex } from 'knex';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { DataVersions } from './db/data-versions.js';
import { AuditService } from './features/audit/index.js';
import { AuthService, OidcService, PasswordLinkService, SecondFactorService } from './features/auth/index.js';
import {
  AccountingImportService,
  BudgetAttachmentService,
  BudgetDecisionService,
  BudgetEntryService,
  BudgetExecutionService,
  BudgetReferenceService,
  type BudgetServices,
  ReceiptService,
} from './features/budget/index.js';
import { CampaignService } from './features/campaigns/index.js';
import { CareOfferService, CommuneDirectory } from './features/care-offer/index.js';
import { DimensionService, IndicatorService, RuleService, TargetService, type CatalogueServices } from './features/catalogue/index.js';
import { CollectionImportService } from './features/collection-import/index.js';
import { CompletenessService } from './features/completeness/index.js';
import { CostPerActivityService } from './features/cost-per-activity/index.js';
import { DashboardCache, DashboardService } from './features/dashboards/index.js';
import { DataEntryService } from './features/data-entry/index.js';
import { GovernanceService } from './features/governance/index.js';
import { CampaignReminders, MailPreferencesService, MailService, ReportNotifications, WorkflowNotifications, type MailTransport } from './features/mail/index.js';
import {
  ActivityReportService,
  FinancialReportService,
  ReportNarrativeService,
  ReportVersionService,
  type ReportBuilders,
  type ReportServices,
} from './features/reports/index.js';
import { StaffService } from './features/staff/index.js';
import { UnitService } from './features/units/index.js';
import type { UploadParsers } from './features/upload-parsing/index.js';
import { UserService } from './features/users/index.js';

export interface CompositionDeps {
  readonly db: Knex;
  readonly config: Config;
  readonly clock: Clock;
  /** Builds the annual report documents (a worker thread in the server; the in-process builders in tests). */
  readonly reportBuilders: ReportBuilders;
  /** Sends e-mails (SMTP from `SMTP_URL`); null keeps them in the outbox. */
  readonly mailTransport: MailTransport | null;
  /** Reads the uploaded files (a worker thread in the server; the in-process parsers in tests). */
  readonly uploadParsers: UploadParsers;
}

export interface Services {
  readonly clock: Clock;
  /** The versions of the data (`dashboard_versions`): the session middleware and the dashboards' cache read them. */
  readonly dataVersions: DataVersions;
  readonly auth: AuthService;
  /** Sign-in through the identity provider (OpenID Connect); inactive without `OIDC_ISSUER`. */
  readonly oidc: OidcService;
  readonly secondFactor: SecondFactorService;
  /** Links to choose a password by e-mail: « Mot de passe oublié ? » and invitations. */
  readonly passwordLinks: PasswordLinkService;
  readonly units: UnitService;
  readonly users: UserService;
  readonly audit: AuditService;
  readonly catalogue: CatalogueServices;
  readonly campaigns: CampaignService;
  readonly dataEntry: DataEntryService;
  readonly completeness: CompletenessService;
  readonly collectionImport: CollectionImportService;
  readonly budget: BudgetServices;
  readonly budgetAttachments: BudgetAttachmentService;
  readonly accountingImport: AccountingImportService;
  readonly staff: StaffService;
  readonly costPerActivity: CostPerActivityService;
  readonly reports: ReportServices;
  readonly dashboards: DashboardService;
  readonly governance: GovernanceService;
  readonly careOffer: CareOfferService;
  readonly communes: CommuneDirectory;
  readonly mail: MailService;
  readonly reminders: CampaignReminders;
  readonly mailPreferences: MailPreferencesService;
}

/** Builds every service of the server once, each with its collaborators. */
export function composeServices({ db, config, clock, reportBuilders, uploadParsers, mailTransport }: CompositionDeps): Services {
  const mail = new MailService(db, mailTransport, { from: config.mailFrom, retrySeconds: config.mailRetrySeconds });
  const budget: BudgetServices = {
    reference: new BudgetReferenceService(db, clock),
    decisions: new BudgetDecisionService(db, clock),
    entries: new BudgetEntryService(db, clock),
    execution: new BudgetExecutionService(db, clock),
    receipts: new ReceiptService(db, clock),
  };
  const staff = new StaffService(db);
  const dataEntry = new DataEntryService(db, clock, new WorkflowNotifications(mail, config.publicUrl), config.outlierThresholdPercent);
  const completeness = new CompletenessService(db, clock);
  const costPerActivity = new CostPerActivityService(db, budget.execution);
  const communes = new CommuneDirectory();
  const dataVersions = new DataVersions(db);

  const activity = new ActivityReportService(db, completeness, config.publicUrl);
  const financial = new FinancialReportService(db, budget, costPerActivity);
  const narratives = new ReportNarrativeService(db);
  const versions = new ReportVersionService(db, activity, financial, narratives, reportBuilders, clock, new ReportNotifications(mail, config.publicUrl));
  const secondFactor = new SecondFactorService(db, config);
  const passwordLinks = new PasswordLinkService(db, mail, config.publicUrl);

  return {
    clock,
    dataVersions,
    auth: new AuthService(db, config, secondFactor),
    secondFactor,
    passwordLinks,
    oidc: new OidcService(db, config.oidc),
    units: new UnitService(db),
    users: new UserService(db, passwordLinks),
    audit: new AuditService(db),
    catalogue: {
      dimensions: new DimensionService(db),
      indicators: new IndicatorService(db, clock),
      targets: new TargetService(db),
      rules: new RuleService(db),
    },
    campaigns: new CampaignService(db),
    dataEntry,
    completeness,
    collectionImport: new CollectionImportService(db, dataEntry, uploadParsers),
    budget,
    budgetAttachments: new BudgetAttachmentService(db, budget.entries),
    accountingImport: new AccountingImportService(db, budget.entries, budget.receipts, uploadParsers),
    staff,
    costPerActivity,
    reports: { activity, financial, narratives, versions },
    dashboards: new DashboardService(db, dataEntry, budget.execution, staff, completeness, costPerActivity, config.outlierThresholdPercent, clock, new DashboardCache(dataVersions)),
    governance: new GovernanceService(db),
    careOffer: new CareOfferService(db, clock, uploadParsers, communes),
    communes,
    mail,
    reminders: new CampaignReminders(db, completeness, mail, clock, config.publicUrl),
    mailPreferences: new MailPreferencesService(db),
  };
}
