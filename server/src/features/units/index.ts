/** The network's units (centres). Needs the database. */
export { registerUnitRoutes } from './unit-routes.js';
export { UnitService } from './unit-service.js';
