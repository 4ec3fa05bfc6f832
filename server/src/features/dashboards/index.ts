/** The dashboards, computed once per change of the data they read and served with an entity tag. Needs the database, DataEntryService, BudgetExecutionService, StaffService, CompletenessService, CostPerActivityService, the outlier threshold, the clock and a DashboardCache. */
export { registerDashboardRoutes } from './dashboard-routes.js';
export { DashboardService, type ServedKind } from './dashboard-service.js';
export { DashboardCache, type DashboardCacheLimits, type DashboardReads, type ServedDashboard } from './dashboard-cache.js';
