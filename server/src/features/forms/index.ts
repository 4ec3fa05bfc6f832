/** Data entry: one unit × period of values and its review circuit. Needs the database, the clock and the outlier threshold. */
export { registerFormRoutes } from './form-routes.js';
export { FormService } from './form-service.js';
