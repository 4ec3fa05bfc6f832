/**
 * The annual reports: live data, narratives, official versions and their frozen files. Needs the
 * database, CompletenessService, the budget services, CostPerActivityService, the clock and the document
 * builders (`reportBuilderThread` in the server, `annualReportBuilders` in-process).
 * Offers NetworkFigures (validated values aggregated across units) to the dashboards and the cost per activity.
 */
export { registerReportRoutes, type ReportServices } from './report-routes.js';
export { ActivityReportService } from './activity-report-service.js';
export { FinancialReportService } from './financial-report-service.js';
export { ReportNarrativeService } from './report-narrative-service.js';
export { ReportVersionService } from './report-version-service.js';
export type { ReportBuilders } from './report-documents.js';
export { NetworkFigures } from './network-figures.js';
export { reportBuilderThread } from './report-builder-thread.js';
export { annualReportBuilders } from './annual-report-builders.js';
