/** Excel downloads of the budget's and the staff's tables. Needs the budget services, StaffService and the clock (default `asOf`). */
export { registerBudgetExportRoutes } from './budget-export-routes.js';
