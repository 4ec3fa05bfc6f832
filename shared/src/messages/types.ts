/**
 * The shape of a message catalogue, for one area's keys or for all of them (see « Les textes » in
 * README.md). Types only: the area files and the index (../messages.ts) share it.
 */

/** One language for the keys of `P`: a sentence for every key, from its parameters (`void`: none). */
export type CatalogueOf<P> = { readonly [K in keyof P]: (params: P[K]) => string };
