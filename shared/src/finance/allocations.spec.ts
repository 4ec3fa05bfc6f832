import { checkAllocationCoverage, type Allocation, type AllocationProblemKind, type AssignmentPeriod } from './allocations.js';

const NBSP = '\u00A0';
const year2026: AssignmentPeriod = { start: '2026-01-01', end: '2026-12-31' };
const mig = { lineKey: 'personnel', funderKey: 'mig-h15', missionKey: 'animation-reseau' };
const ministry = { lineKey: 'personnel', funderKey: 'sante', missionKey: 'recherche' };

type Expected = [kind: AllocationProblemKind, from: string, to: string | null, totalBp: number, message: string];

describe('checkAllocationCoverage', () => {
  const cases: [label: string, assignment: AssignmentPeriod, allocations: Allocation[], expected: Expected[]][] = [
    ['one allocation at 100 % over the assignment', year2026, [{ from: '2026-01-01', to: '2026-12-31', shareBp: 10_000, ...mig }], []],
    ['one allocation with no end over an assignment with no end', { start: '2026-03-01', end: null }, [{ from: '2026-03-01', to: null, shareBp: 10_000, ...mig }], []],
    [
      'two funders at 60 % and 40 %, the split changing on 1 July',
      year2026,
      [
        { from: '2026-01-01', to: '2026-06-30', shareBp: 6_000, ...mig },
        { from: '2026-01-01', to: '2026-06-30', shareBp: 4_000, ...ministry },
        { from: '2026-07-01', to: '2026-12-31', shareBp: 5_000, ...mig },
        { from: '2026-07-01', to: null, shareBp: 5_000, ...ministry },
      ],
      [['outside', '2027-01-01', null, 5_000, `À partir du 01/01/2027, des parts totalisant 50${NBSP}% sont affectées hors de la période de l’affectation (du 01/01/2026 au 31/12/2026).`]],
    ],
    [
      'the example of docs/domain/staff-fte.md: 80 % in March',
      year2026,
      [
        { from: '2026-01-01', to: '2026-12-31', shareBp: 8_000, ...mig },
        { from: '2026-01-01', to: '2026-02-28', shareBp: 2_000, ...ministry },
        { from: '2026-04-01', to: '2026-12-31', shareBp: 2_000, ...ministry },
      ],
      [['under', '2026-03-01', '2026-03-31', 8_000, `Du 01/03/2026 au 31/03/2026, les parts totalisent 80${NBSP}% au lieu de 100${NBSP}%.`]],
    ],
    [
      'no allocation at all',
      year2026,
      [],
      [['gap', '2026-01-01', '2026-12-31', 0, `Du 01/01/2026 au 31/12/2026, aucune part n’est affectée (0${NBSP}% au lieu de 100${NBSP}%).`]],
    ],
    [
      'no allocation for an assignment with no end',
      { start: '2026-03-01', end: null },
      [],
      [['gap', '2026-03-01', null, 0, `À partir du 01/03/2026, aucune part n’est affectée (0${NBSP}% au lieu de 100${NBSP}%).`]],
    ],
    [
      'a gap of one day between two allocations, and a late start',
      year2026,
      [
        { from: '2026-01-05', to: '2026-05-31', shareBp: 10_000, ...mig },
        { from: '2026-06-02', to: '2026-12-31', shareBp: 10_000, ...mig },
      ],
      [
        ['gap', '2026-01-01', '2026-01-04', 0, `Du 01/01/2026 au 04/01/2026, aucune part n’est affectée (0${NBSP}% au lieu de 100${NBSP}%).`],
        ['gap', '2026-06-01', '2026-06-01', 0, `Le 01/06/2026, aucune part n’est affectée (0${NBSP}% au lieu de 100${NBSP}%).`],
      ],
    ],
    [
      'an overlap of two full allocations during February (leap-year end of month in 2028)',
      { start: '2028-01-01', end: '2028-12-31' },
      [
        { from: '2028-01-01', to: '2028-02-29', shareBp: 10_000, ...mig },
        { from: '2028-02-01', to: '2028-12-31', shareBp: 10_000, ...ministry },
      ],
      [['over', '2028-02-01', '2028-02-29', 20_000, `Du 01/02/2028 au 29/02/2028, les parts totalisent 200${NBSP}% au lieu de 100${NBSP}%.`]],
    ],
    [
      'allocations before and after the assignment, each reported with its own period',
      { start: '2026-03-01', end: '2026-08-31' },
      [{ from: '2026-01-01', to: '2026-12-31', shareBp: 10_000, ...mig }],
      [
        ['outside', '2026-01-01', '2026-02-28', 10_000, `Du 01/01/2026 au 28/02/2026, des parts totalisant 100${NBSP}% sont affectées hors de la période de l’affectation (du 01/03/2026 au 31/08/2026).`],
        ['outside', '2026-09-01', '2026-12-31', 10_000, `Du 01/09/2026 au 31/12/2026, des parts totalisant 100${NBSP}% sont affectées hors de la période de l’affectation (du 01/03/2026 au 31/08/2026).`],
      ],
    ],
    [
      'successive totals of 50 %, 80 %, 100 % and 110 %, each its own problem',
      year2026,
      [
        { from: '2026-01-01', to: '2026-12-31', shareBp: 5_000, ...mig },
        { from: '2026-02-01', to: '2026-12-31', shareBp: 3_000, ...ministry },
        { from: '2026-03-01', to: '2026-12-31', shareBp: 2_000, lineKey: 'fonctionnement' },
        { from: '2026-12-01', to: '2026-12-31', shareBp: 1_000, lineKey: 'intervention' },
      ],
      [
        ['under', '2026-01-01', '2026-01-31', 5_000, `Du 01/01/2026 au 31/01/2026, les parts totalisent 50${NBSP}% au lieu de 100${NBSP}%.`],
        ['under', '2026-02-01', '2026-02-28', 8_000, `Du 01/02/2026 au 28/02/2026, les parts totalisent 80${NBSP}% au lieu de 100${NBSP}%.`],
        ['over', '2026-12-01', '2026-12-31', 11_000, `Du 01/12/2026 au 31/12/2026, les parts totalisent 110${NBSP}% au lieu de 100${NBSP}%.`],
      ],
    ],
    [
      'back-to-back allocations of the same share: no problem, no split',
      year2026,
      [
        { from: '2026-01-01', to: '2026-04-30', shareBp: 10_000, ...mig },
        { from: '2026-05-01', to: '2026-12-31', shareBp: 10_000, ...ministry },
      ],
      [],
    ],
    [
      'a 70 % share that changes funder mid-period stays one problem',
      year2026,
      [
        { from: '2026-01-01', to: '2026-12-31', shareBp: 3_000, ...mig },
        { from: '2026-01-01', to: '2026-06-30', shareBp: 7_000, ...ministry },
        { from: '2026-07-01', to: '2026-07-31', shareBp: 4_000, ...ministry },
        { from: '2026-08-01', to: '2026-09-30', shareBp: 4_000, ...mig },
        { from: '2026-10-01', to: '2026-12-31', shareBp: 7_000, ...ministry },
      ],
      [['under', '2026-07-01', '2026-09-30', 7_000, `Du 01/07/2026 au 30/09/2026, les parts totalisent 70${NBSP}% au lieu de 100${NBSP}%.`]],
    ],
    [
      'a row ending before it starts is reported and ignored',
      year2026,
      [
        { from: '2026-01-01', to: '2026-12-31', shareBp: 10_000, ...mig },
        { from: '2026-03-01', to: '2026-02-01', shareBp: 2_000, ...ministry },
      ],
      [['invalid', '2026-03-01', '2026-02-01', 2_000, 'Ligne 2 : la fin (01/02/2026) précède le début (01/03/2026).']],
    ],
    [
      'a one-day assignment',
      { start: '2026-05-05', end: '2026-05-05' },
      [{ from: '2026-05-05', to: '2026-05-05', shareBp: 9_999, ...mig }],
      [['under', '2026-05-05', '2026-05-05', 9_999, `Le 05/05/2026, les parts totalisent 99,99${NBSP}% au lieu de 100${NBSP}%.`]],
    ],
    [
      'zero shares count as nothing',
      year2026,
      [
        { from: '2026-01-01', to: '2026-12-31', shareBp: 10_000, ...mig },
        { from: '2025-01-01', to: null, shareBp: 0, ...ministry },
      ],
      [],
    ],
  ];
  for (const [label, assignment, allocations, expected] of cases) {
    it(`checks ${label}`, () => {
      const problems = checkAllocationCoverage(assignment, allocations);
      expect(problems.map((p) => [p.kind, p.from, p.to, p.totalBp, p.message])).toEqual(expected);
    });
  }

  it('finds the same problems whatever the order of the rows', () => {
    const rows: Allocation[] = [
      { from: '2026-01-01', to: '2026-12-31', shareBp: 8_000, ...mig },
      { from: '2026-01-01', to: '2026-02-28', shareBp: 2_000, ...ministry },
      { from: '2026-04-01', to: '2026-12-31', shareBp: 2_000, ...ministry },
    ];
    const expected = checkAllocationCoverage(year2026, rows);
    expect(checkAllocationCoverage(year2026, [...rows].reverse())).toEqual(expected);
    expect(checkAllocationCoverage(year2026, [rows[1], rows[2], rows[0]])).toEqual(expected);
  });

  it('refuses malformed input with a RangeError', () => {
    expect(() => checkAllocationCoverage({ start: '2026-12-31', end: '2026-01-01' }, [])).toThrowError(
      RangeError,
      'Affectation invalide : la fin (01/01/2026) précède le début (31/12/2026).',
    );
    expect(() => checkAllocationCoverage(year2026, [{ from: '2026-01-01', to: null, shareBp: 10_001 }])).toThrowError(RangeError, /Part de la ligne 1 hors limites/);
    expect(() => checkAllocationCoverage(year2026, [{ from: '2026-01-01', to: null, shareBp: 50.5 }])).toThrowError(RangeError, /Part de la ligne 1 invalide/);
    expect(() => checkAllocationCoverage(year2026, [{ from: '2026-02-30', to: null, shareBp: 100 }])).toThrowError(
      RangeError,
      'Début de la ligne 1 invalide : le 2026-02-30 n’existe pas.',
    );
    expect(() => checkAllocationCoverage({ start: '01/01/2026', end: null }, [])).toThrowError(RangeError, /Début de l’affectation invalide/);
  });
});
