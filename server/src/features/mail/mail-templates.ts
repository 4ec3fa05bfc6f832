import { periodLabel, type MailKind } from '@cn2r/shared';

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
}

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
export function workflowMail(kind: MailKind, facts: WorkflowMailFacts, recipient: { readonly name: string }): Pick<MailDraft, 'subject' | 'text' | 'html'> {
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
  const greeting = `Bonjour ${recipient.name},`;
  const signature = ['Bien cordialement,', 'CN2R Pilotage — message automatique, merci de ne pas y répondre.'];
  const text = [greeting, '', ...content.lines.flatMap((l) => [l, '']), `${content.action} : ${facts.link}`, '', ...signature].join('\n');
  const html = [
    '<!doctype html><html lang="fr"><body style="font-family: Arial, sans-serif; font-size: 15px; color: #1b1b1b">',
    `<p>${escapeHtml(greeting)}</p>`,
    ...content.lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    `<p><a href="${escapeHtml(facts.link)}">${escapeHtml(content.action)}</a></p>`,
    `<p>${signature.map(escapeHtml).join('<br>')}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: content.subject, text, html };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
