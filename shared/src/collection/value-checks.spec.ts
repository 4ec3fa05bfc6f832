import {
  TEXT_VALUE_MAX_LENGTH,
  VALUE_TYPES,
  checkBounds,
  formatValue,
  outlierCheck,
  parseEnteredValue,
  valueTypeLabels,
  type IndicatorValue,
  type ValueType,
} from './value-checks.js';

const NBSP = '\u00A0';
const NNBSP = '\u202F';

const MESSAGES = {
  number: 'Nombre attendu, par exemple 1 234 ou 12,5.',
  integer: 'Nombre entier attendu.',
  negative: 'Valeur négative impossible.',
  percentage: 'Pourcentage entre 0 et 100 attendu.',
  tooLarge: 'Nombre trop grand.',
  twoSeparators: 'Un seul séparateur décimal est accepté : écrivez par exemple 1 234,5.',
  boolean: 'Réponse attendue : oui ou non.',
};

describe('value types', () => {
  it('lists the types, each with a French label', () => {
    expect(VALUE_TYPES).toEqual(['count', 'decimal', 'percentage', 'days', 'boolean', 'text']);
    expect(Object.keys(valueTypeLabels).sort()).toEqual([...VALUE_TYPES].sort());
    expect(valueTypeLabels.count).toBe('Nombre entier');
    expect(valueTypeLabels.percentage).toBe('Pourcentage');
  });
});

describe('parseEnteredValue', () => {
  const accepted: [raw: string | null | undefined, type: ValueType, value: IndicatorValue][] = [
    ['0', 'count', 0],
    ['880', 'count', 880],
    ['1234', 'count', 1234],
    ['1 234', 'count', 1234],
    [`1${NBSP}234`, 'count', 1234],
    [`1${NNBSP}234`, 'count', 1234],
    ['1\u2009234', 'count', 1234],
    ['10 900', 'count', 10900],
    ['1 234 567', 'count', 1234567],
    ['  394  ', 'count', 394],
    [`${NBSP}394${NBSP}`, 'count', 394],
    ['12,0', 'count', 12],
    ['-0', 'count', 0],
    ['007', 'count', 7],
    ['30', 'days', 30],
    ['365', 'days', 365],
    ['12,5', 'decimal', 12.5],
    ['12.5', 'decimal', 12.5],
    ['0,84', 'decimal', 0.84],
    ['1 234,56', 'decimal', 1234.56],
    [`1${NNBSP}234,56`, 'decimal', 1234.56],
    ['1.234', 'decimal', 1.234],
    ['1,234', 'decimal', 1.234],
    ['-1,5', 'decimal', -1.5],
    ['\u22121,5', 'decimal', -1.5],
    ['45', 'percentage', 45],
    ['45 %', 'percentage', 45],
    ['45%', 'percentage', 45],
    [`45${NBSP}%`, 'percentage', 45],
    [`45${NNBSP}%`, 'percentage', 45],
    ['12,5 %', 'percentage', 12.5],
    ['0', 'percentage', 0],
    ['100', 'percentage', 100],
    ['100,0', 'percentage', 100],
    ['oui', 'boolean', true],
    ['Oui', 'boolean', true],
    ['NON', 'boolean', false],
    ['true', 'boolean', true],
    ['False', 'boolean', false],
    ['1', 'boolean', true],
    ['0', 'boolean', false],
    [' non ', 'boolean', false],
    ['  Cartographie mise à jour  ', 'text', 'Cartographie mise à jour'],
    ['', 'count', null],
    ['   ', 'decimal', null],
    [`${NBSP}${NNBSP}`, 'percentage', null],
    ['', 'boolean', null],
    [' ', 'text', null],
    [null, 'count', null],
    [undefined, 'days', null],
    ['9007199254740991', 'count', Number.MAX_SAFE_INTEGER],
  ];
  for (const [raw, type, value] of accepted) {
    it(`reads ${JSON.stringify(raw)} as a ${type}: ${JSON.stringify(value)}`, () => {
      expect(parseEnteredValue(raw, type)).toEqual({ ok: true, value });
    });
  }

  const refused: [raw: string, type: ValueType, message: string][] = [
    ['12,5', 'count', MESSAGES.integer],
    ['12.5', 'count', MESSAGES.integer],
    ['1.234', 'count', MESSAGES.integer],
    ['0,5', 'days', MESSAGES.integer],
    ['-1', 'count', MESSAGES.negative],
    ['-12,5', 'count', MESSAGES.negative],
    ['-3', 'days', MESSAGES.negative],
    ['-1', 'percentage', MESSAGES.negative],
    ['101', 'percentage', MESSAGES.percentage],
    ['100,01', 'percentage', MESSAGES.percentage],
    ['150 %', 'percentage', MESSAGES.percentage],
    ['abc', 'count', MESSAGES.number],
    ['12abc', 'decimal', MESSAGES.number],
    ['12 34', 'count', MESSAGES.number],
    ['1 2345', 'count', MESSAGES.number],
    ['1  234', 'count', MESSAGES.number],
    ['1 234 56', 'count', MESSAGES.number],
    ['1234 567', 'count', MESSAGES.number],
    ['12,5,3', 'decimal', MESSAGES.number],
    [',5', 'decimal', MESSAGES.number],
    ['5,', 'decimal', MESSAGES.number],
    ['1e3', 'count', MESSAGES.number],
    ['0x10', 'count', MESSAGES.number],
    ['Infinity', 'decimal', MESSAGES.number],
    ['NaN', 'decimal', MESSAGES.number],
    ['+5', 'count', MESSAGES.number],
    ['- 5', 'decimal', MESSAGES.number],
    ['--5', 'decimal', MESSAGES.number],
    ['45 %', 'count', MESSAGES.number],
    ['45 %%', 'percentage', MESSAGES.number],
    ['30 j', 'days', MESSAGES.number],
    ['1.234,5', 'decimal', MESSAGES.twoSeparators],
    ['1,234.5', 'decimal', MESSAGES.twoSeparators],
    ['9007199254740992', 'count', MESSAGES.tooLarge],
    ['peut-être', 'boolean', MESSAGES.boolean],
    ['o', 'boolean', MESSAGES.boolean],
    ['2', 'boolean', MESSAGES.boolean],
    ['x'.repeat(TEXT_VALUE_MAX_LENGTH + 1), 'text', `Texte trop long : 2${NBSP}000 caractères au plus.`],
  ];
  for (const [raw, type, message] of refused) {
    it(`refuses ${JSON.stringify(raw.length > 30 ? `${raw.slice(0, 30)}…` : raw)} as a ${type}: « ${message} »`, () => {
      expect(parseEnteredValue(raw, type)).toEqual({ ok: false, message });
    });
  }

  it(`accepts a text of exactly ${TEXT_VALUE_MAX_LENGTH} characters`, () => {
    expect(parseEnteredValue('x'.repeat(TEXT_VALUE_MAX_LENGTH), 'text')).toEqual({ ok: true, value: 'x'.repeat(TEXT_VALUE_MAX_LENGTH) });
  });
});

