import { schemaTable } from '../../spec/schema-table.js';
import { ACTIVITY_SECTION_KEYS, AnnualKeyFigure, AnnualMigH15Line, FINANCIAL_SECTION_KEYS, FinancialNarratives, activitySectionLabels, financialSectionLabels } from './annual-report.js';
import { ActivityReportData } from './annual-report.js';

const etpt = { num: 21, den: 25, display: '0,84' };
const psychiatrist = { key: 'psychiatrist', label: 'Psychiatre', fundedEtp: 1, actualEtpt: etpt, fundedCents: 12_000_000, spentCents: 10_060_274 };

describe('AnnualMigH15Line', () => {
  schemaTable(
    AnnualMigH15Line,
    [
      { name: 'a funded post with its actual ETPT', input: psychiatrist, output: psychiatrist },
      {
        name: 'the operating costs, with no post',
        input: { key: 'operating', label: 'Fonctionnement', fundedEtp: null, actualEtpt: null, fundedCents: 4_000_000, spentCents: 3_612_345 },
        output: { key: 'operating', label: 'Fonctionnement', fundedEtp: null, actualEtpt: null, fundedCents: 4_000_000, spentCents: 3_612_345 },
      },
    ],
    [
      { name: 'an amount with a fraction of a cent', input: { ...psychiatrist, spentCents: 10_060_274.5 }, issues: [['spentCents']] },
      { name: 'an unknown line', input: { ...psychiatrist, key: 'surgeon' }, issues: [['key']] },
    ],
  );
});

describe('AnnualKeyFigure', () => {
  const figure = { code: 'ACT_FA', label: 'File active', kind: 'count', n: 6_420, n1: 6_010, n2: null };
  schemaTable(AnnualKeyFigure, [{ name: 'N and N-1, no N-2', input: figure, output: figure }], [
    { name: 'an unknown kind', input: { ...figure, kind: 'apples' }, issues: [['kind']] },
    { name: 'N-2 missing instead of null', input: { ...figure, n2: undefined }, issues: [['n2']] },
  ]);
});

describe('Annual report sections', () => {
  it('labels every section key in French, in the order of the outline', () => {
    expect(ACTIVITY_SECTION_KEYS[0]).toBe('key_figures');
    expect(ACTIVITY_SECTION_KEYS.at(-1)).toBe('annexes');
    expect(FINANCIAL_SECTION_KEYS).toContain('mig_h15');
    for (const key of ACTIVITY_SECTION_KEYS) expect(activitySectionLabels[key]).toMatch(/\S/);
    for (const key of FINANCIAL_SECTION_KEYS) expect(financialSectionLabels[key]).toMatch(/\S/);
  });

  it('accepts narratives for some sections only, and refuses an unknown section', () => {
    expect(FinancialNarratives.safeParse({ mig_h15: 'Texte.' }).success).toBeTrue();
    expect(FinancialNarratives.safeParse({ nowhere: 'Texte.' }).success).toBeFalse();
  });

  it('refuses a generatedAt that is not an ISO instant', () => {
    const result = ActivityReportData.shape.generatedAt.safeParse('15/03/2027');
    expect(result.success).toBeFalse();
    expect(ActivityReportData.shape.generatedAt.safeParse('2027-03-15T09:30:00.000Z').success).toBeTrue();
  });
});
