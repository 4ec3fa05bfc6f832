import type { StaffYearRow } from './staff-repository.js';
import { buildStaffSummary } from './staff-summary.js';

const row = (over: Partial<StaffYearRow> & Pick<StaffYearRow, 'assignmentId'>, allocation: Partial<NonNullable<StaffYearRow['allocation']>> | null = {}): StaffYearRow => ({
  staffMemberId: 1,
  name: 'Dr A',
  status: 'own',
  employerLabel: 'CN2R',
  employerKind: 'grouping',
  startOn: '2025-01-01',
  endOn: null,
  quotiteBp: 10_000,
  annualCostCents: 12_000_000,
  migPost: null,
  ...over,
  allocation:
    allocation === null
      ? null
      : { id: 1, fromOn: '2025-01-01', toOn: null, shareBp: 10_000, budgetLineId: 1, fundingSourceId: 1, missionArea: 'support', lineCode: 'L1', lineLabel: 'Ligne 1', funderLabel: 'MIG', missionLabel: 'Support', ...allocation },
});

describe('buildStaffSummary', () => {
  const base = { year: 2025, ceiling: undefined, otherInKindTotalCents: 0, detail: 'full' as const };

  it('lists the vacancy periods of a MIG H15 post between and around its assignments', () => {
    const s = buildStaffSummary({
      ...base,
      rows: [
        row({ assignmentId: 1, startOn: '2025-03-01', endOn: '2025-06-30', migPost: 'psychiatrist' }, { fromOn: '2025-03-01', toOn: '2025-06-30' }),
        row({ assignmentId: 2, staffMemberId: 2, name: 'Dr B', startOn: '2025-09-01', endOn: null, migPost: 'psychiatrist' }, { fromOn: '2025-09-01' }),
      ],
    });
    const psychiatrist = s.migPosts.find((p) => p.post === 'psychiatrist')!;
    expect(psychiatrist.vacancies).toEqual([
      { from: '2025-01-01', to: '2025-02-28', days: 59 },
      { from: '2025-07-01', to: '2025-08-31', days: 62 },
    ]);
    // 122 + 122 days of 365.
    expect(psychiatrist.etpt).toEqual({ num: 244, den: 365, display: '0,67' });
    expect(s.migPosts.find((p) => p.post === 'psychologist')!.vacancies).toEqual([{ from: '2025-01-01', to: '2025-12-31', days: 365 }]);
  });

  it('splits a cost across allocations changing mid-year by share × days, adding up to the cent', () => {
    const s = buildStaffSummary({
      ...base,
      rows: [
        row({ assignmentId: 1, annualCostCents: 4_999_999 }, { id: 1, fromOn: '2025-01-01', toOn: '2025-04-17', budgetLineId: 1 }),
        row({ assignmentId: 1, annualCostCents: 4_999_999 }, { id: 2, fromOn: '2025-04-18', toOn: null, shareBp: 3_333, budgetLineId: 2, lineCode: 'L2' }),
        row({ assignmentId: 1, annualCostCents: 4_999_999 }, { id: 3, fromOn: '2025-04-18', toOn: null, shareBp: 6_667, budgetLineId: 3, lineCode: 'L3' }),
      ],
    });
    expect(s.totalCostCents).toBe(4_999_999);
    expect(s.byLine.reduce((t, l) => t + l.costCents, 0)).toBe(4_999_999);
    expect(s.totalEtpt).toEqual({ num: 1, den: 1, display: '1,00' });
    expect(s.byLine.map((l) => l.etpt.display)).toEqual(['0,29', '0,24', '0,47']);
  });

  it('hides names and personal costs in the aggregate view', () => {
    const s = buildStaffSummary({ ...base, detail: 'aggregate', rows: [row({ assignmentId: 1 })] });
    expect(s.people).toBeNull();
    expect(JSON.stringify(s)).not.toContain('Dr A');
  });
});
