import { AdminDashboardQuery, DashboardFilters, FinanceDashboardQuery, UnitLeadDashboardQuery, regionCodes } from './dashboard.js';

describe('dashboard filters', () => {
  const accepted: [name: string, input: Record<string, unknown>, expected: Record<string, unknown>][] = [
    ['a year', { year: '2025' }, { year: 2025 }],
    ['units as a comma list', { year: '2025', unitIds: '3,7, 12' }, { year: 2025, unitIds: [3, 7, 12] }],
    ['units repeated', { year: '2025', unitIds: ['3', '7'] }, { year: 2025, unitIds: [3, 7] }],
    ['an empty unit list', { year: '2025', unitIds: '' }, { year: 2025, unitIds: [] }],
    ['a quarter, a domain, a funding source', { year: '2025', period: '2025-Q2', domain: 'formation', fundingSourceId: '4' }, { year: 2025, period: '2025-Q2', domain: 'formation', fundingSourceId: 4 }],
  ];
  for (const [name, input, expected] of accepted) {
    it(`accepts ${name}`, () => expect(DashboardFilters.parse(input)).toEqual(expected as never));
  }

  const refused: [name: string, input: Record<string, unknown>, path: string, message: string][] = [
    ['no year', {}, 'year', 'Année attendue.'],
    ['a year in letters', { year: 'deux-mille' }, 'year', 'Année attendue.'],
    ['a year out of range', { year: '1999' }, 'year', 'Année attendue entre 2000 et 2100.'],
    ['a unit that is not an id', { year: '2025', unitIds: '3,x' }, 'unitIds.1', 'Centre : identifiant invalide.'],
    ['a unit 0', { year: '2025', unitIds: '0' }, 'unitIds.0', 'Centre : identifiant invalide.'],
    ['a bad period', { year: '2025', period: '2025-T5' }, 'period', 'Période attendue : AAAA, AAAA-Tn (AAAA-Q1…Q4) ou AAAA-MM.'],
    ['an unknown filter', { year: '2025', colour: 'red' }, '', ''],
  ];
  for (const [name, input, path, message] of refused) {
    it(`refuses ${name}`, () => {
      const result = DashboardFilters.safeParse(input);
      expect(result.success).toBeFalse();
      const issue = result.error!.issues[0];
      if (path) expect(issue.path.join('.')).toBe(path);
      if (message) expect(issue.message).toBe(message);
    });
  }

  it('takes only its own filters per endpoint', () => {
    expect(UnitLeadDashboardQuery.safeParse({ year: '2025' }).success).toBeFalse();
    expect(UnitLeadDashboardQuery.parse({ year: '2025', unitId: '4' })).toEqual({ year: 2025, unitId: 4 });
    expect(AdminDashboardQuery.safeParse({ year: '2025', fundingSourceId: '1' }).success).toBeFalse();
    expect(FinanceDashboardQuery.parse({ year: '2025', asOf: '2025-06-30' })).toEqual({ year: 2025, asOf: '2025-06-30' });
    expect(FinanceDashboardQuery.safeParse({ year: '2025', asOf: '2025-02-30' }).success).toBeFalse();
  });

  it('knows the INSEE codes of the demo regions, Martinique included', () => {
    expect(regionCodes['Martinique']).toBe('02');
    expect(regionCodes['Hauts-de-France']).toBe('32');
    expect(regionCodes['Provence-Alpes-Côte d’Azur']).toBe('93');
  });
});
