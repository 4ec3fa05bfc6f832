import { FormControl } from '@angular/forms';
import { FRENCH_NUMBER_MESSAGE, formatFrenchNumber, frenchNumberValidator, parseFrenchNumber } from './french-number';

describe('parseFrenchNumber', () => {
  const cases: [string | null, number | null][] = [
    ['', null],
    ['   ', null],
    [null, null],
    ['1250', 1250],
    ['1 250', 1250],
    ['1\u202f250,5', 1250.5],
    ['1\u00a0000', 1000],
    ['12,5', 12.5],
    ['12.5', 12.5],
    ['-3', -3],
    ['0', 0],
  ];
  for (const [text, expected] of cases) {
    it(`reads « ${text} » as ${expected}`, () => expect(parseFrenchNumber(text)).toBe(expected));
  }

  it('refuses what is not a number', () => {
    for (const text of ['douze', '1,2,3', '12,', ',5', '1e3', '12 %']) {
      expect(parseFrenchNumber(text)).withContext(text).toBeNaN();
    }
  });
});

describe('formatFrenchNumber', () => {
  it('groups thousands and writes the decimal comma', () => {
    expect(formatFrenchNumber(1250.5)).toBe('1\u202f250,5');
    expect(formatFrenchNumber(null)).toBe('');
  });

  it('round-trips through parseFrenchNumber', () => {
    for (const value of [0, 12.25, 280000, -4.5]) expect(parseFrenchNumber(formatFrenchNumber(value))).toBe(value);
  });
});

describe('frenchNumberValidator', () => {
  it('accepts empty text and numbers, refuses words', () => {
    const control = new FormControl('', { validators: frenchNumberValidator });
    expect(control.errors).toBeNull();
    control.setValue('1 000,5');
    expect(control.errors).toBeNull();
    control.setValue('mille');
    expect(control.errors).toEqual({ frenchNumber: FRENCH_NUMBER_MESSAGE });
  });
});
