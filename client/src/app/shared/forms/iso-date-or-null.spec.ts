import { isoDateOrNull } from './iso-date-or-null';

describe('isoDateOrNull', () => {
  it('writes a picked local date as YYYY-MM-DD', () => {
    expect(isoDateOrNull(new Date(2026, 0, 5))).toBe('2026-01-05');
  });

  it('is null for an empty control', () => {
    expect(isoDateOrNull(null)).toBeNull();
  });
});
