import * as z from 'zod';
import '../zod-config.js';

/** A positive integer id in a path, e.g. `/api/units/:id`. */
export const IdParams = z.object({
  id: z.coerce
    .string({ error: 'Identifiant invalide : un entier positif est attendu.' })
    .regex(/^[1-9]\d{0,9}$/, { error: 'Identifiant invalide : un entier positif est attendu.' })
    .transform(Number)
    .pipe(z.number().max(2_147_483_647, { error: 'Identifiant hors limites.' })),
});
export type IdParams = z.infer<typeof IdParams>;

/** A calendar date as `YYYY-MM-DD`, checked to exist (no 31 February). */
export const IsoDate = z
  .string({ error: 'Date attendue au format AAAA-MM-JJ.' })
  // abort: a value in another format is not also reported as a date that does not exist.
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Date attendue au format AAAA-MM-JJ.', abort: true })
  .refine(
    (value) => {
      const [y, m, d] = value.split('-').map(Number);
      const date = new Date(Date.UTC(y, m - 1, d));
      return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    },
    { error: 'Cette date n’existe pas.' },
  );

/** An ISO 8601 timestamp as sent by the server. */
export const Timestamp = z.string().describe('Horodatage ISO 8601');

/**
 * Whether a text may span lines: `multi` for what is typed in a text area (a comment, an
 * explanation, a rationale, a narrative), `single` for names, labels, codes and search terms.
 */
export type TextLines = 'single' | 'multi';

/**
 * Control characters a text may not hold: every C0 control and DEL on one line; in a multi-line
 * text, the same but tabulation, line feed and carriage return. A NUL cannot be stored by
 * PostgreSQL, and the others are invisible on screen and break the CSV, Excel and PDF exports.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER: Record<TextLines, RegExp> = { single: /[\u0000-\u001f\u007f]/, multi: /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/ };

/** The first control character `value` may not hold, as `U+0000`, or null when there is none. */
export function forbiddenControlCharacter(value: string, lines: TextLines = 'single'): string | null {
  const found = CONTROL_CHARACTER[lines].exec(value)?.[0];
  return found === undefined ? null : `U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The French sentence for a refused control character, after the field's label when there is one. */
export const controlCharacterMessage = (code: string, label?: string) =>
  label ? `${label} : caractère de contrôle interdit (code ${code}).` : `Caractère de contrôle interdit (code ${code}).`;

/**
 * A string schema that refuses the control characters of `lines` (see `forbiddenControlCharacter`),
 * naming the first one found. Every free text of a request goes through it: the text helpers
 * below, and the other strings of bodies and queries.
 */
export const withoutControlCharacters = (schema: z.ZodString, lines: TextLines = 'single', label?: string) =>
  schema.superRefine((value, ctx) => {
    const code = forbiddenControlCharacter(value, lines);
    if (code !== null) ctx.addIssue({ code: 'custom', message: controlCharacterMessage(code, label), input: value });
  });

/** Trimmed, bounded, non-empty text; on one line unless `lines` is `multi`. */
export const requiredText = (label: string, max = 200, lines: TextLines = 'single') =>
  withoutControlCharacters(
    z
      .string({ error: `${label} : texte attendu.` })
      .trim()
      .min(1, { error: `${label} est obligatoire.` })
      .max(max, { error: `${label} : ${max} caractères au plus.` }),
    lines,
    label,
  );

/** Optional text: empty strings become null; on one line unless `lines` is `multi`. */
export const optionalText = (label: string, max = 200, lines: TextLines = 'single') =>
  withoutControlCharacters(
    z
      .string({ error: `${label} : texte attendu.` })
      .trim()
      .max(max, { error: `${label} : ${max} caractères au plus.` }),
    lines,
    label,
  )
    .nullish()
    .transform((value) => (value ? value : null));

/** Page of results with the total count, for lists that can grow. */
export const paged = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int() });

/**
 * The file name of an upload, in the query (`?fileName=`): 1 to 200 characters, no path separator
 * nor control character. Each upload adds the extensions it takes.
 */
export const uploadFileName = z
  .string({ error: 'Le nom du fichier est obligatoire (paramètre fileName).' })
  .trim()
  .min(1, { error: 'Le nom du fichier est obligatoire (paramètre fileName).' })
  .max(200, { error: 'Le nom du fichier : 200 caractères au plus.' })
  // eslint-disable-next-line no-control-regex
  .regex(/^[^/\\\u0000-\u001f\u007f]+$/, { error: 'Le nom du fichier ne peut contenir ni « / », ni « \\ », ni caractère de contrôle.' });
