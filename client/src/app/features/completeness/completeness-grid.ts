import type { Completeness, CompletenessCell } from '@cn2r/shared';

export interface CompletenessRow {
  readonly unit: Completeness['units'][number];
  /** One per period of the campaign, in the same order; null when the server sent none. */
  readonly cells: (CompletenessCell | null)[];
}

/** Units × periods: one row per unit, its cells aligned on the campaign's periods. */
export function completenessRows(completeness: Completeness): CompletenessRow[] {
  const byKey = new Map(completeness.cells.map((cell) => [`${cell.unitId}|${cell.period}`, cell]));
  return completeness.units.map((unit) => ({
    unit,
    cells: completeness.periods.map((p) => byKey.get(`${unit.id}|${p.period}`) ?? null),
  }));
}

/** « 80 % renseigné », or nothing when the server could not say. */
export function filledText(cell: Pick<CompletenessCell, 'filledPercent'>): string {
  return cell.filledPercent === null ? '' : `${Math.round(cell.filledPercent)} % renseigné`;
}

/** The campaign's counts for the summary line: expected forms, and how many are validated or late. */
export function completenessSummary(completeness: Completeness): { expected: number; validated: number; late: number } {
  const expected = completeness.cells.filter((c) => c.expected);
  return {
    expected: expected.length,
    validated: expected.filter((c) => c.status === 'validated').length,
    late: expected.filter((c) => c.late).length,
  };
}
