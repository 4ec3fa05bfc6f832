import { createRequire } from 'node:module';
import type { Commune } from '@cn2r/shared';

/** One row of @etalab/decoupage-administratif's communes.json (the fields read here). */
interface CogCommune {
  readonly code: string;
  readonly nom: string;
  readonly type: string;
  readonly departement?: string;
  readonly region?: string;
  readonly codesPostaux?: readonly string[];
  readonly population?: number;
}

interface Entry {
  readonly commune: Commune;
  readonly key: string;
  readonly population: number;
}

/** Lower case, no accents, hyphens and apostrophes as spaces: « Saint-Étienne » and « st etienne » meet. */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-'’]/g, ' ')
    .replace(/\bste?\b/g, (m) => (m === 'st' ? 'saint' : 'sainte'))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The current communes of the Code officiel géographique (INSEE), with Paris, Lyon and Marseille's
 * municipal districts, from the package @etalab/decoupage-administratif (data under the Licence
 * Ouverte, code MIT) — read once, on the first lookup, and kept (about 35 000 rows). Associated
 * and delegated communes are left out: their codes are no longer a commune's.
 */
export class CommuneDirectory {
  private entries: ReadonlyMap<string, Entry> | null = null;

  private load(): ReadonlyMap<string, Entry> {
    if (this.entries) return this.entries;
    const require = createRequire(import.meta.url);
    const communes = require('@etalab/decoupage-administratif/data/communes.json') as readonly CogCommune[];
    const regions = new Map((require('@etalab/decoupage-administratif/data/regions.json') as readonly { code: string; nom: string }[]).map((r) => [r.code, r.nom]));
    const entries = new Map<string, Entry>();
    for (const c of communes) {
      if (c.type !== 'commune-actuelle' && c.type !== 'arrondissement-municipal') continue;
      const commune: Commune = {
        code: c.code,
        name: c.nom,
        department: c.departement ?? c.code.slice(0, 3),
        region: c.region ? (regions.get(c.region) ?? null) : null,
        postalCodes: [...(c.codesPostaux ?? [])],
      };
      entries.set(c.code, { commune, key: searchKey(c.nom), population: c.population ?? 0 });
    }
    this.entries = entries;
    return entries;
  }

  /** The commune of a current INSEE code, or null. */
  find(code: string): Commune | null {
    return this.load().get(code.trim().toUpperCase())?.commune ?? null;
  }

  /**
   * Communes whose name matches `text` (accents and case ignored): the exact name first, then names
   * starting with it, then names with a word starting with it; the most populated first within each.
   * A text of five characters that is a code finds that commune too.
   */
  search(text: string, limit = 10): Commune[] {
    const wanted = searchKey(text);
    if (wanted.length < 2) return [];
    const rank = (key: string): number => (key === wanted ? 0 : key.startsWith(wanted) ? 1 : ` ${key}`.includes(` ${wanted}`) ? 2 : -1);
    const found: { entry: Entry; rank: number }[] = [];
    const byCode = this.load().get(text.trim().toUpperCase());
    if (byCode) found.push({ entry: byCode, rank: -1 });
    for (const entry of this.load().values()) {
      const r = rank(entry.key);
      if (r >= 0 && entry !== byCode) found.push({ entry, rank: r });
    }
    return found
      .sort((a, b) => a.rank - b.rank || b.entry.population - a.entry.population || a.entry.commune.name.localeCompare(b.entry.commune.name, 'fr'))
      .slice(0, limit)
      .map((f) => f.entry.commune);
  }
}
