/** The budget (GBCP): fiscal years, sources, lines, decisions, commitments, payments, execution. Needs the database. */
export { registerBudgetRoutes } from './budget-routes.js';
export { BudgetService } from './budget-service.js';
