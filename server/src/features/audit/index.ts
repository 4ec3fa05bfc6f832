/**
 * Audit log: reading and CSV export (admin). Needs the database and the clock (the file's date).
 * Writing is `recordAudit(trx, …)`, called by every feature inside its own transaction.
 */
export { registerAuditRoutes } from './audit-routes.js';
export { AuditService } from './audit-service.js';
export { recordAudit, recordAudits } from './audit-log.js';
