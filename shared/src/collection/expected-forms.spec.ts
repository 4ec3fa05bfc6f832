import { formExpectation, indicatorDueFor, indicatorInForce, unitExpectedFor, type CatalogueDueEntry, type ExpectedUnit } from './expected-forms.js';
import { PeriodError } from './periods.js';

const crpQuarterly: CatalogueDueEntry = { unitKind: 'crp', periodType: 'quarter', activeFrom: '2019-01-01', activeTo: null };
const crpYearly: CatalogueDueEntry = { unitKind: 'crp', periodType: 'year', activeFrom: '2019-01-01', activeTo: null };
const cn2rYearly: CatalogueDueEntry = { unitKind: 'cn2r', periodType: 'year', activeFrom: '2019-01-01', activeTo: null };
/** The demo catalogue's shape: CRP quarterly and yearly, CN2R yearly only. */
const demo = [crpQuarterly, crpYearly, cn2rYearly];

const crp: ExpectedUnit = { kind: 'crp', openedOn: '2019-01-01', closedOn: null };
const cn2r: ExpectedUnit = { kind: 'cn2r', openedOn: '2019-01-01', closedOn: null };
const crpOpeningMay: ExpectedUnit = { kind: 'crp', openedOn: '2026-05-15', closedOn: null };
const crpClosedJune: ExpectedUnit = { kind: 'crp', openedOn: '2019-01-01', closedOn: '2026-06-30' };

describe('formExpectation / unitExpectedFor (open then, and something due)', () => {
  const cases: [name: string, period: string, unit: ExpectedUnit, catalogue: readonly CatalogueDueEntry[], expected: ReturnType<typeof formExpectation>][] = [
    ['a CRP for a quarter (quarterly indicators)', '2026-Q1', crp, demo, 'expected'],
    ['a CRP for the year (yearly indicators)', '2026', crp, demo, 'expected'],
    ['the CN2R for a quarter: yearly indicators only', '2026-Q1', cn2r, demo, 'nothing_due'],
    ['the CN2R for the last quarter', '2026-Q4', cn2r, demo, 'nothing_due'],
    ['the CN2R for the year', '2026', cn2r, demo, 'expected'],
    ['the CN2R for 2025', '2025', cn2r, demo, 'expected'],
    ['a CRP for a month: no monthly indicator', '2026-03', crp, demo, 'nothing_due'],
    ['a CRP for a month with one monthly indicator', '2026-03', crp, [...demo, { unitKind: 'crp', periodType: 'month', activeFrom: '2026-01-01', activeTo: null }], 'expected'],
    ['a CRP whose catalogue is yearly only, for a quarter', '2026-Q2', crp, [crpYearly, cn2rYearly], 'nothing_due'],
    ['a CRP whose yearly indicator applies to the CN2R only', '2026', crp, [crpQuarterly, cn2rYearly], 'nothing_due'],
    ['a CRP with an empty catalogue', '2026-Q1', crp, [], 'nothing_due'],
    ['a CRP opening 2026-05-15, for 2026-Q1 (closed, even though indicators are due)', '2026-Q1', crpOpeningMay, demo, 'unit_closed'],
    ['a CRP opening 2026-05-15, for 2026-Q2', '2026-Q2', crpOpeningMay, demo, 'expected'],
    ['a CRP closed 2026-06-30, for 2026-Q3', '2026-Q3', crpClosedJune, demo, 'unit_closed'],
    ['a CRP closed 2026-06-30, for 2026 (open half the year)', '2026', crpClosedJune, demo, 'expected'],
    ['the CN2R, closed for the quarter and nothing due: closed wins', '2027-Q1', { kind: 'cn2r', openedOn: '2027-06-01', closedOn: null }, demo, 'unit_closed'],
    // In force on the period's last day, as the form shows the revision of that day.
    ['a quarterly indicator starting on the quarter’s last day', '2026-Q1', crp, [{ ...crpQuarterly, activeFrom: '2026-03-31' }], 'expected'],
    ['a quarterly indicator starting the day after the quarter', '2026-Q1', crp, [{ ...crpQuarterly, activeFrom: '2026-04-01' }], 'nothing_due'],
    ['a quarterly indicator ended before the quarter’s last day', '2026-Q1', crp, [{ ...crpQuarterly, activeTo: '2026-03-30' }], 'nothing_due'],
    ['a quarterly indicator ending on the quarter’s last day', '2026-Q1', crp, [{ ...crpQuarterly, activeTo: '2026-03-31' }], 'expected'],
    ['a yearly indicator retired in June, for that year', '2026', cn2r, [{ ...cn2rYearly, activeTo: '2026-06-30' }], 'nothing_due'],
    ['a yearly indicator retired in June, for the year before', '2025', cn2r, [{ ...cn2rYearly, activeTo: '2026-06-30' }], 'expected'],
  ];
  for (const [name, period, unit, catalogue, expected] of cases) {
    it(`${expected}: ${name}`, () => {
      expect(formExpectation(period, unit, catalogue)).toBe(expected);
      expect(unitExpectedFor(period, unit, catalogue)).toBe(expected === 'expected');
    });
  }

  it('keeps the opening rule’s errors: an invalid period or date throws PeriodError', () => {
    expect(() => unitExpectedFor('2026-Q5', crp, demo)).toThrowError(PeriodError);
    expect(() => unitExpectedFor('2026', { kind: 'crp', openedOn: '2026-02-30', closedOn: null }, demo)).toThrowError(PeriodError);
  });
});

describe('indicatorDueFor and indicatorInForce', () => {
  const cases: [name: string, indicator: CatalogueDueEntry, kind: ExpectedUnit['kind'], period: string, due: boolean, inForce: boolean][] = [
    ['a yearly indicator on its year', cn2rYearly, 'cn2r', '2026', true, true],
    ['a yearly indicator on a quarter (in force, but not due)', cn2rYearly, 'cn2r', '2026-Q3', false, true],
    ['a quarterly indicator on the year (finer: feeds the year, not due on it)', crpQuarterly, 'crp', '2026', false, true],
    ['an indicator of another kind', crpQuarterly, 'cn2r', '2026-Q1', false, true],
    ['a revision not yet in force', { ...crpQuarterly, activeFrom: '2027-01-01' }, 'crp', '2026-Q4', false, false],
  ];
  for (const [name, indicator, kind, period, due, inForce] of cases) {
    it(`${due ? 'due' : 'not due'}: ${name}`, () => {
      expect(indicatorDueFor(indicator, kind, period)).toBe(due);
      expect(indicatorInForce(indicator, period)).toBe(inForce);
    });
  }
});