describe('checkBounds', () => {
  const cases: [value: number | null, bounds: { min?: number | null; max?: number | null }, message: string | null][] = [
    [10, { min: 10 }, null],
    [9, { min: 10 }, 'La valeur doit être au moins 10.'],
    [9.99, { min: 10 }, 'La valeur doit être au moins 10.'],
    [1000, { max: 1000 }, null],
    [1001, { max: 1000 }, `La valeur doit être au plus 1${NBSP}000.`],
    [100, { min: 300, max: 1000 }, 'La valeur doit être au moins 300.'],
    [12000, { min: 3000, max: 11000 }, `La valeur doit être au plus 11${NBSP}000.`],
    [0.1, { min: 0.5 }, 'La valeur doit être au moins 0,5.'],
    [-5, { min: -2.25 }, 'La valeur doit être au moins -2,25.'],
    [5, { min: 0, max: 10 }, null],
    [5, { min: null, max: null }, null],
    [5, {}, null],
    [null, { min: 10 }, null],
    [1_000_000, { max: 999_999.5 }, `La valeur doit être au plus 999${NBSP}999,5.`],
  ];
  for (const [value, bounds, message] of cases) {
    it(`${message ? 'refuses' : 'accepts'} ${value} within ${JSON.stringify(bounds)}`, () => {
      expect(checkBounds(value, bounds)).toBe(message);
    });
  }

  it('never uses the narrow no-break space', () => {
    expect(checkBounds(5, { min: 1234567 })).not.toContain(NNBSP);
  });
});

