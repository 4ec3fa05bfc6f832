import { formatDateFr, periodLabel, type MailKind } from '@cn2r/shared';

/** A message ready to store: one per recipient. */
export interface MailDraft {
  readonly kind: MailKind;
  readonly userId: number | null;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly unitId: number | null;
  readonly period: string | null;
  /** A scheduled reminder's identity: a second message with the same key is not written. */
  readonly dedupeKey?: string;
}

export type WorkflowKind = Extract<MailKind, 'submission.submitted' | 'submission.returned' | 'submission.validated' | 'value.reopened'>;

export interface WorkflowMailFacts {
  readonly unit: { readonly id: number; readonly name: string };
  readonly period: string;
  /** The coordination's message when it returns a form. */
  readonly message: string | null;
  /** Who did it (a person's name, shown as is). */
  readonly by: string;
  /** The form in the application: `PUBLIC_URL` + its route. */
  readonly link: string;
}

/**
 * The French texts of the review workflow's e-mails, plain text and HTML. By rule (RGPD) an e-mail
 * holds no indicator value, no staff data, no patient information: it says what happened, what to
 * do, and links to the application; the coordination's return message is the only free text.
 */
export function workflowMail(kind: WorkflowKind, facts: WorkflowMailFacts, recipient: { readonly name: string }): Pick<MailDraft, 'subject' | 'text' | 'html'> {
  const period = periodLabel(facts.period).replace(/^Année/, 'année');
  const unit = facts.unit.name;
  const content = ((): { subject: string; lines: string[]; action: string } => {
    switch (kind) {
      case 'submission.submitted':
        return {
          subject: `${unit} a transmis sa saisie (${period})`,
          lines: [`${facts.by} a transmis la saisie de ${unit} pour la période « ${period} ». Elle attend votre relecture : validez-la ou renvoyez-la au centre avec un message.`],
          action: 'Relire la saisie',
        };
      case 'submission.returned':
        return {
          subject: `Saisie renvoyée pour correction — ${unit} (${period})`,
          lines: [
            `La coordination du CN2R (${facts.by}) vous a renvoyé la saisie de ${unit} pour la période « ${period} », avec ce message :`,
            `« ${facts.message ?? ''} »`,
            'Corrigez la saisie puis transmettez-la de nouveau.',
          ],
          action: 'Corriger la saisie',
        };
      case 'submission.validated':
        return {
          subject: `Saisie validée — ${unit} (${period})`,
          lines: [`La coordination du CN2R (${facts.by}) a validé la saisie de ${unit} pour la période « ${period} ». Aucune action n’est attendue de votre part.`],
          action: 'Voir la saisie',
        };
      case 'value.reopened':
        return {
          subject: `Une valeur à corriger — ${unit} (${period})`,
          lines: [
            `La coordination du CN2R (${facts.by}) a rouvert une valeur de la saisie validée de ${unit} pour la période « ${period} ». Seule cette valeur est modifiable ; la coordination validera la correction.`,
          ],
          action: 'Corriger la valeur',
        };
    }
  })();
  return render(recipient.name, content.lines, content.action, facts.link, content.subject);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export type ReminderKind = Extract<MailKind, 'period.opened' | 'reminder.due_soon' | 'reminder.overdue'>;

export interface ReminderMailFacts {
  readonly unit: { readonly id: number; readonly name: string };
  readonly period: string;
  /** The unit's due date (its extension when it has one), `YYYY-MM-DD`. */
  readonly dueOn: string;
  /** Days left before the due date (due soon), or days late (overdue). */
  readonly days: number;
  /** The form in the application. */
  readonly link: string;
  /** A copy to the coordination (from the second overdue reminder). */
  readonly toCoordination: boolean;
}

/** The French texts of the scheduled reminders: dates in Paris, no value, a link to the form. */
export function reminderMail(kind: ReminderKind, facts: ReminderMailFacts, recipient: { readonly name: string }): Pick<MailDraft, 'subject' | 'text' | 'html'> {
  const period = periodLabel(facts.period).replace(/^Année/, 'année');
  const unit = facts.unit.name;
  const due = formatDateFr(facts.dueOn);
  const days = (n: number) => (n === 1 ? '1 jour' : `${n} jours`);
  const content = ((): { subject: string; lines: string[]; action: string } => {
    switch (kind) {
      case 'period.opened':
        return {
          subject: `La saisie du ${period} est ouverte — ${unit}`,
          lines: [`La saisie de l’activité de ${unit} pour la période « ${period} » est ouverte. Elle est à transmettre au plus tard le ${due}.`],
          action: 'Saisir l’activité',
        };
      case 'reminder.due_soon':
        return {
          subject: `Échéance dans ${days(facts.days)} : saisie du ${period} — ${unit}`,
          lines: [`La saisie de l’activité de ${unit} pour la période « ${period} » est à transmettre au plus tard le ${due}, dans ${days(facts.days)}. Elle n’a pas encore été transmise.`],
          action: 'Compléter et transmettre la saisie',
        };
      case 'reminder.overdue':
        return {
          subject: `Relance : saisie du ${period} en retard de ${days(facts.days)} — ${unit}`,
          lines: [
            `Sauf erreur de notre part, la saisie de l’activité de ${unit} pour la période « ${period} » n’a pas encore été transmise : l’échéance était le ${due} (${days(facts.days)} de retard).`,
            facts.toCoordination
              ? 'Copie à la coordination du CN2R : ce n’est pas la première relance pour cette période.'
              : 'Si vous rencontrez une difficulté, la coordination peut accorder un délai.',
          ],
          action: facts.toCoordination ? 'Voir la saisie' : 'Compléter et transmettre la saisie',
        };
    }
  })();
  return render(recipient.name, content.lines, content.action, facts.link, content.subject);
}

function render(name: string, lines: readonly string[], action: string, link: string, subject: string): Pick<MailDraft, 'subject' | 'text' | 'html'> {
  const greeting = `Bonjour ${name},`;
  const signature = ['Bien cordialement,', 'CN2R Pilotage — message automatique, merci de ne pas y répondre.'];
  const text = [greeting, '', ...lines.flatMap((l) => [l, '']), `${action} : ${link}`, '', ...signature].join('\n');
  const html = [
    '<!doctype html><html lang="fr"><body style="font-family: Arial, sans-serif; font-size: 15px; color: #1b1b1b">',
    `<p>${escapeHtml(greeting)}</p>`,
    ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    `<p><a href="${escapeHtml(link)}">${escapeHtml(action)}</a></p>`,
    `<p>${signature.map(escapeHtml).join('<br>')}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

export type ReportKind = Extract<MailKind, 'report.presented' | 'report.approved'>;

export interface ReportMailFacts {
  readonly year: number;
  readonly number: number;
  readonly by: string;
  /** The general assembly's date and deliberation (approval). */
  readonly approval: { readonly agDate: string; readonly deliberation: string } | null;
  readonly link: string;
}

/** The annual reports' official versions: presented to the assembly, approved by it. */
export function reportMail(kind: ReportKind, facts: ReportMailFacts, recipient: { readonly name: string }): Pick<MailDraft, 'subject' | 'text' | 'html'> {
  const what = `la version officielle n° ${facts.number} des rapports annuels ${facts.year} (rapport d’activité et bilan financier)`;
  if (kind === 'report.presented') {
    return render(
      recipient.name,
      [`${facts.by} a marqué ${what} comme présentée à l’assemblée générale. Ses quatre fichiers sont figés ; vous pouvez les relire avant la séance.`],
      'Voir les rapports annuels',
      facts.link,
      `Rapports ${facts.year} : version ${facts.number} présentée à l’assemblée générale`,
    );
  }
  return render(
    recipient.name,
    [
      `L’assemblée générale du ${formatDateFr(facts.approval!.agDate)} a approuvé ${what} (${facts.approval!.deliberation}), enregistré par ${facts.by}.`,
      'Le certificat d’approbation (empreintes des quatre fichiers, délibération) est téléchargeable à côté des fichiers.',
    ],
    'Voir les rapports et le certificat',
    facts.link,
    `Rapports ${facts.year} : version ${facts.number} approuvée par l’assemblée générale`,
  );
}

export type PasswordKind = Extract<MailKind, 'password.reset' | 'account.invitation'>;

export interface PasswordMailFacts {
  /** `PUBLIC_URL/mot-de-passe/nouveau?jeton=…`: the only copy of the token. */
  readonly link: string;
  /** The account's address, as it signs in. */
  readonly email: string;
  /** Who invited (an invitation). */
  readonly by: string | null;
}

/**
 * « Mot de passe oublié ? » and the invitation of a new account: what to do and the single-use
 * link, never a password. A reset the person did not ask for can be ignored: the password stays.
 */
export function passwordMail(kind: PasswordKind, facts: PasswordMailFacts, recipient: { readonly name: string }): Pick<MailDraft, 'subject' | 'text' | 'html'> {
  if (kind === 'password.reset') {
    return render(
      recipient.name,
      [
        `Une demande de nouveau mot de passe a été faite pour votre compte CN2R Pilotage (${facts.email}).`,
        'Pour choisir un nouveau mot de passe, ouvrez le lien ci-dessous. Il est valable 30 minutes et ne sert qu’une fois ; une fois le mot de passe changé, toutes les sessions ouvertes sur votre compte sont fermées.',
        'Si vous n’êtes pas à l’origine de cette demande, ignorez ce courriel : votre mot de passe reste inchangé.',
      ],
      'Choisir un nouveau mot de passe',
      facts.link,
      'CN2R Pilotage : choisir un nouveau mot de passe',
    );
  }
  return render(
    recipient.name,
    [
      `${facts.by ?? 'La coordination du CN2R'} vous a créé un compte sur CN2R Pilotage, l’application de pilotage du réseau CN2R. Vous vous y connecterez avec l’adresse ${facts.email}.`,
      'Pour activer votre compte, choisissez votre mot de passe en ouvrant le lien ci-dessous. Il est valable 7 jours et ne sert qu’une fois ; passé ce délai, demandez une nouvelle invitation à la coordination.',
    ],
    'Choisir mon mot de passe',
    facts.link,
    'Votre compte CN2R Pilotage : choisissez votre mot de passe',
  );
}
