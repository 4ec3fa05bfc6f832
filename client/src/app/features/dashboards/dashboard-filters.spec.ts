import { filterParams, readFilters, yearChoices } from './dashboard-filters';

describe('dashboard filters in the URL', () => {
  it('reads every filter from the query parameters', () => {
    expect(readFilters({ annee: '2024', periode: '2024-Q2', centres: '3,7,3', domaine: 'formation', financeur: '2' }, 2026)).toEqual({
      year: 2024,
      period: '2024-Q2',
      unitIds: [3, 7],
      domain: 'formation',
      fundingSourceId: 2,
    });
  });

  it('ignores what does not parse, so an old or edited link still opens', () => {
    expect(readFilters({ annee: 'vingt', periode: '2023-Q2', centres: 'a,0,-4,5', domaine: 'cuisine', financeur: 'x' }, 2026)).toEqual({
      year: 2026,
      period: null,
      unitIds: [5],
      domain: null,
      fundingSourceId: null,
    });
  });

  it('writes a change as query parameters to merge: empty filters removed, a new year drops the period', () => {
    expect(filterParams({ year: 2025 })).toEqual({ annee: 2025, periode: null });
    expect(filterParams({ period: '2025-Q1' })).toEqual({ periode: '2025-Q1' });
    expect(filterParams({ unitIds: [7, 3] })).toEqual({ centres: '3,7' });
    expect(filterParams({ unitIds: [], domain: null, fundingSourceId: null })).toEqual({ centres: null, domaine: null, financeur: null });
  });

  it('offers the current year and the nine before', () => {
    expect(yearChoices(2026).slice(0, 3)).toEqual([2026, 2025, 2024]);
    expect(yearChoices(2026)).toHaveSize(10);
  });
});
