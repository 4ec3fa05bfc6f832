/**
 * Indicator values as users type them (French input: `1 234`, `12,5`, `45 %`, `oui`), their
 * bounds, a year-over-year outlier check, and their French display. Pure: no Node or browser API
 * beyond `Intl`, which both have.
 */

import { formatNumber as frenchNumber } from '../format/french-numbers.js';

export const VALUE_TYPES = ['count', 'decimal', 'percentage', 'days', 'boolean', 'text'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

export const valueTypeLabels: Record<ValueType, string> = {
  count: 'Nombre entier',
  decimal: 'Nombre décimal',
  percentage: 'Pourcentage',
  days: 'Nombre de jours',
  boolean: 'Oui / non',
  text: 'Texte',
};

export type IndicatorValue = number | string | boolean | null;

export type ParsedValue = { readonly ok: true; readonly value: IndicatorValue } | { readonly ok: false; readonly message: string };

/** Longest free-text value accepted. */
export const TEXT_VALUE_MAX_LENGTH = 2000;

/** Spaces users (and spreadsheets) put between thousands: space, no-break space, narrow no-break space, thin space. */
const GROUP_SPACES = /[ \u00A0\u202F\u2009]/g;
/** Surrounding blanks, including the no-break spaces `trim()` already knows. */
const BLANK = /^\s*$/;
/** Digits with optional thousands groups of three, then an optional decimal part (comma or point). */
const NUMBER_SHAPE = /^(\d{1,3}(?: \d{3})+|\d+)(?:[.,](\d+))?$/;

const MESSAGES = {
  number: 'Nombre attendu, par exemple 1 234 ou 12,5.',
  integer: 'Nombre entier attendu.',
  negative: 'Valeur négative impossible.',
  percentage: 'Pourcentage entre 0 et 100 attendu.',
  tooLarge: 'Nombre trop grand.',
  twoSeparators: 'Un seul séparateur décimal est accepté : écrivez par exemple 1 234,5.',
  boolean: 'Réponse attendue : oui ou non.',
  text: `Texte trop long : ${frenchNumber(TEXT_VALUE_MAX_LENGTH)} caractères au plus.`,
} as const;

const ok = (value: IndicatorValue): ParsedValue => ({ ok: true, value });
const refused = (message: string): ParsedValue => ({ ok: false, message });

const BOOLEAN_WORDS: Record<string, boolean> = { oui: true, non: false, true: true, false: false, '1': true, '0': false };

/** A French-written number: `1 234`, `1 234,5`, `12.5`, `-3`; a percentage may end with `%`. */
function parseNumber(text: string, type: ValueType): ParsedValue {
  let s = text.replace(GROUP_SPACES, ' ').trim();
  if (type === 'percentage') s = s.replace(/ ?%$/, '');
  let negative = false;
  if (/^[-\u2212]/.test(s)) {
    negative = true;
    s = s.slice(1);
  }
  if (s.includes(',') && s.includes('.')) return refused(MESSAGES.twoSeparators);
  const match = NUMBER_SHAPE.exec(s);
  if (!match) return refused(MESSAGES.number);
  const integerPart = match[1].replace(/ /g, '');
  const fraction = match[2] ?? '';
  const magnitude = Number(fraction ? `${integerPart}.${fraction}` : integerPart);
  if (magnitude > Number.MAX_SAFE_INTEGER) return refused(MESSAGES.tooLarge);
  const value = negative && magnitude !== 0 ? -magnitude : magnitude;
  if (value < 0 && type !== 'decimal') return refused(MESSAGES.negative);
  if ((type === 'count' || type === 'days') && !Number.isInteger(value)) return refused(MESSAGES.integer);
  if (type === 'percentage' && value > 100) return refused(MESSAGES.percentage);
  return ok(value);
}

/**
 * Reads a value as typed in a form. Empty (or blank) input is `null` for every type.
 * - count, days: whole numbers ≥ 0 (`1 234`, `12,0`);
 * - decimal: any number, negatives included (`-1,5`), comma or point as decimal separator;
 * - percentage: 0 to 100, decimals allowed, an optional trailing `%` (`45 %`);
 * - boolean: `oui` / `non`, `true` / `false`, `1` / `0`, in any case;
 * - text: trimmed, at most TEXT_VALUE_MAX_LENGTH characters.
 * Thousands may be grouped by threes with a space, a no-break space (U+00A0) or a narrow
 * no-break space (U+202F). `1.234` is one point two three four, never a thousand: a count refuses it.
 */
export function parseEnteredValue(raw: string | null | undefined, type: ValueType): ParsedValue {
  if (raw === null || raw === undefined || BLANK.test(raw)) return ok(null);
  const text = raw.trim();
  switch (type) {
    case 'text':
      return text.length > TEXT_VALUE_MAX_LENGTH ? refused(MESSAGES.text) : ok(text);
    case 'boolean': {
      const answer = BOOLEAN_WORDS[text.toLowerCase()];
      return answer === undefined ? refused(MESSAGES.boolean) : ok(answer);
    }
    case 'count':
    case 'decimal':
    case 'percentage':
    case 'days':
      return parseNumber(text, type);
  }
}

// ---- French number formatting ----

/** fr-FR digits with U+00A0 between thousands, up to ten decimals; −0 shows as 0. */
function formatNumber(value: number, maximumFractionDigits = 10): string {
  return frenchNumber(value === 0 ? 0 : value, { maximumFractionDigits });
}

export interface Bounds {
  readonly min?: number | null;
  readonly max?: number | null;
}

/** A French message when `value` lies outside the bounds (inclusive), else null; null values are not checked. */
export function checkBounds(value: number | null, bounds: Bounds): string | null {
  if (value === null) return null;
  const { min, max } = bounds;
  if (min !== null && min !== undefined && value < min) return `La valeur doit être au moins ${formatNumber(min)}.`;
  if (max !== null && max !== undefined && value > max) return `La valeur doit être au plus ${formatNumber(max)}.`;
  return null;
}

export interface OutlierResult {
  readonly flagged: boolean;
  /** Change from the reference in percent (+50 for 100 → 150), null with no reference or a zero reference. */
  readonly changePercent: number | null;
}

/**
 * Flags a value that moved more than `thresholdPercent` from the reference (the same period last
 * year): |value − reference| / |reference| > threshold. A change of exactly the threshold is not
 * flagged (the percentage is rounded to 9 decimals first, so float noise does not tip it).
 * - no reference (null): never flagged, changePercent null;
 * - reference 0: flagged when the value is not 0 (any change from nothing is infinite),
 *   changePercent null; 0 → 0 is not flagged, changePercent 0.
 */
export function outlierCheck(value: number, reference: number | null, thresholdPercent = 50): OutlierResult {
  if (!Number.isFinite(thresholdPercent) || thresholdPercent < 0) {
    throw new RangeError(`Seuil d’écart invalide : ${thresholdPercent} (un pourcentage positif ou nul est attendu).`);
  }
  if (reference === null) return { flagged: false, changePercent: null };
  if (reference === 0) return value === 0 ? { flagged: false, changePercent: 0 } : { flagged: true, changePercent: null };
  const changePercent = Math.round(((value - reference) / Math.abs(reference)) * 100 * 1e9) / 1e9 + 0;
  return { flagged: Math.abs(changePercent) > thresholdPercent, changePercent };
}

/**
 * A value for display in fr-FR: `1 234`, `12,5`, `45 %`, `Oui` / `Non`; null as an empty string
 * (so a formatted value typed back parses to the same value). Up to 10 decimals, nothing rounded
 * away that a user typed. Thousands separated by U+00A0, and U+00A0 before `%`.
 */
export function formatValue(value: IndicatorValue, type: ValueType): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (typeof value === 'string') return value;
  if (type === 'boolean') return value !== 0 ? 'Oui' : 'Non';
  if (type === 'percentage') return `${formatNumber(value)}\u00A0%`;
  return formatNumber(value);
}
