export { MailService, startMailSender, type MailSettings } from './mail-service.js';
export { smtpTransport, type MailTransport } from './mail-transport.js';
export { ReportNotifications, WorkflowNotifications } from './workflow-notifications.js';
export { registerMailRoutes } from './mail-routes.js';
export type { WorkflowKind } from './mail-templates.js';
export { CampaignReminders, startReminderSchedule } from './campaign-reminders.js';
export { MailPreferencesService } from './mail-preferences-service.js';
export { seedDemoMail } from './demo-mail.js';
