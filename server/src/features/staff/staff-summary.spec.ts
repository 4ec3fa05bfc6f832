import type { StaffYearRow } from './staff-repository.js';
import { buildStaffSummary, inKindStaffValuations } from './staff-summary.js';

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

  it('masks, in the aggregate view only, the cost of a funder, mission area or employer of 1 or 2 people; ETPT and head counts stay', () => {
    // Three own staff on funder 1 (mission « support »); Dr D alone on funder 2 (mission « recherche »);
    // two people seconded without reimbursement by the CHU, one by a ministry.
    const rows = [
      row({ assignmentId: 1, staffMemberId: 1, name: 'Dr A', annualCostCents: 1_000_000 }),
      row({ assignmentId: 2, staffMemberId: 2, name: 'Dr B', annualCostCents: 2_000_000 }),
      row({ assignmentId: 3, staffMemberId: 3, name: 'Dr C', annualCostCents: 3_000_000 }),
      row({ assignmentId: 4, staffMemberId: 4, name: 'Dr D', annualCostCents: 4_000_000 }, { budgetLineId: 2, lineCode: 'L2', fundingSourceId: 2, funderLabel: 'Autre', missionArea: 'recherche', missionLabel: 'Recherche' }),
      row({ assignmentId: 5, staffMemberId: 5, name: 'Pr E', status: 'seconded_without', employerLabel: 'CHU', employerKind: 'hospital', annualCostCents: 5_000_000 }, { budgetLineId: 3, lineCode: 'L3', fundingSourceId: 3, funderLabel: 'CHU' }),
      row({ assignmentId: 6, staffMemberId: 6, name: 'Pr F', status: 'seconded_without', employerLabel: 'CHU', employerKind: 'hospital', annualCostCents: 6_000_000 }, { budgetLineId: 3, lineCode: 'L3', fundingSourceId: 3, funderLabel: 'CHU' }),
      row({ assignmentId: 7, staffMemberId: 7, name: 'G', status: 'seconded_without', employerLabel: 'Ministère', employerKind: 'ministry', annualCostCents: 7_000_000 }, { budgetLineId: 3, lineCode: 'L3', fundingSourceId: 3, funderLabel: 'CHU' }),
    ];
    const board = buildStaffSummary({ ...base, detail: 'aggregate', rows });
    const funder = (s: typeof board, key: string) => s.byFunder.find((f) => f.key === key)!;
    // L1 (MIG, three people) is merged with L2 (one person) per line: MIG's cost minus the rest would give L2 back, so it is withheld too.
    expect(funder(board, '1')).toEqual({ key: '1', label: 'MIG', etpt: { num: 3, den: 1, display: '3,00' }, headcount: 3, costCents: null, costMasked: 'fewer_than_3_people' });
    expect(funder(board, '2')).toEqual({ key: '2', label: 'Autre', etpt: { num: 1, den: 1, display: '1,00' }, headcount: 1, costCents: null, costMasked: 'fewer_than_3_people' });
    expect(funder(board, '3').costCents).toBe(18_000_000);
    expect(board.byMission.find((m) => m.key === 'recherche')).toEqual(jasmine.objectContaining({ headcount: 1, costCents: null, costMasked: 'fewer_than_3_people' }));
    expect(board.byMission.find((m) => m.key === 'support')).toEqual(jasmine.objectContaining({ headcount: 6, costCents: null, costMasked: 'fewer_than_3_people' }));
    // Without L2, nothing is merged: MIG and « support » show their costs.
    const withoutL2 = buildStaffSummary({ ...base, detail: 'aggregate', rows: rows.filter((r) => r.assignmentId !== 4) });
    expect(funder(withoutL2, '1').costCents).toBe(6_000_000);
    expect(withoutL2.byMission.find((m) => m.key === 'support')!.costCents).toBe(24_000_000);
    expect(board.secondedInKind).toEqual([
      { employerLabel: 'CHU', employerKind: 'hospital', etpt: { num: 2, den: 1, display: '2,00' }, headcount: 2, valueCents: null, valueMasked: 'fewer_than_3_people' },
      { employerLabel: 'Ministère', employerKind: 'ministry', etpt: { num: 1, den: 1, display: '1,00' }, headcount: 1, valueCents: null, valueMasked: 'fewer_than_3_people' },
    ]);
    // Three people seconded in all: the in-kind total is shown.
    expect(board.secondedInKindTotalCents).toBe(18_000_000);
    expect(board.secondedInKindTotalMasked).toBeNull();
    // L2 pays one person (Dr D): merged with the smallest other line (L1, three people) into a group of four, shown with its head count.
    expect(board.byLine.map((l) => [l.code, l.headcount, l.costCents])).toEqual([
      ['L3', 3, 18_000_000],
      ['PERSONNEL-REGROUPE', 4, 10_000_000],
    ]);
    expect(board.staffCostNote).toContain('au moins 3 personnes');
    expect(JSON.stringify(board)).not.toContain(':4000000');
    expect(board.totalCostCents).toBe(28_000_000);

    // Finance and administrators see everything.
    const full = buildStaffSummary({ ...base, detail: 'full', rows });
    expect(full.byLine.map((l) => [l.code, l.headcount, l.costCents])).toEqual([
      ['L1', 3, 6_000_000],
      ['L2', 1, 4_000_000],
      ['L3', 3, 18_000_000],
    ]);
    expect(full.staffCostNote).toBeNull();
    expect(funder(full, '2')).toEqual(jasmine.objectContaining({ headcount: 1, costCents: 4_000_000, costMasked: null }));
    expect(full.secondedInKind.map((s) => [s.valueCents, s.valueMasked])).toEqual([
      [11_000_000, null],
      [7_000_000, null],
    ]);

    // Two people seconded in all: the in-kind total is masked too.
    const two = buildStaffSummary({ ...base, detail: 'aggregate', rows: rows.slice(0, 6) });
    expect(two.secondedInKindTotalCents).toBeNull();
    expect(two.secondedInKindTotalMasked).toBe('fewer_than_3_people');
  });

  it('masks the smallest shown employer too when the masked ones hold 1 or 2 people: the in-kind total minus the shown rows gives no one’s cost back', () => {
    const seconded = (id: number, employerLabel: string, annualCostCents: number) =>
      row({ assignmentId: id, staffMemberId: id, name: `P${id}`, status: 'seconded_without', employerLabel, employerKind: 'ministry', annualCostCents }, { budgetLineId: 3, lineCode: 'L3', fundingSourceId: 3, funderLabel: 'Ministères' });
    // Armées: three people; Justice: four; Intérieur: one alone.
    const rows = [
      seconded(1, 'Armées', 1_000_000),
      seconded(2, 'Armées', 2_000_000),
      seconded(3, 'Armées', 3_000_000),
      ...[4, 5, 6, 7].map((id) => seconded(id, 'Justice', 5_000_000)),
      seconded(8, 'Intérieur', 9_000_000),
    ];
    const board = buildStaffSummary({ ...base, detail: 'aggregate', rows });
    expect(board.secondedInKindTotalCents).toBe(35_000_000);
    expect(board.secondedInKind.map((s) => [s.employerLabel, s.headcount, s.valueCents])).toEqual([
      ['Armées', 3, null],
      ['Intérieur', 1, null],
      ['Justice', 4, 20_000_000],
    ]);
    // What the board reads: the total minus every shown row covers four people, never one or two.
    const shown = board.secondedInKind.filter((s) => s.valueCents !== null);
    const leftPeople = 8 - shown.reduce((n, s) => n + s.headcount, 0);
    expect(leftPeople).toBeGreaterThanOrEqual(3);
    // Without Intérieur, nothing is masked.
    const without = buildStaffSummary({ ...base, detail: 'aggregate', rows: rows.slice(0, 7) });
    expect(without.secondedInKind.map((s) => s.valueCents)).toEqual([6_000_000, 20_000_000]);
  });

  it('hides names and personal costs in the aggregate view', () => {
    const s = buildStaffSummary({ ...base, detail: 'aggregate', rows: [row({ assignmentId: 1 })] });
    expect(s.people).toBeNull();
    expect(JSON.stringify(s)).not.toContain('Dr A');
  });
});

