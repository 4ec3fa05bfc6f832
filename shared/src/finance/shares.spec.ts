import { seededRandom } from './seeded-random.js';
import { FULL_SHARE_BP, allocate, formatPercent, parsePercent, splitLargestRemainder } from './shares.js';

const NBSP = '\u00A0';
const NNBSP = '\u202F';

const MESSAGES = {
  empty: 'Pourcentage attendu, par exemple 80 % ou 80,5.',
  number: 'Pourcentage invalide : écrivez par exemple 80 %, 80,5 ou 33,33.',
  decimals: 'Deux décimales au plus pour un pourcentage (par exemple 33,33 %).',
  range: 'Pourcentage entre 0 et 100 attendu.',
};

describe('parsePercent', () => {
  const accepted: [raw: string, bp: number][] = [
    ['0', 0],
    ['0 %', 0],
    ['80 %', 8_000],
    ['80%', 8_000],
    [`80${NBSP}%`, 8_000],
    [`80${NNBSP}%`, 8_000],
    ['80', 8_000],
    ['80,5', 8_050],
    ['80.5', 8_050],
    ['80,50 %', 8_050],
    ['33,33', 3_333],
    ['0,01', 1],
    ['100', 10_000],
    ['100,00 %', 10_000],
    ['  90 %  ', 9_000],
    ['050', 5_000],
  ];
  for (const [raw, bp] of accepted) {
    it(`reads ${JSON.stringify(raw)} as ${bp} bp`, () => expect(parsePercent(raw)).toEqual({ ok: true, bp }));
  }

  const refused: [raw: string | null | undefined, message: string][] = [
    ['', MESSAGES.empty],
    [' ', MESSAGES.empty],
    [null, MESSAGES.empty],
    [undefined, MESSAGES.empty],
    ['33,333', MESSAGES.decimals],
    ['100,01', MESSAGES.range],
    ['101', MESSAGES.range],
    ['1000', MESSAGES.range],
    ['99999999999999999999', MESSAGES.range],
    ['-5', MESSAGES.range],
    ['\u22125 %', MESSAGES.range],
    ['80 %%', MESSAGES.number],
    ['% 80', MESSAGES.number],
    ['quatre-vingts', MESSAGES.number],
    ['80,', MESSAGES.number],
    ['0,8e2', MESSAGES.number],
    ['1 000', MESSAGES.number],
  ];
  for (const [raw, message] of refused) {
    it(`refuses ${JSON.stringify(raw)}`, () => expect(parsePercent(raw)).toEqual({ ok: false, message }));
  }
});

describe('formatPercent', () => {
  const cases: [bp: number, text: string][] = [
    [0, `0${NBSP}%`],
    [1, `0,01${NBSP}%`],
    [10, `0,1${NBSP}%`],
    [8_000, `80${NBSP}%`],
    [8_050, `80,5${NBSP}%`],
    [8_863, `88,63${NBSP}%`],
    [10_000, `100${NBSP}%`],
    [12_345, `123,45${NBSP}%`],
    [123_456_700, `1${NBSP}234${NBSP}567${NBSP}%`],
    [-250, `-2,5${NBSP}%`],
  ];
  for (const [bp, text] of cases) {
    it(`shows ${bp} bp as ${text}`, () => expect(formatPercent(bp)).toBe(text));
  }

  it('reads back every share from 0 to 100 %', () => {
    for (let bp = 0; bp <= FULL_SHARE_BP; bp++) {
      expect(parsePercent(formatPercent(bp))).toEqual({ ok: true, bp });
    }
  });

  it('refuses a fraction of a basis point', () => {
    expect(() => formatPercent(80.5)).toThrowError(RangeError, /Part en points de base invalide/);
  });
});

