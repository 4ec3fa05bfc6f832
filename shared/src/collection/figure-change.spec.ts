import { figureChange, formatFigureChange, type FigureChange, type FigureMeasure } from './figure-change.js';

const NBSP = '\u00A0';

describe('figureChange: a rate in points, a count or an amount in percent', () => {
  const cases: [name: string, current: number | string | null, previous: number | string | null, measure: FigureMeasure, change: FigureChange | null, text: string][] = [
    ['consultations 400 → 252', 252, 400, 'quantity', { unit: 'percent', bp: -3_700 }, `−37${NBSP}%`],
    ['file active 1 000 → 1 082', 1_082, 1_000, 'quantity', { unit: 'percent', bp: 820 }, `+8,2${NBSP}%`],
    ['an amount in cents 28 000 000 → 24 815 476', 24_815_476, 28_000_000, 'quantity', { unit: 'percent', bp: -1_137 }, `−11,4${NBSP}%`],
    ['a count unchanged', 12, 12, 'quantity', { unit: 'percent', bp: 0 }, `0${NBSP}%`],
    ['a count from zero: no relative change', 5, 0, 'quantity', null, 'n.d.'],
    ['a count with no previous value', 5, null, 'quantity', null, 'n.d.'],
    ['decimals as PostgreSQL returns them', '10.5000', '10.0000', 'quantity', { unit: 'percent', bp: 500 }, `+5${NBSP}%`],
    // The example: 1,6 points, not the relative 1,9 %.
    ['an execution rate 84,7 % → 86,3 % (bp)', 8_630, 8_470, 'rate_bp', { unit: 'points', bp: 160 }, `+1,6${NBSP}pt`],
    ['an execution rate 88,63 % → 80 % (bp)', 8_000, 8_863, 'rate_bp', { unit: 'points', bp: -863 }, `−8,6${NBSP}pt`],
    ['a rate from zero still has a change in points', 500, 0, 'rate_bp', { unit: 'points', bp: 500 }, `+5${NBSP}pt`],
    ['a percentage indicator 45,3 → 46,9', 46.9, 45.3, 'rate_percent', { unit: 'points', bp: 160 }, `+1,6${NBSP}pt`],
    ['a percentage indicator 12,25 → 12,2 (half a tenth, rounded away from zero)', 12.2, 12.25, 'rate_percent', { unit: 'points', bp: -5 }, `−0,1${NBSP}pt`],
    ['a rate unchanged', 9_608, 9_608, 'rate_bp', { unit: 'points', bp: 0 }, `0${NBSP}pt`],
    ['a rate with no current value', null, 9_608, 'rate_bp', null, 'n.d.'],
  ];
  for (const [name, current, previous, measure, change, text] of cases) {
    it(`${name}: ${text}`, () => {
      expect(figureChange(current, previous, measure)).toEqual(change);
      expect(formatFigureChange(figureChange(current, previous, measure))).toBe(text);
    });
  }

  it('says what the caller wants when there is nothing to compare', () => {
    expect(formatFigureChange(null, 'pas de comparaison possible')).toBe('pas de comparaison possible');
  });

  it('groups thousands with a no-break space', () => {
    expect(formatFigureChange({ unit: 'percent', bp: 123_456 })).toBe(`+1${NBSP}234,6${NBSP}%`);
  });
});
