/** Data entry: one unit × period of values and its review circuit (and `valueProblem`, the check every imported value goes through). Needs the database, the clock and the outlier threshold. */
export { registerDataEntryRoutes } from './data-entry-routes.js';
export { DataEntryService, valueProblem, type LoadedForm } from './data-entry-service.js';
