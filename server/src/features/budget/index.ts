/**
 * The budget (GBCP): fiscal years, sources, lines, decisions, commitments, payments, execution.
 * Needs the database and the clock; one service per concern (`BudgetServices`).
 */
export { registerBudgetRoutes } from './budget-routes.js';
export { type BudgetServices } from './budget-services.js';
export { BudgetReferenceService } from './budget-reference-service.js';
export { BudgetDecisionService } from './budget-decision-service.js';
export { BudgetEntryService } from './budget-entry-service.js';
export { BudgetExecutionService } from './budget-execution-service.js';
export { BudgetReading } from './budget-service-base.js';
/** Supporting documents of commitments, payments and decisions. Needs the database. */
export { registerBudgetAttachmentRoutes } from './attachments/budget-attachment-routes.js';
export { BudgetAttachmentService } from './attachments/budget-attachment-service.js';
/** Excel downloads of the budget's and the staff's tables. Needs the budget services, StaffService and the clock (default `asOf`). */
export { registerBudgetExportRoutes } from './exports/budget-export-routes.js';
/** Import of an accounting export (commitments and payments). Needs the database and BudgetEntryService. */
export { registerAccountingImportRoutes } from './import/accounting-import-routes.js';
export { AccountingImportService } from './import/accounting-import-service.js';
/** Receipts (recettes encaissées) per funding source and year. Needs the database and the clock. */
export { registerReceiptRoutes } from './receipts/receipt-routes.js';
export { ReceiptService } from './receipts/receipt-service.js';