describe('splitLargestRemainder', () => {
  const cases: [total: number, weights: number[], parts: number[]][] = [
    [100, [1, 1, 1], [34, 33, 33]],
    [-100, [1, 1, 1], [-34, -33, -33]],
    [200, [1, 1, 1], [67, 67, 66]],
    [-200, [1, 1, 1], [-67, -67, -66]],
    [1, [1, 1], [1, 0]],
    [1, [1, 2], [0, 1]],
    [-1, [1, 2], [0, -1]],
    [10, [3, 3, 3, 1], [3, 3, 3, 1]],
    [0, [1, 2, 3], [0, 0, 0]],
    [0, [0, 0], [0, 0]],
    [500, [0, 1, 0], [0, 500, 0]],
    [5, [0, 1, 0, 1], [0, 3, 0, 2]],
    [28_000_000, [12_000, 6_000, 6_000, 4_000], [12_000_000, 6_000_000, 6_000_000, 4_000_000]],
    // 1 000 € over 1/3, 1/3, 1/3 in bp: exact shares 333,33… → 33 333 cents each, one cent left.
    [100_000, [3_333, 3_333, 3_334], [33_330, 33_330, 33_340]],
    [100_001, [1, 1, 1], [33_334, 33_334, 33_333]],
    // Remainders 0,6 / 0,3 / 0,1 (× 10): the largest takes the cent, whatever its position.
    [10, [6, 3, 1].map((w) => w * 1), [6, 3, 1]],
    [1, [3, 6, 1], [0, 1, 0]],
    [2, [3, 6, 1], [1, 1, 0]],
    [Number.MAX_SAFE_INTEGER, [1, 1], [4_503_599_627_370_496, 4_503_599_627_370_495]],
    [-Number.MAX_SAFE_INTEGER, [1, 1], [-4_503_599_627_370_496, -4_503_599_627_370_495]],
  ];
  for (const [total, weights, parts] of cases) {
    it(`splits ${total} by [${weights.join(', ')}] into [${parts.join(', ')}]`, () => {
      const result = splitLargestRemainder(total, weights);
      expect(result).toEqual(parts);
      expect(result.some((part) => Object.is(part, -0))).toBeFalse();
    });
  }

  const refused: [total: number, weights: number[], message: RegExp][] = [
    [100, [], /aucune part/],
    [100, [0, 0], /toutes les parts sont nulles/],
    [100, [1, -1, 2], /Poids de répartition négatif : -1/],
    [100, [0.5, 1], /Poids de répartition invalide/],
    [100, [NaN], /Poids de répartition invalide/],
    [10.5, [1], /Montant en centimes invalide/],
    [Number.MAX_SAFE_INTEGER + 1, [1], /Montant en centimes invalide/],
  ];
  for (const [total, weights, message] of refused) {
    it(`refuses ${total} by [${weights.join(', ')}]`, () => expect(() => splitLargestRemainder(total, weights)).toThrowError(RangeError, message));
  }

  it('on 3 000 seeded totals and weights: parts sum to the total, each within one cent of its exact share, symmetric', () => {
    const random = seededRandom(280_000);
    for (let run = 0; run < 3_000; run++) {
      const total = Math.floor((random() - 0.5) * 2 * 10 ** Math.floor(random() * 13));
      const count = 1 + Math.floor(random() * 12);
      const weights = Array.from({ length: count }, (): number => (random() < 0.15 ? 0 : Math.floor(random() * 10 ** (1 + Math.floor(random() * 6)))));
      if (!weights.some((w) => w > 0)) weights[0] = 1;
      const context = `total ${total}, weights [${weights.join(', ')}]`;
      const parts = splitLargestRemainder(total, weights);
      const weightSum = weights.reduce((a, b) => a + b, 0);
      expect(parts.length).withContext(context).toBe(count);
      expect(parts.reduce((a, b) => a + b, 0)).withContext(context).toBe(total);
      parts.forEach((part, i) => {
        expect(Number.isSafeInteger(part)).withContext(context).toBeTrue();
        // |part − total × w / W| < 1  ⇔  |part × W − total × w| < W, exactly in BigInt.
        const gap = BigInt(part) * BigInt(weightSum) - BigInt(total) * BigInt(weights[i]);
        expect((gap < 0n ? -gap : gap) < BigInt(weightSum)).withContext(`${context}, part ${i} = ${part}`).toBeTrue();
        if (weights[i] === 0) expect(part).withContext(context).toBe(0);
      });
      const opposite = splitLargestRemainder(-total, weights);
      expect(opposite.map((p) => (p === 0 ? 0 : -p))).withContext(context).toEqual(parts.map((p) => (p === 0 ? 0 : p)));
      // Deterministic: the same input gives the same parts.
      expect(splitLargestRemainder(total, weights)).withContext(context).toEqual(parts);
    }
  });

  it('never gives more to a smaller weight than to a larger one (seeded)', () => {
    const random = seededRandom(6_7);
    for (let run = 0; run < 1_000; run++) {
      const total = Math.floor(random() * 1e9);
      const weights = Array.from({ length: 2 + Math.floor(random() * 6) }, (): number => Math.floor(random() * 10_000));
      if (!weights.some((w) => w > 0)) weights[0] = 1;
      const parts = splitLargestRemainder(total, weights);
      for (let i = 0; i < weights.length; i++) {
        for (let j = 0; j < weights.length; j++) {
          if (weights[i] < weights[j]) expect(parts[i]).withContext(`[${weights}] → [${parts}]`).toBeLessThanOrEqual(parts[j]);
        }
      }
    }
  });
});

describe('allocate', () => {
  const cases: [total: number, shares: number[], parts: number[]][] = [
    [10_000, [3_333, 3_333, 3_334], [3_333, 3_333, 3_334]],
    [100, [3_333, 3_333, 3_334], [33, 33, 34]],
    [1, [5_000, 5_000], [1, 0]],
    [-1, [5_000, 5_000], [-1, 0]],
    [6_000_000, [10_000], [6_000_000]],
    [5_142_857, [5_000, 3_000, 2_000], [2_571_429, 1_542_857, 1_028_571]],
    [12_000_000, [0, 10_000], [0, 12_000_000]],
  ];
  for (const [total, shares, parts] of cases) {
    it(`allocates ${total} by [${shares.join(', ')}] bp into [${parts.join(', ')}]`, () => {
      expect(allocate(total, shares)).toEqual(parts);
    });
  }

  const refused: [shares: number[], message: string][] = [
    [[5_000, 3_000], `Les parts totalisent 80${NBSP}% au lieu de 100${NBSP}%.`],
    [[8_000, 3_000], `Les parts totalisent 110${NBSP}% au lieu de 100${NBSP}%.`],
    [[], `Les parts totalisent 0${NBSP}% au lieu de 100${NBSP}%.`],
    [[12_000, -2_000], `Part hors limites : 120${NBSP}% (entre 0 et 100${NBSP}% attendu).`],
    [[10_000, -1], `Part hors limites : -0,01${NBSP}% (entre 0 et 100${NBSP}% attendu).`],
  ];
  for (const [shares, message] of refused) {
    it(`refuses the shares [${shares.join(', ')}]`, () => expect(() => allocate(100, shares)).toThrow(new RangeError(message)));
  }
});
