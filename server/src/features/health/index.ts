/** Liveness and database probe. Needs the database handle itself, its engine and the version (no service). */
export { registerHealthRoutes } from './health-routes.js';
