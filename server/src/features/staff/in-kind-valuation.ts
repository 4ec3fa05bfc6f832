import type { Knex } from 'knex';
import type { InKindValuation } from '@cn2r/shared';
import { StaffRepository } from './staff-repository.js';
import { inKindStaffValuations } from './staff-summary.js';

type Db = Knex | Knex.Transaction;

/**
 * The in-kind valuation of the in-kind funding sources (mise à disposition sans remboursement),
 * read from the staff records with the staff summary's computation (`inKindStaffValuations`): the
 * one figure the funding sources, the receipts and the reports show. `aggregate` (the board, the
 * annual documents): null under 3 people.
 */
export class InKindValuations {
  private readonly staff = new StaffRepository();

  /** The valuations of a year, by funding source id (only sources valued that year). */
  async ofYear(db: Db, year: number, detail: 'full' | 'aggregate'): Promise<Map<number, InKindValuation>> {
    const rows = await this.staff.yearRows(db, year);
    return new Map(
      inKindStaffValuations({ year, rows, detail }).map((v) => [
        v.fundingSourceId,
        { year, valueCents: v.valueCents, valueMasked: v.valueMasked, headcount: v.headcount, etpt: v.etpt.display },
      ]),
    );
  }

  /** The valuations of every fiscal year, by funding source id, in year order. */
  async allYears(db: Db, detail: 'full' | 'aggregate'): Promise<Map<number, InKindValuation[]>> {
    const years = (await db('fiscal_years').orderBy('year').select('year')).map((r) => Number(r.year));
    const bySource = new Map<number, InKindValuation[]>();
    for (const year of years) {
      for (const [id, v] of await this.ofYear(db, year, detail)) bySource.set(id, [...(bySource.get(id) ?? []), v]);
    }
    return bySource;
  }
}
