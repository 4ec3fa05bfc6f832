/** Cost per activity of a year (no routes of its own: dashboards and the financial report show it). Needs the database, BudgetExecutionService and the clock. */
export { CostPerActivityService } from './cost-per-activity-service.js';
