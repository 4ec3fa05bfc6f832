/** Messages of the organisation: access to a centre, the centres (units) and the user accounts. */
import { frenchStaleVersion } from './errors.js';
import type { CatalogueOf } from './types.js';

export interface OrganisationMessageParams {
  'access.unit_out_of_scope': void;
  'units.not_found': void;
  /** Another centre has this code. */
  'units.code_taken': { readonly code: string };
  'units.closed_before_opened': void;
  'units.unit_stale': void;
  /** A centre with users, entries…: it closes instead. */
  'units.has_data': void;
  'users.not_found': void;
  'users.email_taken': void;
  'users.email_taken_field': void;
  /** An administrator deactivating or demoting their own account. */
  'users.self_demotion': void;
  'users.unit_lead_without_unit': void;
  'users.user_stale': void;
  /** An administrator turning off their own password while their account is not linked to the identity provider. */
  'users.self_password_disabled_unlinked': void;
  /** A password the strength estimator guesses easily: its French warning (or null) and suggestions. */
  'users.weak_password': { readonly warning: string | null; readonly suggestions: readonly string[] };
}

export const frenchOrganisationMessages: CatalogueOf<OrganisationMessageParams> = {
  'access.unit_out_of_scope': () => 'Ce centre ne fait pas partie de votre périmètre.',
  'units.not_found': () => 'Centre introuvable.',
  'units.code_taken': ({ code }) => `Le code « ${code} » est déjà utilisé par un autre centre.`,
  'units.closed_before_opened': () => 'La date de fermeture doit suivre la date d’ouverture.',
  'units.unit_stale': () => frenchStaleVersion('Ce centre', 'masculine'),
  'units.has_data': () =>
    'Ce centre a déjà des données (utilisateurs rattachés, saisies…) : il ne peut pas être supprimé. Renseignez plutôt sa date de fermeture.',
  'users.not_found': () => 'Utilisateur introuvable.',
  'users.email_taken': () => 'Cette adresse e-mail est déjà utilisée.',
  'users.email_taken_field': () => 'Adresse déjà utilisée.',
  'users.self_demotion': () => 'Vous ne pouvez pas désactiver votre propre compte ni retirer vos propres droits d’administrateur.',
  'users.unit_lead_without_unit': () => 'Un responsable de centre doit être rattaché à au moins un centre.',
  'users.user_stale': () => frenchStaleVersion('Cet utilisateur', 'masculine'),
  'users.self_password_disabled_unlinked': () =>
    'Connectez-vous d’abord une fois avec le fournisseur d’identité : sans cela, désactiver votre mot de passe vous fermerait l’accès.',
  'users.weak_password': ({ warning, suggestions }) =>
    [
      'Mot de passe trop facile à deviner' + (warning ? ` : ${warning.replace(/\.$/, '')}.` : '.'),
      ...suggestions,
      'Choisissez par exemple trois ou quatre mots sans rapport entre eux, séparés par des tirets.',
    ].join(' '),
};
