/** The completeness board of a campaign (expected, submitted, late). Needs the database and the clock. */
export { registerCompletenessRoutes } from './completeness-routes.js';
export { CompletenessService } from './completeness-service.js';
