/** Messages of the second factor (TOTP): sign-in code step, enrolment, recovery codes, devices, policy. */
import type { CatalogueOf } from './types.js';

export interface SecondFactorMessageParams {
  /** No pending sign-in in this browser, or it is over 5 minutes old. */
  'second_factor.pending_expired': void;
  /** A wrong code: tries left before the pending sign-in ends. */
  'second_factor.wrong_code': { readonly remaining: number };
  'second_factor.wrong_recovery_code': { readonly remaining: number };
  /** The last try failed: the pending sign-in is dropped. */
  'second_factor.too_many_codes': void;
  /** A recovery code while the enrolment demanded by the policy is being confirmed. */
  'second_factor.enrolment_needs_code': void;
  'second_factor.already_enabled': void;
  'second_factor.not_enabled': void;
  'second_factor.no_enrolment': void;
  /** A wrong code where a code confirms an action. */
  'second_factor.code_incorrect': void;
  'second_factor.password_incorrect': void;
  /** Disabling while the policy requires it for the role. */
  'second_factor.required_for_role': void;
  'second_factor.device_not_found': void;
  /** An administrator resetting their own second factor (the account page is for that). */
  'second_factor.reset_self': void;
  /** A sealed secret but no SECOND_FACTOR_KEY on this server. */
  'second_factor.key_missing': void;
}

export const frenchSecondFactorMessages: CatalogueOf<SecondFactorMessageParams> = {
  'second_factor.pending_expired': () => 'Votre connexion a expiré : saisissez de nouveau votre adresse e-mail et votre mot de passe.',
  'second_factor.wrong_code': ({ remaining }) => `Code incorrect. ${remaining > 1 ? `Il vous reste ${remaining} essais.` : 'Il vous reste 1 essai.'}`,
  'second_factor.wrong_recovery_code': ({ remaining }) =>
    `Code de secours incorrect ou déjà utilisé. ${remaining > 1 ? `Il vous reste ${remaining} essais.` : 'Il vous reste 1 essai.'}`,
  'second_factor.too_many_codes': () => 'Trop de codes incorrects : reconnectez-vous avec votre mot de passe.',
  'second_factor.enrolment_needs_code': () => 'Confirmez la double authentification avec un code de l’application.',
  'second_factor.already_enabled': () => 'La double authentification est déjà activée sur ce compte.',
  'second_factor.not_enabled': () => 'La double authentification n’est pas activée sur ce compte.',
  'second_factor.no_enrolment': () => 'Aucune activation en cours : recommencez l’activation de la double authentification.',
  'second_factor.code_incorrect': () => 'Code incorrect.',
  'second_factor.password_incorrect': () => 'Mot de passe incorrect.',
  'second_factor.required_for_role': () => 'La double authentification est obligatoire pour votre rôle : elle ne peut pas être désactivée.',
  'second_factor.device_not_found': () => 'Appareil introuvable.',
  'second_factor.reset_self': () => 'Gérez votre propre double authentification depuis la page « Mon compte ».',
  'second_factor.key_missing': () => 'Le secret de double authentification est chiffré mais la clé SECOND_FACTOR_KEY manque sur ce serveur.',
};
