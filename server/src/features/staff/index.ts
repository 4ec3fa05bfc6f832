/** Staff, assignments, ETPT, ceilings and in-kind contributions (personal data). Needs the database. */
export { registerStaffRoutes } from './staff-routes.js';
export { StaffService } from './staff-service.js';
