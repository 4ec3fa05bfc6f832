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
