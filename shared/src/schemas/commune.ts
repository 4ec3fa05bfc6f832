import * as z from 'zod';
import { InseeCode } from './care-offer.js';
import { withoutControlCharacters } from './common.js';

/**
 * The communes of the Code officiel géographique (INSEE, via @etalab/decoupage-administratif,
 * Licence Ouverte): the care-offer form finds a commune by its name and fills its INSEE code, and
 * the server refuses a code that names no current commune. No position: the package has none, and
 * no geocoding service is reachable — the position is typed or picked on the map.
 */
export const Commune = z.object({
  code: z.string(),
  name: z.string(),
  /** The department's code (« 59 », « 2A », « 974 »). */
  department: z.string(),
  /** The region's name; null for an overseas collectivity (Saint-Pierre-et-Miquelon, Polynésie…). */
  region: z.string().nullable(),
  /** Postal codes, for telling homonyms apart. */
  postalCodes: z.array(z.string()),
});
export type Commune = z.infer<typeof Commune>;

export const CommuneSearchQuery = z.strictObject({
  q: withoutControlCharacters(
    z
      .string({ error: 'La recherche : texte attendu.' })
      .trim()
      .min(2, { error: 'La recherche : au moins 2 caractères.' })
      .max(100, { error: 'La recherche : 100 caractères au plus.' }),
    'single',
    'La recherche',
  ),
});
export type CommuneSearchQuery = z.infer<typeof CommuneSearchQuery>;

export const CommuneCodeParams = z.strictObject({ code: InseeCode });
export type CommuneCodeParams = z.infer<typeof CommuneCodeParams>;
