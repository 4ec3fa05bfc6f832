/** Messages of « Mot de passe oublié ? » and of the invitations to choose a password (issue #14). */
import type { CatalogueOf } from './types.js';

export interface PasswordResetMessageParams {
  /** The answer to every reset request: the same whether the address has an account or not. */
  'password_reset.requested': void;
  /** A used, expired, unknown or incomplete link. */
  'password_reset.token_invalid': void;
  /** An invitation sent again for an account that has already signed in. */
  'users.invitation_already_signed_in': void;
  /** An invitation for a deactivated account. */
  'users.invitation_inactive': void;
  /** An invitation for an account that signs in through the identity provider only. */
  'users.invitation_password_disabled': void;
}

export const frenchPasswordResetMessages: CatalogueOf<PasswordResetMessageParams> = {
  'password_reset.requested': () =>
    'Si un compte actif correspond à cette adresse, un courriel vient de lui être envoyé avec un lien pour choisir un nouveau mot de passe, valable 30 minutes. Pensez à regarder dans les courriers indésirables.',
  'password_reset.token_invalid': () =>
    'Ce lien n’est plus valable : il a déjà servi, il a expiré ou il est incomplet. Demandez un nouveau lien depuis « Mot de passe oublié ? » sur la page de connexion (pour une invitation, demandez-en une nouvelle à la coordination).',
  'users.invitation_already_signed_in': () =>
    'Ce compte s’est déjà connecté : il n’a plus besoin d’invitation. La personne peut utiliser « Mot de passe oublié ? » sur la page de connexion.',
  'users.invitation_inactive': () => 'Ce compte est désactivé : réactivez-le avant de lui envoyer une invitation.',
  'users.invitation_password_disabled': () =>
    'Ce compte se connecte par le fournisseur d’identité seulement : il n’a pas de mot de passe à choisir.',
};
