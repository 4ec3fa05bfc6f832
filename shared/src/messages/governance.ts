/** Messages of the governance: members, bodies, meetings, deliberations and deliverables. */
import { frenchStaleVersion } from './errors.js';
import type { CatalogueOf } from './types.js';

export interface GovernanceMessageParams {
  /** A PDF upload whose content is not a PDF. */
  'governance.file_not_pdf': void;
  /** A PDF sent under another media type. */
  'governance.file_declared_as': { readonly declaredType: string };
  /** The upload route got something else than the raw PDF. */
  'governance.send_raw_pdf': void;
  'governance.member_exists': { readonly name: string };
  'governance.member_exists_field': void;
  'governance.member_not_found': void;
  'governance.member_stale': void;
  /** A member who attended a meeting: their membership ends instead. */
  'governance.member_attended': void;
  'governance.body_exists': { readonly name: string };
  'governance.body_exists_field': void;
  'governance.body_not_found': void;
  'governance.body_stale': void;
  'governance.body_unknown': void;
  'governance.attendee_unknown': void;
  /** An attendee who was not a member on the meeting's date. */
  'governance.attendee_not_member': { readonly name: string };
  'governance.meeting_not_found': void;
  /** A meeting moved after a deliberation it adopted (the deliberation's ISO date). */
  'governance.meeting_after_deliberation': { readonly number: string; readonly adoptedOn: string };
  'governance.meeting_stale': void;
  'governance.meeting_has_deliberations': void;
  'governance.meeting_unknown': void;
  'governance.number_year_mismatch': void;
  'governance.deliberation_before_meeting': void;
  /** The number is taken in its year (the number's first four characters). */
  'governance.number_taken': { readonly number: string; readonly year: string };
  'governance.number_taken_field': void;
  'governance.deliberation_not_found': void;
  'governance.deliberation_stale': void;
  'governance.minutes_not_found': void;
  'governance.deliverable_not_found': void;
  'governance.deliverable_stale': void;
  'governance.deliverable_file_not_found': void;
  /** A deliberation a budget decision or a report approval rests on (their names, joined). */
  'governance.deliberation_in_use': { readonly number: string; readonly uses: readonly string[] };
  /** A meeting an official report version is submitted to. */
  'governance.meeting_has_versions': void;
  /** A budget decision or a report approval naming a deliberation that does not exist. */
  'governance.deliberation_unknown': void;
  /** …naming a deliberation of another body than the general assembly (that body's name). */
  'governance.deliberation_not_assembly': { readonly number: string; readonly bodyName: string };
  /** …naming a deliberation that was voted down. */
  'governance.deliberation_rejected': { readonly number: string; readonly votesFor: number; readonly votesAgainst: number };
}

export const frenchGovernanceMessages: CatalogueOf<GovernanceMessageParams> = {
  'governance.deliberation_in_use': ({ number, uses }) =>
    `La délibération n° ${number} fonde ${uses.join(', ')} : elle ne peut plus être modifiée ni supprimée.`,
  'governance.meeting_has_versions': () => 'Une version officielle des rapports est soumise à cette séance : elle ne peut pas être supprimée.',
  'governance.deliberation_unknown': () => 'Cette délibération n’existe pas.',
  'governance.deliberation_not_assembly': ({ number, bodyName }) =>
    `La délibération n° ${number} a été prise par l’instance « ${bodyName} », pas par l’assemblée générale.`,
  'governance.deliberation_rejected': ({ number, votesFor, votesAgainst }) =>
    `La délibération n° ${number} n’a pas été adoptée (${votesFor} voix pour, ${votesAgainst} contre).`,
  'governance.file_not_pdf': () => 'Le fichier n’est pas un PDF (d’après son contenu).',
  'governance.file_declared_as': ({ declaredType }) => `Le contenu du fichier est un PDF, mais il est envoyé comme « ${declaredType} ».`,
  'governance.send_raw_pdf': () => 'Envoyez le PDF lui-même, avec l’en-tête Content-Type application/pdf.',
  'governance.member_exists': ({ name }) => `Le membre « ${name} » existe déjà.`,
  'governance.member_exists_field': () => 'Membre déjà enregistré.',
  'governance.member_not_found': () => 'Membre introuvable.',
  'governance.member_stale': () => frenchStaleVersion('Ce membre', 'masculine'),
  'governance.member_attended': () =>
    'Ce membre figure parmi les présents d’une séance : il ne peut pas être supprimé. Renseignez plutôt sa date de fin d’adhésion.',
  'governance.body_exists': ({ name }) => `L’instance « ${name} » existe déjà.`,
  'governance.body_exists_field': () => 'Instance déjà enregistrée.',
  'governance.body_not_found': () => 'Instance introuvable.',
  // « modifié » as the service has always written it for this feminine subject.
  'governance.body_stale': () => frenchStaleVersion('Cette instance', 'masculine'),
  'governance.body_unknown': () => 'Cette instance n’existe pas.',
  'governance.attendee_unknown': () => 'Un des présents ou représentés n’est pas un membre enregistré.',
  'governance.attendee_not_member': ({ name }) => `« ${name} » n’était pas membre du groupement à la date de la séance.`,
  'governance.meeting_not_found': () => 'Séance introuvable.',
  'governance.meeting_after_deliberation': ({ number, adoptedOn }) => `La délibération ${number} est datée du ${adoptedOn}, avant cette date de séance.`,
  'governance.meeting_stale': () => frenchStaleVersion('Cette séance', 'masculine'),
  'governance.meeting_has_deliberations': () => 'Cette séance a adopté des délibérations : supprimez-les d’abord.',
  'governance.meeting_unknown': () => 'Cette séance n’existe pas.',
  'governance.number_year_mismatch': () => 'Le numéro commence par l’année de la délibération (AAAA-NN).',
  'governance.deliberation_before_meeting': () => 'La délibération ne peut pas précéder la séance qui l’adopte.',
  'governance.number_taken': ({ number, year }) => `Le numéro ${number} est déjà attribué à une autre délibération de ${year}.`,
  'governance.number_taken_field': () => 'Numéro déjà attribué.',
  'governance.deliberation_not_found': () => 'Délibération introuvable.',
  'governance.deliberation_stale': () => frenchStaleVersion('Cette délibération', 'masculine'),
  'governance.minutes_not_found': () => 'Aucun procès-verbal pour cette délibération.',
  'governance.deliverable_not_found': () => 'Livrable introuvable.',
  'governance.deliverable_stale': () => frenchStaleVersion('Ce livrable', 'masculine'),
  'governance.deliverable_file_not_found': () => 'Aucun fichier joint à ce livrable.',
};
