import { type FieldError, type StaffAllocationInput, formatMessage } from '@cn2r/shared';

/** What the rule needs of a budget line: its fiscal year and its code. */
export interface LineOfYear {
  readonly year: number;
  readonly code: string;
}

const yearOf = (iso: string) => Number(iso.slice(0, 4));

/**
 * An allocation charges a budget line of the fiscal year of its dates, and covers one fiscal year
 * only: the line’s year is that of its first day, and a dated row ends by 31 December of that year.
 * An open-ended row (`toOn` null) is accepted when it starts in its line’s year: an assignment under
 * way must be covered every day, so its last row has no end until someone cuts it at 31 December and
 * charges the next year’s line. Returns the French problems, one per field (`allocations.N.budgetLineId`,
 * `allocations.N.toOn`); an unknown line is named too (the foreign key would say it less clearly).
 */
export function allocationYearProblems(allocations: readonly StaffAllocationInput[], lines: ReadonlyMap<number, LineOfYear>): FieldError[] {
  const problems: FieldError[] = [];
  allocations.forEach((a, i) => {
    const line = lines.get(a.budgetLineId);
    const year = yearOf(a.fromOn);
    const period = { fromOn: a.fromOn, toOn: a.toOn };
    if (!line) {
      problems.push({ path: `allocations.${i}.budgetLineId`, message: formatMessage('staff.allocation_line_not_found', period) });
    } else if (line.year !== year) {
      problems.push({
        path: `allocations.${i}.budgetLineId`,
        message: formatMessage('staff.allocation_line_other_year', { ...period, lineYear: line.year, lineCode: line.code, year }),
      });
    }
    if (a.toOn !== null && yearOf(a.toOn) !== year) {
      problems.push({
        path: `allocations.${i}.toOn`,
        message: formatMessage('staff.allocation_spans_years', { ...period, year }),
      });
    }
  });
  return problems;
}
