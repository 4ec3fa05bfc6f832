/** User accounts and their units. Needs the database. */
export { registerUserRoutes } from './user-routes.js';
export { UserService } from './user-service.js';
