/**
 * Constants and French labels without any zod: the client's initial bundle (shell, guards,
 * interceptor) imports these from '@cn2r/shared/labels' and so does not carry the validation
 * library, which loads with the feature pages that validate forms.
 */
export const ROLE_VALUES = ['admin', 'unit_lead', 'finance', 'board'] as const;
export type RoleValue = (typeof ROLE_VALUES)[number];

export const roleLabels: Record<RoleValue, string> = {
  admin: 'Coordination CN2R (administrateur)',
  unit_lead: 'Responsable de centre',
  finance: 'Finances',
  board: 'Bureau / gouvernance',
};

export const UNIT_KIND_VALUES = ['crp', 'cn2r'] as const;
export type UnitKindValue = (typeof UNIT_KIND_VALUES)[number];

export const unitKindLabels: Record<UnitKindValue, string> = {
  crp: 'Centre régional du psychotraumatisme',
  cn2r: 'CN2R (centre national)',
};

export const PASSWORD_MIN_LENGTH = 12;

export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'csrf_failed',
  'not_found',
  'conflict',
  'too_many_attempts',
  'payload_too_large',
  'unsupported_media_type',
  'internal',
] as const;
export type ErrorCodeValue = (typeof ERROR_CODES)[number];

/** Default French messages, used when the server gives none and by the client for network errors. */
export const defaultErrorMessages: Record<ErrorCodeValue, string> = {
  bad_request: 'Requête invalide.',
  validation_failed: 'Certaines valeurs saisies sont invalides.',
  unauthenticated: 'Votre session a expiré ou vous n’êtes pas connecté. Veuillez vous reconnecter.',
  forbidden: 'Vous n’avez pas les droits nécessaires pour cette action.',
  csrf_failed: 'Jeton de sécurité manquant ou invalide. Rechargez la page puis réessayez.',
  not_found: 'Élément introuvable.',
  conflict: 'Cette modification entre en conflit avec une autre. Rechargez puis réessayez.',
  too_many_attempts: 'Trop de tentatives de connexion. Réessayez dans quelques minutes.',
  payload_too_large: 'Le contenu envoyé est trop volumineux.',
  unsupported_media_type: 'Format de contenu non pris en charge (JSON attendu).',
  internal: 'Erreur interne du serveur. Si elle persiste, contactez l’équipe CN2R avec l’identifiant indiqué.',
};
