/** Import of an accounting export (commitments and payments). Needs the database and BudgetEntryService. */
export { registerAccountingImportRoutes } from './accounting-import-routes.js';
export { AccountingImportService } from './accounting-import-service.js';
