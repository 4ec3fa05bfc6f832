/** Data entry: one unit × period of values and its review circuit (and `valueProblem`, the check every imported value goes through). Needs the database, the clock and the outlier threshold. */
export { registerFormRoutes } from './form-routes.js';
export { FormService, valueProblem, type LoadedForm } from './form-service.js';
