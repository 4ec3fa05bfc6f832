import { formatEuros, formatPercent } from '../finance/index.js';
import { formatDateFr, formatInstantFr, formatLongDateFr, formatMonthFr } from './french-dates.js';
import { formatDecimal, formatInteger, formatNumber } from './french-numbers.js';

const NBSP = '\u00A0';
const NNBSP = '\u202F';

describe('French number formatting (one place for client, server and reports)', () => {
  const cases: readonly [string, () => string, string][] = [
    ['an integer, U+00A0 between thousands', () => formatInteger(1234567), `1${NBSP}234${NBSP}567`],
    ['an integer below a thousand', () => formatInteger(812), '812'],
    ['Intl’s default of three decimals', () => formatNumber(1234.56789), `1${NBSP}234,568`],
    ['one decimal at most', () => formatNumber(8.25, { maximumFractionDigits: 1 }), '8,3'],
    ['ten decimals at most', () => formatNumber(0.1234567891, { maximumFractionDigits: 10 }), '0,1234567891'],
    ['a fixed number of decimals', () => formatDecimal(0.8, 2), '0,80'],
    ['a negative number, hyphen-minus', () => formatNumber(-12500.5, { maximumFractionDigits: 2 }), `-12${NBSP}500,5`],
    ['the browser keeps U+202F when asked', () => formatNumber(1250, { narrowSpace: true }), `1${NNBSP}250`],
    ['a decimal keeping U+202F', () => formatDecimal(12345.6, 2, { narrowSpace: true }), `12${NNBSP}345,60`],
    ['euros from cents', () => formatEuros(28_000_000), `280${NBSP}000,00${NBSP}€`],
    ['whole euros from cents', () => formatEuros(50, { decimals: false }), `1${NBSP}€`],
    ['a percentage from basis points', () => formatPercent(8863), `88,63${NBSP}%`],
    ['a percentage without useless zeros', () => formatPercent(8000), `80${NBSP}%`],
  ];
  for (const [what, run, expected] of cases) {
    it(what, () => expect(run()).toBe(expected));
  }

  it('never leaves a U+202F unless asked', () => {
    for (const value of [1000, 1e6, -98765.4321, 12345678.9]) expect(formatNumber(value, { maximumFractionDigits: 4 })).not.toContain(NNBSP);
  });
});

describe('French date formatting (one place for client, server and reports)', () => {
  const cases: readonly [string, () => string, string][] = [
    ['dd/mm/yyyy from ISO', () => formatDateFr('2026-03-01'), '01/03/2026'],
    ['dd/mm/yyyy on the last day of a year', () => formatDateFr('2025-12-31'), '31/12/2025'],
    ['a long date, « 1er » on the first', () => formatLongDateFr('2026-03-01'), '1er mars 2026'],
    ['a long date, plain day otherwise', () => formatLongDateFr('2026-11-23'), '23 novembre 2026'],
    ['a month in short words', () => formatMonthFr('2025-03'), 'mars 2025'],
    ['an abbreviated month', () => formatMonthFr('2025-01'), 'janv. 2025'],
    ['an instant in Paris, winter (UTC+1)', () => formatInstantFr(new Date('2026-12-06T22:45:00Z')), '06/12/2026 23:45'],
    ['an instant in Paris, summer (UTC+2), past midnight', () => formatInstantFr(new Date('2026-06-30T22:30:00Z')), '01/07/2026 00:30'],
    ['a long instant', () => formatInstantFr(new Date('2026-03-01T08:05:00Z'), { date: 'long' }), '1 mars 2026 à 09:05'],
    ['an instant to the second (audit journal)', () => formatInstantFr(new Date('2026-03-01T08:05:09Z'), { time: 'medium' }), '01/03/2026 09:05:09'],
    ['a long date of an instant, in Paris', () => formatInstantFr(new Date('2026-12-31T23:30:00Z'), { date: 'long', time: 'none' }), '1 janvier 2027'],
  ];
  for (const [what, run, expected] of cases) {
    it(what, () => expect(run()).toBe(expected));
  }

  it('refuses a date that does not exist', () => {
    expect(() => formatDateFr('2026-02-30')).toThrowError(RangeError);
  });
});
