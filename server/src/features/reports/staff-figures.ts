import type { Knex } from 'knex';
import { fraction, formatEtpt, sumFractions, type Etpt, type StaffCategory, type StaffSummary } from '@cn2r/shared';
import { buildStaffSummary } from '../staff/staff-summary.js';
import { StaffRepository, type StaffYearRow } from '../staff/staff-repository.js';
import { ReportRepository } from './report-repository.js';

const PAID_BY_GROUPING = new Set<StaffYearRow['status']>(['own', 'seconded_with_reimbursement']);
const ZERO: Etpt = { num: 0, den: 1, display: formatEtpt(fraction(0, 1)) };

export interface StaffGroupFigures {
  total: StaffSummary;
  paidByGrouping: StaffSummary;
  seconded: StaffSummary;
}

/**
 * The staff figures of the reports: the staff summary of the year (exact ETPT and costs), and the
 * same summary over subsets of people (by category, by status), so that every group is computed
 * exactly like the whole. Aggregates only: no name and no cost per person leaves this class.
 *
 * One instance is one reading — a report's data, made anew for each — each year read once
 * whatever the figures asked of it.
 */
export class StaffFigures {
  private readonly staff = new StaffRepository();
  private readonly reports = new ReportRepository();
  private readonly loads = new Map<number, ReturnType<StaffFigures['read']>>();

  constructor(private readonly db: Knex) {}

  private load(year: number): ReturnType<StaffFigures['read']> {
    if (!this.loads.has(year)) this.loads.set(year, this.read(year));
    return this.loads.get(year)!;
  }

  private async read(year: number) {
    const [rows, ceiling, otherInKindTotalCents, categories] = await Promise.all([
      this.staff.yearRows(this.db, year),
      this.staff.findCeiling(this.db, year),
      this.staff.inKindTotal(this.db, year),
      this.reports.staffCategories(this.db),
    ]);
    const summarise = (subset: readonly StaffYearRow[]) => buildStaffSummary({ year, rows: subset, ceiling, otherInKindTotalCents, detail: 'aggregate' });
    const split = (subset: readonly StaffYearRow[]): StaffGroupFigures => ({
      total: summarise(subset),
      paidByGrouping: summarise(subset.filter((r) => PAID_BY_GROUPING.has(r.status))),
      seconded: summarise(subset.filter((r) => !PAID_BY_GROUPING.has(r.status))),
    });
    return { rows, categories, split };
  }

  /** The year's rows (a person's assignment and allocation each), as the figures read them. */
  async rows(year: number): Promise<readonly StaffYearRow[]> {
    return (await this.load(year)).rows;
  }

  /** The year's figures as a whole and split by who pays. */
  async year(year: number): Promise<StaffGroupFigures> {
    const { rows, split } = await this.load(year);
    return split(rows);
  }

  /** Per category of staff (in the order of the categories present). */
  async byCategory(year: number): Promise<({ category: StaffCategory } & StaffGroupFigures & { totalEtpt: Etpt })[]> {
    const { rows, categories, split } = await this.load(year);
    const present = [...new Set(rows.map((r) => categories.get(r.staffMemberId) as StaffCategory))].sort();
    return present.map((category) => {
      const figures = split(rows.filter((r) => categories.get(r.staffMemberId) === category));
      return { category, ...figures, totalEtpt: figures.total.totalEtpt };
    });
  }
}

/** ETPT of a funder in a summary (zero when absent). */
export function funderEtpt(summary: StaffSummary, key: string): Etpt {
  return summary.byFunder.find((f) => f.key === key)?.etpt ?? ZERO;
}

/** Sum of ETPT values (exact). */
export function addEtpt(...values: Etpt[]): Etpt {
  const total = sumFractions(values.map((v) => fraction(v.num, v.den)));
  return { num: total.num, den: total.den, display: formatEtpt(total) };
}