describe('outlierCheck', () => {
  const cases: [value: number, reference: number | null, threshold: number | undefined, flagged: boolean, change: number | null][] = [
    [150, 100, undefined, false, 50],
    [151, 100, undefined, true, 51],
    [50, 100, undefined, false, -50],
    [49, 100, undefined, true, -51],
    [100, 100, undefined, false, 0],
    [880, 394, undefined, true, 123.350253807],
    [130, 100, 25, true, 30],
    [120, 100, 25, false, 20],
    [0, 100, undefined, true, -100],
    [100, 0, undefined, true, null],
    [1, 0, undefined, true, null],
    [0, 0, undefined, false, 0],
    [5, null, undefined, false, null],
    [0, null, undefined, false, null],
    // A negative reference (a decimal indicator): the change is measured against its size.
    [-4, -2, undefined, true, -100],
    [-3, -2, undefined, false, -50],
    [-1, -2, undefined, false, 50],
    // Float noise does not tip a change of exactly the threshold over it.
    [0.3, 0.2, undefined, false, 50],
    [1.5, 1, 50, false, 50],
    [1.1, 1, 10, false, 10],
    [101, 100, 0, true, 1],
  ];
  for (const [value, reference, threshold, flagged, change] of cases) {
    it(`${flagged ? 'flags' : 'does not flag'} ${value} against ${reference} (threshold ${threshold ?? 'default 50'} %)`, () => {
      const result = threshold === undefined ? outlierCheck(value, reference) : outlierCheck(value, reference, threshold);
      expect(result.flagged).toBe(flagged);
      if (change === null) expect(result.changePercent).toBeNull();
      else expect(result.changePercent).toBeCloseTo(change, 8);
    });
  }

  it('gives the change exactly, without float noise', () => {
    expect(outlierCheck(0.3, 0.2).changePercent).toBe(50);
    expect(outlierCheck(1.1, 1).changePercent).toBe(10);
  });

  it('refuses a negative or non-finite threshold', () => {
    expect(() => outlierCheck(1, 1, -1)).toThrowError(RangeError, /Seuil d’écart invalide/);
    expect(() => outlierCheck(1, 1, Number.NaN)).toThrowError(RangeError, /Seuil d’écart invalide/);
  });
});

describe('formatValue', () => {
  const cases: [value: IndicatorValue, type: ValueType, text: string][] = [
    [1234, 'count', `1${NBSP}234`],
    [880, 'count', '880'],
    [10900, 'count', `10${NBSP}900`],
    [1234567, 'count', `1${NBSP}234${NBSP}567`],
    [0, 'count', '0'],
    [-0, 'decimal', '0'],
    [30, 'days', '30'],
    [12.5, 'decimal', '12,5'],
    [0.84, 'decimal', '0,84'],
    [-1.5, 'decimal', '-1,5'],
    [1234.56, 'decimal', `1${NBSP}234,56`],
    [1.2345678, 'decimal', '1,2345678'],
    [0.1 + 0.2, 'decimal', '0,3'],
    [45, 'percentage', `45${NBSP}%`],
    [12.5, 'percentage', `12,5${NBSP}%`],
    [true, 'boolean', 'Oui'],
    [false, 'boolean', 'Non'],
    [1, 'boolean', 'Oui'],
    [0, 'boolean', 'Non'],
    ['Cartographie mise à jour', 'text', 'Cartographie mise à jour'],
    [null, 'count', ''],
    [null, 'text', ''],
  ];
  for (const [value, type, text] of cases) {
    it(`shows ${JSON.stringify(value)} as a ${type}: ${JSON.stringify(text)}`, () => {
      const shown = formatValue(value, type);
      expect(shown).toBe(text);
      expect(shown).not.toContain(NNBSP);
    });
  }

  // What is shown in a form field reads back to the same value.
  const roundTrips: [value: IndicatorValue, type: ValueType][] = [
    [1234567, 'count'],
    [30, 'days'],
    [1234.56, 'decimal'],
    [-0.125, 'decimal'],
    [12.5, 'percentage'],
    [100, 'percentage'],
    [true, 'boolean'],
    [false, 'boolean'],
    ['texte', 'text'],
    [null, 'count'],
  ];
  for (const [value, type] of roundTrips) {
    it(`reads back ${JSON.stringify(value)} shown as a ${type}`, () => {
      expect(parseEnteredValue(formatValue(value, type), type)).toEqual({ ok: true, value });
    });
  }
});