describe('inKindStaffValuations', () => {
  const seconded = (memberId: number, cents: number, allocations: Partial<NonNullable<StaffYearRow['allocation']>>[], over: Partial<StaffYearRow> = {}) =>
    allocations.map((al, i) =>
      row(
        { assignmentId: memberId, staffMemberId: memberId, name: `P${memberId}`, status: 'seconded_without', employerLabel: 'Ministère', employerKind: 'ministry', annualCostCents: cents, ...over },
        { id: memberId * 10 + i, funderInKind: true, fundingSourceId: 7, ...al },
      ),
    );

  it('values each person seconded without reimbursement at the staff summary’s employer cost, wholly to the in-kind source their allocations name', () => {
    const rows = [
      // All year on source 7; from 1 July, half on a cash source's line: still 70 000 € to source 7.
      ...seconded(1, 7_000_000, [{ toOn: '2025-06-30' }, { fromOn: '2025-07-01', shareBp: 5_000 }, { fromOn: '2025-07-01', shareBp: 5_000, fundingSourceId: 3, funderInKind: false, budgetLineId: 2 }]),
      // 80 % from 1 March (paid 6/7): the pay ratio and days of `paidCost`.
      ...seconded(2, 6_000_000, [{ fromOn: '2025-03-01' }], { quotiteBp: 8_000, startOn: '2025-03-01' }),
      // Seconded with reimbursement: cash, not in kind.
      ...seconded(3, 9_000_000, [{}], { status: 'seconded_with_reimbursement' }),
      // Split between two in-kind sources, 1/3 and 2/3 of the time: the parts add up to the cent.
      ...seconded(4, 1_000_001, [{ shareBp: 3_333, fundingSourceId: 8 }, { shareBp: 6_667, fundingSourceId: 9 }]),
    ];
    const summary = buildStaffSummary({ year: 2025, rows, ceiling: undefined, otherInKindTotalCents: 0, detail: 'full' });
    const cost = (id: number) => summary.people!.find((p) => p.staffMemberId === id)!.costCents;
    const valued = inKindStaffValuations({ year: 2025, rows, detail: 'full' });
    expect(valued.map((v) => [v.fundingSourceId, v.valueCents, v.headcount])).toEqual([
      [7, cost(1) + cost(2), 2],
      [8, 333_300, 1],
      [9, 666_701, 1],
    ]);
    expect(cost(1)).toBe(7_000_000);
    expect(valued[1].valueCents! + valued[2].valueCents!).toBe(cost(4));
    expect(valued[1].etpt.display).toBe('0,33');
    // The same total as the staff summary's in-kind total of these people.
    expect(valued.reduce((t, v) => t + v.valueCents!, 0)).toBe(summary.secondedInKindTotalCents!);
  });

  it('withholds from the aggregate view a source of 1 or 2 people, or one that would leave 1 or 2 seconded people outside', () => {
    const three = [1, 2, 3].flatMap((id) => seconded(id, 5_000_000, [{}]));
    const alone = seconded(4, 4_000_000, [{ fundingSourceId: 3, funderInKind: false }]);
    const masked = (rows: StaffYearRow[]) => inKindStaffValuations({ year: 2025, rows, detail: 'aggregate' }).map((v) => [v.fundingSourceId, v.valueCents, v.valueMasked]);
    expect(masked(three)).toEqual([[7, 15_000_000, null]]);
    expect(masked(three.slice(0, 2))).toEqual([[7, null, 'fewer_than_3_people']]);
    // Three on source 7, one more seconded on a cash line: total − source 7 = that one person.
    expect(masked([...three, ...alone])).toEqual([[7, null, 'fewer_than_3_people']]);
    expect(masked([...three, ...alone, ...[5, 6].flatMap((id) => seconded(id, 1_000_000, [{ fundingSourceId: 3, funderInKind: false }]))])).toEqual([[7, 15_000_000, null]]);
    expect(inKindStaffValuations({ year: 2025, rows: [...three, ...alone], detail: 'full' })[0].valueCents).toBe(15_000_000);
  });
});
