import * as z from 'zod';

/**
 * Sign-in through the identity provider (OpenID Connect): what the sign-in page needs to show its
 * button, and the reasons a sign-in through the provider can end without a session. The server
 * sends the person back to `/connexion?erreur=<code>`; the page shows the sentence of the code.
 */
export const OidcSettings = z.object({
  /** Whether the server is configured with a provider (`OIDC_ISSUER`). */
  enabled: z.boolean(),
  /** The button's text, « Se connecter avec … »; null when disabled. */
  buttonLabel: z.string().nullable(),
});
export type OidcSettings = z.infer<typeof OidcSettings>;

export const OIDC_ERROR_CODES = [
  'fournisseur-indisponible',
  'annulee',
  'etat-invalide',
  'echec-fournisseur',
  'email-non-verifie',
  'compte-inconnu',
  'compte-desactive',
  'compte-deja-lie',
] as const;
export type OidcErrorCode = (typeof OIDC_ERROR_CODES)[number];

/** The French sentence of each reason, shown on the sign-in page. */
export const oidcErrorMessages: Readonly<Record<OidcErrorCode, string>> = {
  'fournisseur-indisponible':
    'Le fournisseur d’identité ne répond pas pour le moment (ou n’est pas configuré). Réessayez plus tard ou connectez-vous avec votre mot de passe.',
  annulee: 'La connexion auprès du fournisseur d’identité a été annulée.',
  'etat-invalide': 'La connexion a expiré ou n’a pas pu être vérifiée. Recommencez depuis cette page.',
  'echec-fournisseur':
    'La réponse du fournisseur d’identité n’a pas pu être vérifiée. Recommencez ; si le problème persiste, contactez l’administrateur.',
  'email-non-verifie': 'Le fournisseur d’identité n’a pas confirmé votre adresse e-mail : la connexion est refusée.',
  'compte-inconnu':
    'Aucun compte actif ne correspond à votre identité. Demandez à l’administrateur de créer votre compte avec l’adresse e-mail que connaît votre fournisseur d’identité.',
  'compte-desactive': 'Votre compte est désactivé. Contactez l’administrateur.',
  'compte-deja-lie':
    'Le compte de cette adresse e-mail est déjà lié à une autre identité du fournisseur. Contactez l’administrateur.',
};

/** The sentence of an `erreur` query parameter; a generic one for an unknown code. */
export function oidcErrorMessage(code: string): string {
  return (oidcErrorMessages as Record<string, string>)[code] ?? oidcErrorMessages['echec-fournisseur'];
}
