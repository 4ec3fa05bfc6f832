/**
 * The voted ceiling of ETPT (plafond d’emplois) as typed and shown in French: `4,5` ↔ 45 000 basis
 * points (10 000 = 1 ETPT), as `PUT /api/staff/ceilings/:year` takes it. Pure, no floating point.
 */
import { formatDecimal } from '@cn2r/shared';

/** A parsed ceiling, or a French message saying why the text is refused. */
export type ParsedEtpt = { readonly ok: true; readonly bp: number } | { readonly ok: false; readonly message: string };

/** The largest ceiling the API accepts: 10 000 ETPT. */
export const MAX_CEILING_BP = 100_000_000;

const SPACES = /[ \u00A0\u202F\u2009]/g;
const SHAPE = /^(\d+)(?:[.,](\d+))?$/;

const MESSAGES = {
  empty: 'Plafond attendu, en ETPT : par exemple 4,5.',
  number: 'Nombre d’ETPT invalide : écrivez par exemple 4,5 ou 12.',
  negative: 'Le plafond ne peut pas être négatif.',
  decimals: 'Deux décimales au plus (par exemple 4,75).',
  range: 'Le plafond ne peut dépasser 10 000 ETPT.',
} as const;

/** Reads `4,5`, `4.5`, `12`, `1 250,25` (ETPT, at most two decimals) as basis points: 45 000, 120 000, 12 502 500. */
export function parseEtpt(raw: string | null | undefined): ParsedEtpt {
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, message: MESSAGES.empty };
  const s = raw.replace(SPACES, '').replace(/ETPT$/i, '');
  if (/^[-\u2212]/.test(s)) return { ok: false, message: MESSAGES.negative };
  const match = SHAPE.exec(s);
  if (!match) return { ok: false, message: MESSAGES.number };
  const fraction = match[2] ?? '';
  if (fraction.length > 2) return { ok: false, message: MESSAGES.decimals };
  if (match[1].replace(/^0+/, '').length > 5) return { ok: false, message: MESSAGES.range };
  const bp = Number(match[1]) * 10_000 + Number(fraction.padEnd(2, '0')) * 100;
  if (bp > MAX_CEILING_BP) return { ok: false, message: MESSAGES.range };
  return { ok: true, bp };
}

/** Basis points of ETPT as typed back in the form, without useless zeros: 45 000 → `4,5`, 120 000 → `12`, 12 345 → `1,2345`. */
export function etptInputText(bp: number): string {
  const whole = Math.floor(bp / 10_000);
  const decimals = String(bp % 10_000).padStart(4, '0').replace(/0+$/, '');
  return decimals ? `${whole},${decimals}` : String(whole);
}

/** Basis points of ETPT as shown in the summary, two decimals in fr-FR: 45 000 → `4,50`. */
export function formatEtptBp(bp: number): string {
  return formatDecimal(bp / 10_000, 2, { narrowSpace: true });
}
