/**
 * User-facing messages by stable key, with typed parameters, and their French catalogue (see
 * « Les textes » in README.md). Code that answers a user names a key and its parameters; the
 * catalogue turns them into a sentence. An English catalogue is one more `MessageCatalogue`: the
 * compiler then lists every key it still lacks. Zod-free, like labels.ts: the client's initial
 * bundle reads the default messages from here.
 *
 * Keys:
 * - the API's error codes (`ErrorCodeValue`, shared/src/api-error.ts): the default message of each;
 * - `<area>.<what>` for a more precise message, the area being where it is raised.
 */
import type { ErrorCodeValue } from './labels.js';

/** Parameters of each message (`void`: none). */
export interface MessageParams extends Record<ErrorCodeValue, void> {
  /** express.json could not parse the body. */
  'request.invalid_json': void;
  /** A body in an encoding or charset other than UTF-8. */
  'request.unsupported_encoding': void;
  /** A path with a broken percent-escape. */
  'request.malformed_path': void;
  /** No route answers this method and path (the path as the client asked it). */
  'request.no_route': { readonly method: string; readonly path: string };
  /** Several invalid fields: one sentence for the field and its message. */
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
  /** The sign-in limiter: minutes before the next attempt. */
  'auth.too_many_attempts_for': { readonly minutes: number };
}

export type MessageKey = keyof MessageParams;

/** One language: a sentence for every key, from its parameters. */
export type MessageCatalogue = { readonly [K in MessageKey]: (params: MessageParams[K]) => string };

/** The French catalogue: the only one today. */
export const frenchMessages: MessageCatalogue = {
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
  'auth.too_many_attempts_for': ({ minutes }) =>
    `Trop de tentatives de connexion infructueuses. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
};

/** Arguments after the key: none for a message without parameters. */
export type MessageArgs<K extends MessageKey> = MessageParams[K] extends void ? [] : [params: MessageParams[K]];

/** The sentence of `key` with its parameters, in French (the catalogue may be another language). */
export function formatMessage<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string {
  return formatMessageIn(frenchMessages, key, ...args);
}

/** The sentence of `key` in `catalogue`. */
export function formatMessageIn<K extends MessageKey>(catalogue: MessageCatalogue, key: K, ...args: MessageArgs<K>): string {
  const render = catalogue[key] as (params: MessageParams[K] | undefined) => string;
  return render(args[0] as MessageParams[K] | undefined);
}
