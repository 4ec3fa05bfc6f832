/**
 * Messages of the API's error codes, of the error middleware and of the conflicts every feature
 * raises (a stale version, a code already used, dates in the wrong order), with their French
 * sentences. Zod-free, like labels.ts: the client's initial bundle reads the default messages of
 * the error codes from here, without the other areas' catalogues.
 */
import type { ErrorCodeValue } from '../labels.js';
import type { CatalogueOf } from './types.js';

/** Parameters of the API's error codes and of the error middleware's messages (`void`: none). */
export interface ErrorMessageParams extends Record<ErrorCodeValue, void> {
  /** express.json could not parse the body. */
  'request.invalid_json': void;
  /** A body in an encoding or charset other than UTF-8. */
  'request.unsupported_encoding': void;
  /** A path with a broken percent-escape. */
  'request.malformed_path': void;
  /** No route answers this method and path (the path as the client asked it). */
  'request.no_route': { readonly method: string; readonly path: string };
  /** A field and its message: the one invalid field of a request, or a form value's label and its problem. */
  'validation.field': { readonly path: string; readonly message: string };
  /** Keys the schema does not know. */
  'validation.unknown_fields': { readonly keys: readonly string[] };
  /** PostgreSQL 23505 when the key columns are known: the field path (`code`, `email`…). */
  'database.unique_violation': { readonly field: string };
  /** The same, beside the field. */
  'database.unique_violation_field': void;
  /** PostgreSQL 23505 without a readable key. */
  'database.unique_violation_unknown': void;
  /** PostgreSQL 23503. */
  'database.foreign_key_violation': void;
  /** PostgreSQL check, cast and range failures (23514, 22P02, 22003, 22007, 22008). */
  'database.check_violation': void;
  /** PostgreSQL 22021 and 22P05: a text the database cannot store (a NUL, a broken byte sequence). */
  'database.invalid_text': void;
  /** The sign-in limiter: minutes before the next attempt. */
  'auth.too_many_attempts_for': { readonly minutes: number };
  /** The sign-in limiter: a wait under a minute before the next attempt (an address's growing delay). */
  'auth.too_many_attempts_for_seconds': { readonly seconds: number };
  /** Beside the `version` field of a stale write (the sentence is the area's `<area>.<thing>_stale`). */
  'conflict.stale_version_field': void;
  /** Beside a `code` field whose value another row already has. */
  'conflict.code_taken_field': void;
  /** An end date before its start date. */
  'validation.end_before_start': void;
  /** An uploaded file without a byte. */
  'upload.empty_file': void;
  /** An uploaded file over the feature's limit. */
  'upload.too_large': { readonly megabytes: number };
}

/** Their French sentences: labels.ts reads the error codes' default messages from here alone. */
export const frenchErrorMessages: CatalogueOf<ErrorMessageParams> = {
  bad_request: () => 'Requête invalide.',
  validation_failed: () => 'Certaines valeurs saisies sont invalides.',
  unauthenticated: () => 'Votre session a expiré ou vous n’êtes pas connecté. Veuillez vous reconnecter.',
  forbidden: () => 'Vous n’avez pas les droits nécessaires pour cette action.',
  csrf_failed: () => 'Jeton de sécurité manquant ou invalide. Rechargez la page puis réessayez.',
  not_found: () => 'Élément introuvable.',
  conflict: () => 'Cette modification entre en conflit avec une autre. Rechargez puis réessayez.',
  too_many_attempts: () => 'Trop de tentatives de connexion. Réessayez dans quelques minutes.',
  payload_too_large: () => 'Le contenu envoyé est trop volumineux.',
  unsupported_media_type: () => 'Format de contenu non pris en charge (JSON attendu).',
  internal: () => 'Erreur interne du serveur. Si elle persiste, contactez l’équipe CN2R avec l’identifiant indiqué.',
  'request.invalid_json': () => 'Le corps de la requête n’est pas un JSON valide.',
  'request.unsupported_encoding': () => 'Encodage non pris en charge : UTF-8 attendu.',
  'request.malformed_path': () => 'L’adresse demandée est mal formée : un caractère encodé (%) n’est pas valide.',
  'request.no_route': ({ method, path }) => `Aucune route ${method} ${path}.`,
  'validation.field': ({ path, message }) => `${path} : ${message}`,
  'validation.unknown_fields': ({ keys }) => `Champ(s) non attendu(s) : ${keys.join(', ')}.`,
  'database.unique_violation': ({ field }) => `Cette valeur existe déjà : ${field}.`,
  'database.unique_violation_field': () => 'Valeur déjà utilisée.',
  'database.unique_violation_unknown': () => 'Un élément avec cette valeur existe déjà.',
  'database.foreign_key_violation': () =>
    'Cet élément renvoie à des données absentes, ou d’autres données en dépendent : l’opération est impossible.',
  'database.check_violation': () => 'Une valeur ne respecte pas les règles de la base de données.',
  'database.invalid_text': () => 'Un texte contient un caractère que la base de données ne peut pas enregistrer (caractère de contrôle ou encodage invalide).',
  'auth.too_many_attempts_for': ({ minutes }) =>
    `Trop de tentatives de connexion infructueuses. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
  'auth.too_many_attempts_for_seconds': ({ seconds }) =>
    `Trop de tentatives de connexion infructueuses depuis votre adresse. Réessayez dans ${seconds} seconde${seconds > 1 ? 's' : ''}.`,
  'conflict.stale_version_field': () => 'Version périmée.',
  'conflict.code_taken_field': () => 'Code déjà utilisé.',
  'validation.end_before_start': () => 'La date de fin doit suivre la date de début.',
  'upload.empty_file': () => 'Le fichier est vide.',
  'upload.too_large': ({ megabytes }) => `Le fichier dépasse ${megabytes} Mo.`,
};

/**
 * The French sentence of a stale write (optimistic concurrency): « Cette règle a été modifiée par
 * quelqu’un d’autre entre-temps… », the participle agreeing with a feminine subject. Each area's
 * `<thing>_stale` key renders with it.
 */
export function frenchStaleVersion(subject: string, gender: 'masculine' | 'feminine'): string {
  return `${subject} a été ${gender === 'feminine' ? 'modifiée' : 'modifié'} par quelqu’un d’autre entre-temps. Rechargez la page puis refaites votre modification.`;
}
