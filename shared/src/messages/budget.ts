/**
 * Messages of the budget: fiscal years, funding sources, lines, decisions, entries, forecasts,
 * attachments and the accounting import. Amounts are in cents, formatted here.
 */
import { formatEuros } from '../finance/money.js';
import { frenchStaleVersion } from './errors.js';
import type { CatalogueOf } from './types.js';

/** The dated entry that falls outside its line's fiscal year. */
export type BudgetEntryDate = 'commitment' | 'payment' | 'reversal';

/** An attachment's content as sniffed from its bytes. */
export type AttachmentContent = 'application/pdf' | 'image/png' | 'image/jpeg';

export interface BudgetMessageParams {
  'budget.fiscal_year_not_found': { readonly year: number };
  /** A closed year: read only (also the staff's and the accounting import's). */
  'budget.fiscal_year_closed': { readonly year: number };
  'budget.fiscal_year_exists': { readonly year: number };
  'budget.fiscal_year_exists_field': void;
  'budget.fiscal_year_stale': { readonly year: number };
  'budget.no_fiscal_year_between': { readonly from: number; readonly to: number };
  'budget.decision_date_outside_year': { readonly year: number };
  /** A BI or a BR adopted without the general assembly's deliberation. */
  'budget.deliberation_required': { readonly code: string };
  /** A transfer is the authorising officer's decision: no deliberation. */
  'budget.deliberation_for_transfer': void;
  /** The deliberation's date is outside what the decision's year allows (the year; the year before too for a BI). */
  'budget.deliberation_outside_year': { readonly number: string; readonly year: number; readonly initial: boolean };
  'budget.entry_date_outside_year': { readonly what: BudgetEntryDate; readonly year: number };
  'budget.funding_source_not_found': void;
  'budget.funding_source_code_taken': { readonly code: string };
  'budget.funding_source_stale': void;
  'budget.notified_version_required': void;
  'budget.notified_stale': { readonly year: number };
  'budget.line_not_found': void;
  /** A decision's entry naming an unknown line id. */
  'budget.line_id_not_found': { readonly id: number };
  'budget.line_code_taken': { readonly code: string; readonly year: number };
  'budget.line_of_other_year': { readonly code: string; readonly lineYear: number; readonly year: number };
  /** A line with adopted credits or entries keeps its envelope. */
  'budget.line_envelope_frozen': void;
  'budget.line_envelope_frozen_field': void;
  'budget.line_stale': void;
  'budget.decision_not_found': void;
  'budget.initial_budget_exists': { readonly year: number };
  'budget.initial_budget_exists_field': void;
  'budget.decision_stale': void;
  'budget.decision_adopted': { readonly code: string; readonly year: number };
  'budget.personnel_ae_cp_differ': { readonly code: string; readonly aeCents: number; readonly cpCents: number };
  'budget.transfer_not_balanced': { readonly aeCents: number; readonly cpCents: number };
  /** A transfer taking credits from an envelope other than personnel (its label). */
  'budget.transfer_from_other_envelope': { readonly envelope: string; readonly amountCents: number };
  'budget.open_ae_below_committed': { readonly code: string; readonly openCents: number; readonly committedCents: number };
  'budget.open_cp_below_paid': { readonly code: string; readonly openCents: number; readonly paidCents: number };
  'budget.ae_insufficient': { readonly code: string; readonly amountCents: number; readonly leftCents: number };
  'budget.ae_insufficient_field': void;
  'budget.cp_insufficient': { readonly code: string; readonly amountCents: number; readonly leftCents: number };
  'budget.cp_insufficient_field': void;
  'budget.commitment_not_found': void;
  'budget.commitment_reversal_of_reversal': void;
  'budget.commitment_reversal_too_large': { readonly reversibleCents: number; readonly netCents: number; readonly paidCents: number };
  'budget.reversal_too_large_field': void;
  'budget.payment_of_reversal': void;
  'budget.payment_other_line': void;
  'budget.payment_over_commitment': { readonly amountCents: number; readonly commitmentId: number; readonly leftCents: number };
  'budget.payment_over_commitment_field': void;
  'budget.payment_not_found': void;
  'budget.payment_reversal_of_reversal': void;
  'budget.payment_reversal_too_large': { readonly reversibleCents: number };
  'budget.forecast_version_required': void;
  'budget.forecast_not_found': void;
  'budget.forecast_stale': void;
  /** The attached-to entity (its label) is not found. */
  'budget.attachment_entity_not_found': { readonly entity: string };
  'budget.attachments_year_closed': { readonly year: number };
  'budget.attachment_small_personnel': void;
  'budget.attachment_not_found': void;
  'budget.attachment_not_pdf_or_image': void;
  'budget.attachment_declared_as': { readonly content: AttachmentContent; readonly declaredType: string };
  'budget.attachment_name_mismatch': { readonly fileName: string; readonly content: AttachmentContent };
  'budget.attachment_withdrawn': void;
  'budget.import_refused': { readonly problems: number };
  'budget.import_unknown_line': { readonly code: string; readonly year: number };
  /** An entry's ISO date outside the year. */
  'budget.import_date_outside_year': { readonly date: string; readonly year: number };
  'budget.import_commitment_exists': { readonly reference: string; readonly year: number; readonly id: number };
  'budget.import_payment_exists': { readonly reference: string; readonly year: number; readonly id: number };
  'budget.import_commitment_ambiguous': { readonly reference: string; readonly year: number };
  'budget.import_commitment_not_found': { readonly reference: string; readonly year: number };
  'budget.import_unknown_source': { readonly code: string };
  /** Receipts (recettes encaissées) and the opening cash. */
  'budget.receipt_source_in_kind': { readonly code: string };
  'budget.notification_in_kind': { readonly code: string };
  'budget.receipt_not_notified': { readonly code: string; readonly year: number };
  'budget.receipt_exists': { readonly reference: string; readonly year: number; readonly id: number };
  'budget.receipt_reference_taken_field': void;
  'budget.receipt_not_found': void;
  'budget.receipt_reversal_of_reversal': void;
  'budget.receipt_reversal_too_large': { readonly reversibleCents: number };
  'budget.opening_cash_version_required': void;
  'budget.opening_cash_stale': { readonly year: number };
}

