/**
 * Shares in basis points (10 000 bp = 100 %, 1 bp = 0,01 %) — quotités, allocation shares,
 * execution rates — and the largest-remainder split that makes parts add up exactly to the whole.
 * Pure: no Node or browser API.
 */
import { assertCents, assertSafeInteger, groupThousands } from './money.js';

/** 100 % in basis points. */
export const FULL_SHARE_BP = 10_000;

/** A parsed share, or a French message saying why the input is refused. */
export type ParsedPercent = { readonly ok: true; readonly bp: number } | { readonly ok: false; readonly message: string };

const NBSP = '\u00A0';
const GROUP_SPACES = /[ \u00A0\u202F\u2009]/g;
const PERCENT_SHAPE = /^(\d+)(?:[.,](\d+))?$/;

const MESSAGES = {
  empty: 'Pourcentage attendu, par exemple 80 % ou 80,5.',
  number: 'Pourcentage invalide : écrivez par exemple 80 %, 80,5 ou 33,33.',
  decimals: 'Deux décimales au plus pour un pourcentage (par exemple 33,33 %).',
  range: 'Pourcentage entre 0 et 100 attendu.',
} as const;

/**
 * Reads a share between 0 and 100 % as typed: `80 %`, `80%`, `80`, `80,5`, `33.33` → basis
 * points (8 000, 8 050, 3 333). At most two decimals (the basis point); no negative share.
 */
export function parsePercent(raw: string | null | undefined): ParsedPercent {
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, message: MESSAGES.empty };
  const s = raw.replace(GROUP_SPACES, ' ').trim().replace(/ ?%$/, '');
  if (/^[-\u2212]/.test(s)) return { ok: false, message: MESSAGES.range };
  const match = PERCENT_SHAPE.exec(s);
  if (!match) return { ok: false, message: MESSAGES.number };
  const fraction = match[2] ?? '';
  if (fraction.length > 2) return { ok: false, message: MESSAGES.decimals };
  if (match[1].length > 4) return { ok: false, message: MESSAGES.range };
  const bp = Number(match[1]) * 100 + Number(fraction.padEnd(2, '0'));
  if (bp > FULL_SHARE_BP) return { ok: false, message: MESSAGES.range };
  return { ok: true, bp };
}

/**
 * fr-FR display of basis points, without useless zeros: 8 000 → `80 %`, 8 050 → `80,5 %`,
 * 8 863 → `88,63 %`, 12 345 → `123,45 %`, −250 → `-2,5 %`. U+00A0 before the sign and between
 * thousands.
 */
export function formatPercent(bp: number): string {
  assertSafeInteger(bp, 'Part en points de base');
  const negative = bp < 0;
  const magnitude = Math.abs(bp);
  const whole = groupThousands(String(Math.floor(magnitude / 100)));
  const decimals = String(magnitude % 100).padStart(2, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${decimals ? `,${decimals}` : ''}${NBSP}%`;
}

/**
 * Splits `totalCents` into integer parts proportional to `weights` that add up EXACTLY to the
 * total (largest-remainder method, also called Hamilton’s method):
 * 1. each part gets the floor of its exact share |total| × weight / Σ weights;
 * 2. the cents left over (fewer than the number of parts) go one each to the parts with the
 *    largest remainders; equal remainders go to the earlier part (deterministic);
 * 3. a negative total is split as its opposite, then every part negated (symmetric).
 * Each part therefore lies strictly within one cent of its exact share, and a zero weight always
 * gets 0. Weights are non-negative safe integers (basis points or any other unit), at least one
 * of them positive. Exact: BigInt throughout.
 */
export function splitLargestRemainder(totalCents: number, weights: readonly number[]): number[] {
  assertCents(totalCents);
  if (weights.length === 0) throw new RangeError('Répartition impossible : aucune part.');
  let weightSum = 0n;
  for (const w of weights) {
    assertSafeInteger(w, 'Poids de répartition');
    if (w < 0) throw new RangeError(`Poids de répartition négatif : ${w}.`);
    weightSum += BigInt(w);
  }
  if (weightSum === 0n) {
    if (totalCents === 0) return weights.map(() => 0);
    throw new RangeError('Répartition impossible : toutes les parts sont nulles.');
  }
  const negative = totalCents < 0;
  const total = BigInt(Math.abs(totalCents));
  const floors: bigint[] = [];
  const remainders: bigint[] = [];
  let given = 0n;
  for (const w of weights) {
    const exact = total * BigInt(w);
    floors.push(exact / weightSum);
    remainders.push(exact % weightSum);
    given += exact / weightSum;
  }
  const order = weights.map((_, i) => i).sort((a, b) => (remainders[b] > remainders[a] ? 1 : remainders[b] < remainders[a] ? -1 : a - b));
  let leftover = Number(total - given);
  for (const i of order) {
    if (leftover === 0) break;
    floors[i] += 1n;
    leftover--;
  }
  // `0 - 0` would give −0 for a negated zero: subtract from 0 only for non-zero parts.
  return floors.map((part) => (negative && part !== 0n ? -Number(part) : Number(part)));
}

/**
 * Splits an amount by shares in basis points that total exactly 10 000 (100 %): a salary across
 * budget lines, a cost across funders. The parts add up exactly to the amount. Throws a
 * RangeError (French message) when a share lies outside 0–10 000 bp or the shares do not total
 * 100 %: `allocate(10_000, [3_333, 3_333, 3_334])` → `[3 333, 3 333, 3 334]`.
 */
export function allocate(totalCents: number, sharesBp: readonly number[]): number[] {
  let sum = 0;
  for (const share of sharesBp) {
    assertSafeInteger(share, 'Part en points de base');
    if (share < 0 || share > FULL_SHARE_BP) {
      throw new RangeError(`Part hors limites : ${formatPercent(share)} (entre 0 et 100${NBSP}% attendu).`);
    }
    sum += share;
  }
  if (sum !== FULL_SHARE_BP) {
    throw new RangeError(`Les parts totalisent ${formatPercent(sum)} au lieu de 100${NBSP}%.`);
  }
  return splitLargestRemainder(totalCents, sharesBp);
}
