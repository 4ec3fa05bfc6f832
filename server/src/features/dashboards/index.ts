/** The dashboards, computed live. Needs the database, DataEntryService, BudgetExecutionService, StaffService, CompletenessService, CostPerActivityService, the outlier threshold and the clock. */
export { registerDashboardRoutes } from './dashboard-routes.js';
export { DashboardService } from './dashboard-service.js';
