import { TestBed } from '@angular/core/testing';
import { DateAdapter } from '@angular/material/core';
import { provideTestApp } from '../../../testing/test-providers';
import { fromIsoDate, toIsoDate } from '../../shared/dates/iso-date';

describe('FrenchDateAdapter', () => {
  let adapter: DateAdapter<Date>;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: provideTestApp() });
    adapter = TestBed.inject(DateAdapter) as DateAdapter<Date>;
  });

  it('reads JJ/MM/AAAA as a French user means it', () => {
    const date = adapter.parse('01/02/2026', null)!;
    expect(toIsoDate(date)).toBe('2026-02-01'); // 1 February, not 2 January
    expect(toIsoDate(adapter.parse('5.3.2024', null)!)).toBe('2024-03-05');
    expect(toIsoDate(adapter.parse('2024-12-31', null)!)).toBe('2024-12-31');
  });

  it('refuses dates that do not exist instead of rolling them over', () => {
    expect(adapter.isValid(adapter.parse('31/02/2026', null)!)).toBeFalse();
    expect(adapter.isValid(adapter.parse('hier', null)!)).toBeFalse();
    expect(adapter.parse('', null)).toBeNull();
  });

  it('formats in French and starts the week on Monday', () => {
    expect(adapter.format(new Date(2026, 0, 9), { year: 'numeric', month: '2-digit', day: '2-digit' })).toBe('09/01/2026');
    expect(adapter.getFirstDayOfWeek()).toBe(1);
  });
});

describe('iso dates', () => {
  it('round-trips YYYY-MM-DD through a local Date', () => {
    expect(toIsoDate(fromIsoDate('2019-01-01')!)).toBe('2019-01-01');
    expect(fromIsoDate('2019-1-1')).toBeNull();
    expect(fromIsoDate(null)).toBeNull();
  });
});
