import * as z from 'zod';
import { Timestamp } from './common.js';
import type { Role } from '../roles.js';

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

/** The kinds each role may receive: the ones listed on « Mon compte » (security e-mails, added to every role, included). */
export const mailKindsByRole: Record<Role, readonly MailKind[]> = {
  admin: ['submission.submitted', 'reminder.overdue', 'report.presented', 'report.approved'],
  unit_lead: ['period.opened', 'reminder.due_soon', 'reminder.overdue', 'submission.returned', 'submission.validated', 'value.reopened'],
  board: ['report.presented', 'report.approved'],
  finance: [],
};

/** Kinds no one can turn off, whatever the role (security e-mails: a password reset, an invitation…). */
export const MANDATORY_MAIL_KINDS: readonly MailKind[] = ['password.reset', 'account.invitation'];

/** Kinds mandatory for one role: a unit lead cannot stop the reminders of an overdue form. */
export const MANDATORY_MAIL_KINDS_BY_ROLE: Partial<Record<Role, readonly MailKind[]>> = {
  unit_lead: ['reminder.overdue'],
};

export function mailKindMandatory(role: Role, kind: MailKind): boolean {
  return MANDATORY_MAIL_KINDS.includes(kind) || (MANDATORY_MAIL_KINDS_BY_ROLE[role] ?? []).includes(kind);
}

/** The kinds listed for a role on « Mon compte »: its own ones, then the mandatory ones of everyone. */
export function mailKindsOf(role: Role): MailKind[] {
  return [...new Set([...mailKindsByRole[role], ...MANDATORY_MAIL_KINDS])];
}

export const MailPreference = z.object({
  kind: z.enum(MAIL_KINDS),
  label: z.string(),
  received: z.boolean(),
  mandatory: z.boolean().describe('Toujours reçu : un courriel de sécurité, ou une relance de retard pour un responsable de centre'),
});
export type MailPreference = z.infer<typeof MailPreference>;

export const MailPreferences = z.object({
  items: z.array(MailPreference),
  /** The preferences' version (0 before the first change): sent back with a change. */
  version: z.number().int(),
});
export type MailPreferences = z.infer<typeof MailPreferences>;

export const MailPreferencesUpdate = z.strictObject({
  version: z.number({ error: 'Version attendue.' }).int({ error: 'Version attendue.' }).min(0, { error: 'Version attendue.' }),
  /** The kinds the user no longer wants; any other kind of their role is received. */
  optedOut: z.array(z.enum(MAIL_KINDS, { error: 'Type de courriel inconnu.' }), { error: 'Liste des courriels attendue.' }).max(MAIL_KINDS.length * 2, { error: 'Liste des courriels trop longue.' }),
});
export type MailPreferencesUpdate = z.infer<typeof MailPreferencesUpdate>;

/** How far ahead the admin sees the scheduled reminders. */
export const MAIL_SCHEDULE_DAYS = 30;

export const MailScheduleQuery = z.strictObject({
  unitId: z.coerce.number({ error: 'Centre attendu.' }).int({ error: 'Centre attendu.' }).positive({ error: 'Centre attendu.' }).optional(),
});
export type MailScheduleQuery = z.infer<typeof MailScheduleQuery>;

export const ScheduledReminder = z.object({
  /** The day the daily job will write it (`YYYY-MM-DD`, Paris, from 8 a.m.). */
  date: z.string(),
  kind: z.enum(MAIL_KINDS),
  unit: z.object({ id: z.number().int(), code: z.string(), name: z.string() }),
  period: z.string(),
  dueOn: z.string(),
  /** Who would receive it today, preferences applied (the unit's leads, and the coordination from the second overdue reminder). */
  recipients: z.number().int(),
});
export type ScheduledReminder = z.infer<typeof ScheduledReminder>;

export const MailSchedule = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(ScheduledReminder),
});
export type MailSchedule = z.infer<typeof MailSchedule>;