const entryDates: Record<BudgetEntryDate, string> = {
  commitment: 'La date d’engagement',
  payment: 'La date de paiement',
  reversal: 'La date de l’annulation',
};

const contents: Record<AttachmentContent, string> = { 'application/pdf': 'un PDF', 'image/png': 'une image PNG', 'image/jpeg': 'une image JPEG' };

export const frenchBudgetMessages: CatalogueOf<BudgetMessageParams> = {
  'budget.deliberation_required': ({ code }) =>
    `Le ${code} est adopté par une délibération de l’assemblée générale : choisissez-la (enregistrez d’abord la séance et la délibération dans « Gouvernance »).`,
  'budget.deliberation_for_transfer': () => 'Un virement est une décision de l’ordonnateur : il ne se rattache pas à une délibération de l’assemblée générale.',
  'budget.deliberation_outside_year': ({ number, year, initial }) =>
    initial
      ? `La délibération n° ${number} n’est pas de ${year - 1} ou ${year} : un budget initial ${year} est voté en ${year - 1} ou en ${year}.`
      : `La délibération n° ${number} n’est pas de ${year} : un budget rectificatif ${year} est voté pendant l’exercice.`,
  'budget.fiscal_year_not_found': ({ year }) => `Exercice ${year} introuvable.`,
  'budget.fiscal_year_closed': ({ year }) => `L’exercice ${year} est clos : il est en lecture seule.`,
  'budget.fiscal_year_exists': ({ year }) => `L’exercice ${year} existe déjà.`,
  'budget.fiscal_year_exists_field': () => 'Exercice existant.',
  'budget.fiscal_year_stale': ({ year }) => frenchStaleVersion(`L’exercice ${year}`, 'masculine'),
  'budget.no_fiscal_year_between': ({ from, to }) => `Aucun exercice entre ${from} et ${to}.`,
  'budget.decision_date_outside_year': ({ year }) =>
    `La date de la décision doit appartenir à l’exercice ${year} (le budget initial peut être voté l’année précédente).`,
  'budget.entry_date_outside_year': ({ what, year }) => `${entryDates[what]} doit appartenir à l’exercice ${year}.`,
  'budget.funding_source_not_found': () => 'Source de financement introuvable.',
  'budget.funding_source_code_taken': ({ code }) => `Le code « ${code} » est déjà utilisé par une autre source de financement.`,
  'budget.funding_source_stale': () => frenchStaleVersion('Cette source de financement', 'feminine'),
  'budget.notified_version_required': () => 'La version lue est obligatoire pour modifier un montant notifié.',
  'budget.notified_stale': ({ year }) => frenchStaleVersion(`Le montant notifié de ${year}`, 'masculine'),
  'budget.line_not_found': () => 'Ligne budgétaire introuvable.',
  'budget.line_id_not_found': ({ id }) => `Ligne budgétaire ${id} introuvable.`,
  'budget.line_code_taken': ({ code, year }) => `Le code « ${code} » est déjà utilisé par une autre ligne de ${year}.`,
  'budget.line_of_other_year': ({ code, lineYear, year }) => `La ligne « ${code} » appartient à l’exercice ${lineYear}, pas à ${year}.`,
  'budget.line_envelope_frozen': () =>
    'Cette ligne a déjà des crédits adoptés ou des écritures : son enveloppe ne change plus. Ouvrez une autre ligne et passez par un virement.',
  'budget.line_envelope_frozen_field': () => 'Enveloppe figée.',
  'budget.line_stale': () => frenchStaleVersion('Cette ligne budgétaire', 'feminine'),
  'budget.decision_not_found': () => 'Décision budgétaire introuvable.',
  'budget.initial_budget_exists': ({ year }) =>
    `Le budget initial de ${year} existe déjà : une modification passe par un budget rectificatif ou un virement.`,
  'budget.initial_budget_exists_field': () => 'Budget initial existant.',
  'budget.decision_stale': () => frenchStaleVersion('Cette décision budgétaire', 'feminine'),
  'budget.decision_adopted': ({ code, year }) =>
    `La décision ${code} de ${year} est adoptée : elle ne se modifie plus. Une correction passe par une nouvelle décision.`,
  'budget.personnel_ae_cp_differ': ({ code, aeCents, cpCents }) =>
    `Ligne « ${code} » : en personnel, les AE et les CP sont égaux (AE ${formatEuros(aeCents)}, CP ${formatEuros(cpCents)}).`,
  'budget.transfer_not_balanced': ({ aeCents, cpCents }) =>
    `Un virement est à somme nulle : il solde à ${formatEuros(aeCents)} en AE et ${formatEuros(cpCents)} en CP.`,
  'budget.transfer_from_other_envelope': ({ envelope, amountCents }) =>
    `Entre enveloppes, un virement ne part que de l’enveloppe de personnel : l’enveloppe « ${envelope} » céderait ${formatEuros(amountCents)}.`,
  'budget.open_ae_below_committed': ({ code, openCents, committedCents }) =>
    `Ligne « ${code} » : les AE ouvertes tomberaient à ${formatEuros(openCents)}, sous les ${formatEuros(committedCents)} déjà engagés.`,
  'budget.open_cp_below_paid': ({ code, openCents, paidCents }) =>
    `Ligne « ${code} » : les CP ouverts tomberaient à ${formatEuros(openCents)}, sous les ${formatEuros(paidCents)} déjà payés.`,
  'budget.ae_insufficient': ({ code, amountCents, leftCents }) =>
    `AE insuffisantes sur la ligne « ${code} » : l’engagement de ${formatEuros(amountCents)} dépasse les ${formatEuros(leftCents)} disponibles.`,
  'budget.ae_insufficient_field': () => 'Dépasse les AE disponibles.',
  'budget.cp_insufficient': ({ code, amountCents, leftCents }) =>
    `CP insuffisants sur la ligne « ${code} » : le paiement de ${formatEuros(amountCents)} dépasse les ${formatEuros(leftCents)} disponibles.`,
  'budget.cp_insufficient_field': () => 'Dépasse les CP disponibles.',
  'budget.commitment_not_found': () => 'Engagement introuvable.',
  'budget.commitment_reversal_of_reversal': () => 'Une écriture d’annulation ne s’annule pas : saisissez un nouvel engagement.',
  'budget.commitment_reversal_too_large': ({ reversibleCents, netCents, paidCents }) =>
    `Cet engagement ne peut être annulé que de ${formatEuros(reversibleCents)} (reste ${formatEuros(netCents)}, dont ${formatEuros(paidCents)} déjà payés).`,
  'budget.reversal_too_large_field': () => 'Dépasse le montant annulable.',
  'budget.payment_of_reversal': () => 'Un paiement se rattache à un engagement, pas à une écriture d’annulation.',
  'budget.payment_other_line': () => 'Cet engagement porte sur une autre ligne budgétaire.',
  'budget.payment_over_commitment': ({ amountCents, commitmentId, leftCents }) =>
    `Le paiement de ${formatEuros(amountCents)} dépasse le reste à payer de l’engagement n° ${commitmentId} (${formatEuros(leftCents)}).`,
  'budget.payment_over_commitment_field': () => 'Dépasse le reste à payer de l’engagement.',
  'budget.payment_not_found': () => 'Paiement introuvable.',
  'budget.payment_reversal_of_reversal': () => 'Une écriture d’annulation ne s’annule pas : saisissez un nouveau paiement.',
  'budget.payment_reversal_too_large': ({ reversibleCents }) => `Ce paiement ne peut être annulé que de ${formatEuros(reversibleCents)}.`,
  'budget.import_unknown_source': ({ code }) => `Source de financement « ${code} » inconnue.`,
  'budget.notification_in_kind': ({ code }) =>
    `Montant notifié : la source ${code} est une mise à disposition sans remboursement ; sa valorisation est calculée à partir des fiches de personnel mis à disposition (coût employeur), elle ne se saisit pas.`,
  'budget.receipt_source_in_kind': ({ code }) => `La source ${code} est une contribution en nature : elle ne donne lieu à aucun encaissement.`,
  'budget.receipt_not_notified': ({ code, year }) => `Aucun montant notifié par ${code} pour ${year} : saisissez d’abord la notification de l’exercice.`,
  'budget.receipt_exists': ({ reference, year, id }) => `Recette « ${reference} » déjà enregistrée en ${year} (n° ${id}).`,
  'budget.receipt_reference_taken_field': () => 'Référence déjà enregistrée.',
  'budget.receipt_not_found': () => 'Recette introuvable.',
  'budget.receipt_reversal_of_reversal': () => 'Une écriture d’annulation ne s’annule pas : saisissez une nouvelle recette.',
  'budget.receipt_reversal_too_large': ({ reversibleCents }) => `Cette recette ne peut être annulée que de ${formatEuros(reversibleCents)}.`,
  'budget.opening_cash_version_required': () => 'La version lue est obligatoire : la trésorerie de cet exercice est déjà saisie.',
  'budget.opening_cash_stale': ({ year }) => frenchStaleVersion(`La trésorerie au 1er janvier ${year}`, 'feminine'),
  'budget.forecast_version_required': () => 'La version lue est obligatoire pour modifier un atterrissage.',
  'budget.forecast_not_found': () => 'Cette ligne n’a pas d’atterrissage saisi.',
  'budget.forecast_stale': () => frenchStaleVersion('L’atterrissage de cette ligne', 'masculine'),
  'budget.attachment_entity_not_found': ({ entity }) => `${entity} introuvable.`,
  'budget.attachments_year_closed': ({ year }) => `L’exercice ${year} est clos : ses pièces justificatives sont en lecture seule.`,
  'budget.attachment_small_personnel': () =>
    'Pièce d’une dépense de personnel de moins de 3 personnes : réservée aux finances et aux administrateurs.',
  'budget.attachment_not_found': () => 'Pièce justificative introuvable.',
  'budget.attachment_not_pdf_or_image': () => 'Le fichier n’est ni un PDF, ni une image PNG ou JPEG (d’après son contenu).',
  'budget.attachment_declared_as': ({ content, declaredType }) =>
    `Le contenu du fichier est ${contents[content]}, mais il est envoyé comme « ${declaredType} ».`,
  'budget.attachment_name_mismatch': ({ fileName, content }) => `Le nom « ${fileName} » ne correspond pas au contenu du fichier (${contents[content]}).`,
  'budget.attachment_withdrawn': () => 'Cette pièce justificative est déjà retirée.',
  'budget.import_refused': ({ problems }) => `L’import est refusé : ${problems} problème${problems > 1 ? 's' : ''} (rien n’a été enregistré).`,
  'budget.import_unknown_line': ({ code, year }) => `Ligne budgétaire « ${code} » inconnue en ${year}.`,
  'budget.import_date_outside_year': ({ date, year }) => `La date ${date.split('-').reverse().join('/')} n’appartient pas à l’exercice ${year}.`,
  'budget.import_commitment_exists': ({ reference, year, id }) =>
    `Engagement « ${reference} » déjà enregistré en ${year} (n° ${id}) : ce fichier a-t-il déjà été importé ?`,
  'budget.import_payment_exists': ({ reference, year, id }) =>
    `Paiement « ${reference} » déjà enregistré en ${year} (n° ${id}) : ce fichier a-t-il déjà été importé ?`,
  'budget.import_commitment_ambiguous': ({ reference, year }) =>
    `Plusieurs engagements de ${year} portent la référence « ${reference} » : rattachez ce paiement dans l’application.`,
  'budget.import_commitment_not_found': ({ reference, year }) =>
    `Engagement « ${reference} » introuvable en ${year} (ni dans le fichier ni déjà enregistré).`,
};
