/** Yearly collection campaigns, their periods, deadlines and extensions. Needs the database. */
export { registerCampaignRoutes } from './campaign-routes.js';
export { CampaignService } from './campaign-service.js';
