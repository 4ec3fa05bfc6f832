/** Import of an accounting export (commitments and payments). Needs the database and BudgetService. */
export { registerAccountingImportRoutes } from './accounting-import-routes.js';
export { AccountingImportService } from './accounting-import-service.js';
