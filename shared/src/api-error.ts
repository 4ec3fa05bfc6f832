import { z } from 'zod';

/** Stable machine-readable error codes of the API. The message beside each is French. */
export const ErrorCode = z.enum([
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
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldError = z.object({
  path: z.string().describe('Chemin du champ en faute, par exemple « email » ou « unitIds.0 »'),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

/** The one JSON shape of every error answer. */
export const ApiErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    fields: z.array(FieldError).optional(),
    errorId: z.string().optional().describe('Identifiant à communiquer au support (erreurs 500)'),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** Default French messages, used when the server gives none and by the client for network errors. */
export const defaultErrorMessages: Record<ErrorCode, string> = {
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
