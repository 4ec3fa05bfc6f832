/**
 * Money in integer euro cents: parsing French input, fr-FR display, and exact rounding.
 *
 * An amount is a JS `number` of cents that is always `Number.isSafeInteger` (|x| ≤ 2^53 − 1,
 * about 90 000 milliards d’euros); anything else (a fraction of a cent, NaN, Infinity, a string)
 * is refused with a RangeError. Products and quotients go through BigInt, so no intermediate
 * result is ever rounded by floating point. Pure: no Node or browser API.
 */

/** A parsed amount, or a French message saying why the input is refused. */
export type ParsedEuros = { readonly ok: true; readonly cents: number } | { readonly ok: false; readonly message: string };

export interface FormatEurosOptions {
  /** `true` (default): `280 000,00 €`; `false`: whole euros `280 000 €`, rounded half away from zero. */
  readonly decimals?: boolean;
}

const NBSP = '\u00A0';
/** Spaces users and spreadsheets put between thousands: space, U+00A0, U+202F, thin space U+2009. */
const GROUP_SPACES = /[ \u00A0\u202F\u2009]/g;
/** Digits, grouped by threes with a space or not grouped, then up to any decimals (checked after). */
const AMOUNT_SHAPE = /^(\d{1,3}(?: \d{3})+|\d+)(?:[.,](\d*))?$/;

const MESSAGES = {
  empty: 'Montant attendu, par exemple 1 234,56.',
  number: 'Montant invalide : écrivez par exemple 1 234,56 ou 1234.56.',
  decimals: 'Deux décimales au plus : un montant se saisit au centime près (par exemple 12,35).',
  twoSeparators: 'Un seul séparateur décimal est accepté : écrivez par exemple 1 234,56.',
  tooLarge: 'Montant trop grand.',
} as const;

/**
 * Throws a RangeError unless `value` is a safe integer (a whole number of cents, or of basis
 * points, or of days). `what` names the value in the French message.
 */
export function assertSafeInteger(value: unknown, what = 'Montant en centimes'): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new RangeError(`${what} invalide : ${String(value)} (nombre entier attendu, au plus 2^53 − 1 en valeur absolue).`);
  }
}

/** Throws a RangeError unless `cents` is a safe integer number of cents. */
export function assertCents(cents: unknown, what = 'Montant en centimes'): asserts cents is number {
  assertSafeInteger(cents, what);
}

/** Converts an exact BigInt result back to a number of cents, refusing anything beyond 2^53 − 1. */
export function centsFromBigInt(value: bigint, what = 'Montant en centimes'): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`${what} hors limites : ${value} (au plus 2^53 − 1 en valeur absolue).`);
  }
  return Number(value);
}

function toBigInt(value: bigint | number, what: string): bigint {
  if (typeof value === 'bigint') return value;
  assertSafeInteger(value, what);
  return BigInt(value);
}

/**
 * Reads an amount in euros as users type it: `1 234,56`, `1234.56`, `1 234 €`, `1 234,56 €`,
 * `-12,5` (→ −1 250 cents), `−3` (U+2212 minus). Thousands may be grouped by threes with a space,
 * U+00A0 or U+202F; the decimal separator is a comma or a point, with at most two decimals.
 * `1.234` is one euro and 234 thousandths, never a thousand: it is refused (three decimals).
 * The euro sign is optional and may only come last.
 */
export function parseEuros(raw: string | null | undefined): ParsedEuros {
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, message: MESSAGES.empty };
  let s = raw.replace(GROUP_SPACES, ' ').trim();
  s = s.replace(/ ?€$/, '');
  let negative = false;
  if (/^[-\u2212]/.test(s)) {
    negative = true;
    s = s.slice(1);
  }
  if (s.includes(',') && s.includes('.')) return { ok: false, message: MESSAGES.twoSeparators };
  const match = AMOUNT_SHAPE.exec(s);
  if (!match) return { ok: false, message: MESSAGES.number };
  const fraction = match[2] ?? '';
  if (fraction.length > 2) return { ok: false, message: MESSAGES.decimals };
  if (match[2] !== undefined && fraction === '') return { ok: false, message: MESSAGES.number };
  const magnitude = BigInt(match[1].replace(/ /g, '')) * 100n + BigInt(fraction.padEnd(2, '0'));
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, message: MESSAGES.tooLarge };
  // Number(0n) is +0: “-0” reads as 0, never −0.
  return { ok: true, cents: Number(negative ? -magnitude : magnitude) };
}

/** Groups the digits of a non-negative integer string by threes with U+00A0. */
export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

/**
 * fr-FR display of an amount in cents: `280 000,00 €` (default) or `280 000 €` with
 * `{ decimals: false }` (rounded half away from zero to the euro: 0,50 € → `1 €`). Thousands and
 * the euro sign are separated by U+00A0 (never U+202F, missing from some PDF fonts); negatives
 * start with a hyphen-minus, as Intl does in fr-FR: `-12,50 €`.
 */
export function formatEuros(cents: number, options: FormatEurosOptions = {}): string {
  assertCents(cents);
  const decimals = options.decimals ?? true;
  const shown = decimals ? BigInt(cents) : roundHalfAwayFromZero(BigInt(cents), 100n);
  const negative = shown < 0n;
  const magnitude = negative ? -shown : shown;
  const sign = negative ? '-' : '';
  if (!decimals) return `${sign}${groupThousands(magnitude.toString())}${NBSP}€`;
  const euros = magnitude / 100n;
  const rest = (magnitude % 100n).toString().padStart(2, '0');
  return `${sign}${groupThousands(euros.toString())},${rest}${NBSP}€`;
}

/**
 * The integer nearest to `numerator / denominator`, halves away from zero (2,5 → 3, −2,5 → −3),
 * computed exactly in BigInt. Numbers must be safe integers; the denominator must not be zero.
 */
export function roundHalfAwayFromZero(numerator: bigint | number, denominator: bigint | number): bigint {
  const n = toBigInt(numerator, 'Numérateur');
  const d = toBigInt(denominator, 'Dénominateur');
  if (d === 0n) throw new RangeError('Division par zéro : le dénominateur doit être non nul.');
  const negative = n < 0n !== d < 0n;
  const a = n < 0n ? -n : n;
  const b = d < 0n ? -d : d;
  let q = a / b;
  if (2n * (a % b) >= b) q += 1n;
  return negative ? -q : q;
}

/**
 * `cents × num / den`, rounded half away from zero once, exactly (BigInt all the way):
 * `mulDivRound(12_000_000, 306, 365)` → 10 060 274 (100 602,74 €). Throws a RangeError when an
 * argument is not a safe integer, `den` is zero or the result exceeds 2^53 − 1.
 */
export function mulDivRound(cents: number, num: bigint | number, den: bigint | number): number {
  assertCents(cents);
  return centsFromBigInt(roundHalfAwayFromZero(BigInt(cents) * toBigInt(num, 'Numérateur'), toBigInt(den, 'Dénominateur')));
}

/** Exact sum of amounts in cents; a RangeError if any is not a safe integer or the total overflows. */
export function sumCents(amounts: readonly number[]): number {
  let total = 0n;
  for (const cents of amounts) {
    assertCents(cents);
    total += BigInt(cents);
  }
  return centsFromBigInt(total, 'Total en centimes');
}
