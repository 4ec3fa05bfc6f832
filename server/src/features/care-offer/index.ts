/** The care-offer registry (offre de soins) and its open export. Needs the database and the clock. */
export { registerCareOfferRoutes } from './care-offer-routes.js';
export { CareOfferService } from './care-offer-service.js';
export { CareOfferRepository } from './care-offer-repository.js';
export { registerCommuneRoutes } from './commune-routes.js';
export { CommuneDirectory } from './commune-directory.js';
