/** Excel downloads of the budget's and the staff's tables. Needs BudgetService, StaffService and the clock (default `asOf`). */
export { registerBudgetExportRoutes } from './budget-export-routes.js';
