/** Messages of the communes directory (INSEE codes) used by the care-offer registry. */
import type { CatalogueOf } from './types.js';

export interface CommuneMessageParams {
  'commune.unknown_code': { readonly code: string };
}

export const frenchCommuneMessages: CatalogueOf<CommuneMessageParams> = {
  'commune.unknown_code': ({ code }) => `Le code INSEE ${code} ne correspond à aucune commune actuelle (Code officiel géographique).`,
};
