/** Supporting documents of commitments, payments and decisions. Needs the database. */
export { registerBudgetAttachmentRoutes } from './budget-attachment-routes.js';
export { BudgetAttachmentService } from './budget-attachment-service.js';
