import * as z from 'zod';
import { Timestamp } from './common.js';

/** What an e-mail is about: one template each (server `features/mail/mail-templates.ts`). */
export const MAIL_KINDS = ['submission.submitted', 'submission.returned', 'submission.validated', 'value.reopened', 'period.opened', 'reminder.due_soon', 'reminder.overdue', 'report.presented', 'report.approved', 'password.reset', 'account.invitation'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export const mailKindLabels: Record<MailKind, string> = {
  'submission.submitted': 'Saisie transmise',
  'submission.returned': 'Saisie renvoyée au centre',
  'submission.validated': 'Saisie validée',
  'value.reopened': 'Valeur rouverte',
  'period.opened': 'Ouverture de la saisie',
  'reminder.due_soon': 'Échéance proche',
  'reminder.overdue': 'Relance : saisie en retard',
  'report.presented': 'Rapports annuels présentés',
  'report.approved': 'Rapports annuels approuvés',
  'password.reset': 'Mot de passe oublié',
  'account.invitation': 'Invitation à créer son mot de passe',
};

/**
 * `outbox`: kept in the application only (no SMTP server configured); `pending`: to send, or to
 * retry after a failure; `sent`; `failed`: given up after the last retry, with the error.
 */
export const MAIL_STATUSES = ['outbox', 'pending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export const mailStatusLabels: Record<MailStatus, string> = {
  outbox: 'Dans la boîte d’envoi',
  pending: 'À envoyer',
  sent: 'Envoyé',
  failed: 'Échec',
};

export const OutboxMessage = z.object({
  id: z.number().int(),
  kind: z.enum(MAIL_KINDS),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  unit: z.object({ id: z.number().int(), code: z.string(), name: z.string() }).nullable(),
  period: z.string().nullable(),
  status: z.enum(MAIL_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: Timestamp.nullable(),
  lastError: z.string().nullable(),
  createdAt: Timestamp,
  sentAt: Timestamp.nullable(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

export const OutboxPage = z.object({
  items: z.array(OutboxMessage),
  total: z.number().int(),
  /** Whether messages leave by SMTP (`SMTP_URL` set) or stay in the outbox. */
  smtp: z.boolean(),
});
export type OutboxPage = z.infer<typeof OutboxPage>;

export const OutboxQuery = z.strictObject({
  status: z.enum(MAIL_STATUSES, { error: 'Statut inconnu.' }).optional(),
  unitId: z.coerce.number({ error: 'Centre attendu.' }).int({ error: 'Centre attendu.' }).positive({ error: 'Centre attendu.' }).optional(),
  page: z.coerce.number({ error: 'Page attendue.' }).int({ error: 'Page attendue.' }).min(1, { error: 'Page attendue.' }).max(10_000, { error: 'Page attendue.' }).default(1),
});
export type OutboxQuery = z.infer<typeof OutboxQuery>;
export const OUTBOX_PAGE_SIZE = 50;
