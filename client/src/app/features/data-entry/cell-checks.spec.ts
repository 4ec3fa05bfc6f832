import { checkCell, displayValue, isMaskedCount, numericValue, outlierMessage, sameValue, textOf } from './cell-checks';

describe('checkCell', () => {
  const count = { valueType: 'count' as const, minValue: 0, maxValue: 2000 };

  it('reads French numbers: « 1 234 », with a no-break space too', () => {
    expect(checkCell('1 234', count, undefined, 50)).toEqual({ value: 1234, error: null, outlier: null });
    expect(checkCell('1\u00a0234', count, undefined, 50).value).toBe(1234);
    expect(checkCell('12,5', { valueType: 'decimal', minValue: null, maxValue: null }, undefined, 50).value).toBe(12.5);
    expect(checkCell('', count, undefined, 50)).toEqual({ value: null, error: null, outlier: null });
  });

  it('reads a count masked for the board or finance (« < 5 », « s ») as no value and no error', () => {
    expect(checkCell('< 5', count, undefined, 50)).toEqual({ value: null, error: null, outlier: null });
    expect(checkCell('s', count, undefined, 50)).toEqual({ value: null, error: null, outlier: null });
    expect(isMaskedCount('< 5')).toBeTrue();
    expect(isMaskedCount(3)).toBeFalse();
    expect(displayValue('< 5', 'count')).toBe('< 5');
  });

  it('gives the type error, then the bounds error, in French', () => {
    expect(checkCell('12,5', count, undefined, 50).error).toBe('Nombre entier attendu.');
    expect(checkCell('douze', count, undefined, 50).error).toBe('Nombre attendu, par exemple 1 234 ou 12,5.');
    expect(checkCell('2 001', count, undefined, 50)).toEqual({ value: null, error: 'La valeur doit être au plus 2\u00a0000.', outlier: null });
    expect(checkCell('5', { ...count, minValue: 10 }, undefined, 50).error).toBe('La valeur doit être au moins 10.');
  });

  it('flags a change beyond the threshold against last year, not at the threshold', () => {
    expect(checkCell('80', count, 35, 50).outlier?.flagged).toBeTrue();
    expect(checkCell('150', count, 100, 50).outlier?.flagged).toBeFalse();
    expect(checkCell('151', count, 100, 50).outlier?.flagged).toBeTrue();
    expect(checkCell('80', count, null, 50).outlier).toBeNull();
    expect(checkCell('80', count, undefined, 50).outlier).toBeNull();
    expect(checkCell('3', count, 0, 50).outlier).toEqual({ flagged: true, changePercent: null });
  });

  it('reads yes/no answers and never flags them as outliers', () => {
    const yesNo = { valueType: 'boolean' as const, minValue: null, maxValue: null };
    expect(checkCell('Oui', yesNo, false, 50)).toEqual({ value: true, error: null, outlier: null });
    expect(checkCell('peut-être', yesNo, undefined, 50).error).toBe('Réponse attendue : oui ou non.');
  });
});

describe('value helpers', () => {
  it('compares yes/no as 1/0 and other values strictly', () => {
    expect(sameValue(true, 1, 'boolean')).toBeTrue();
    expect(sameValue(false, 1, 'boolean')).toBeFalse();
    expect(sameValue(null, undefined, 'count')).toBeTrue();
    expect(sameValue(0, null, 'count')).toBeFalse();
    expect(numericValue('texte')).toBeNull();
  });

  it('shows stored values in French, « — » for none', () => {
    expect(textOf(1234, 'count')).toBe('1\u00a0234');
    expect(textOf(undefined, 'count')).toBe('');
    expect(displayValue(12.5, 'percentage')).toBe('12,5\u00a0%');
    expect(displayValue(null, 'count')).toBe('—');
    expect(displayValue(undefined, 'count')).toBe('—');
    expect(displayValue(true, 'boolean')).toBe('Oui');
  });

  it('words the outlier with its sign and the reference period', () => {
    expect(outlierMessage({ flagged: true, changePercent: 128.571428 }, 50, 'T1 2025')).toBe('Écart de +129 % avec T1 2025 (seuil : 50 %).');
    expect(outlierMessage({ flagged: true, changePercent: -60 }, 50, 'T1 2025')).toBe('Écart de -60 % avec T1 2025 (seuil : 50 %).');
    expect(outlierMessage({ flagged: true, changePercent: null }, 50, '2025')).toBe(
      'Écart important avec 2025, où la valeur était nulle (seuil : 50 %).',
    );
  });
});
