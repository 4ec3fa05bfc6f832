/** Governance records: members, bodies, meetings, deliberations with minutes, deliverables. Needs the database. */
export { registerGovernanceRoutes } from './governance-routes.js';
export { GovernanceService } from './governance-service.js';
export { AssemblyDeliberations } from './assembly-deliberations.js';
