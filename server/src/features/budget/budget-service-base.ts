import {
  type BudgetEntryDate,
  type DecisionKind,
  planAcrossYears,
  type PersonnelDisclosure,
  formatMessage,
} from '@cn2r/shared';
import type { Knex } from 'knex';
import type { Clock } from '../../clock.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors/http-errors.js';
import { BudgetRepository } from './budget-repository.js';
import { PersonnelDisclosureRepository, personnelInputs } from './personnel-disclosure.js';

type Trx = Knex.Transaction;

/**
 * One reading of several budget figures (a report's data: the executions of three years in two
 * views, the personnel plan): the reference data they share — funding sources, envelopes, mission
 * areas, the personnel plan's inputs, a year's lines, totals and forecasts — read once, on first
 * use, and given to every figure of the reading. Made anew for each reading, never kept after it.
 */
export class BudgetReading {
  private readonly reads = new Map<string, Promise<unknown>>();

  /** `read()` the first time `key` is asked in this reading, the same promise after. */
  once<T>(key: string, read: () => Promise<T>): Promise<T> {
    if (!this.reads.has(key)) this.reads.set(key, read());
    return this.reads.get(key) as Promise<T>;
  }
}

/** `read()` once per reading when there is one, else every time. */
export const readOnce = <T>(reading: BudgetReading | undefined, key: string, read: () => Promise<T>): Promise<T> => (reading ? reading.once(key, read) : read());

/**
 * What the budget services share: the database, the clock, the repositories, the checks every
 * write makes (an open fiscal year, dates within it) and the board's view of personnel lines.
 */
export abstract class BudgetServiceBase {
  protected readonly repo = new BudgetRepository();
  protected readonly personnel = new PersonnelDisclosureRepository();

  constructor(
    protected readonly db: Knex,
    protected readonly clock: Clock,
  ) {}

  protected yearNotFound(year: number): NotFoundError {
    return new NotFoundError(formatMessage('budget.fiscal_year_not_found', { year }));
  }

  /** The year must exist and be open; locked (shared) so it cannot be closed while the write runs. */
  protected async assertOpenYear(trx: Trx, year: number): Promise<void> {
    const fiscalYear = await this.repo.findFiscalYear(trx, year, { forShare: true });
    if (!fiscalYear) throw this.yearNotFound(year);
    if (fiscalYear.status === 'closed') throw new ConflictError(formatMessage('budget.fiscal_year_closed', { year }));
  }

  /** A decision is dated within its year; the initial budget may be voted the year before. */
  protected assertDecisionDate(kind: DecisionKind, decidedOn: string, year: number): void {
    if (decidedOn.startsWith(`${year}-`) || (kind === 'initial' && decidedOn.startsWith(`${year - 1}-`))) return;
    throw ValidationError.field('decidedOn', formatMessage('budget.decision_date_outside_year', { year }));
  }

  protected assertDateInYear(date: string, year: number, path: string, what: BudgetEntryDate): void {
    if (!date.startsWith(`${year}-`)) throw ValidationError.field(path, formatMessage('budget.entry_date_outside_year', { what, year }));
  }

  // ---- The board's view of personnel lines ----

  /** The personnel lines of a year merged in the board's view. */
  async mergedLineIds(year: number): Promise<Set<number>> {
    return new Set((await this.personnelDisclosure(year)).groupOf.keys());
  }

  /**
   * The plan of the board's view of a year's personnel lines (people paid by each line), the same
   * merging in every fiscal year (`planAcrossYears`), so that no two years read side by side give
   * back a line that joined or left a group.
   */
  async personnelDisclosure(year: number, reading?: BudgetReading): Promise<PersonnelDisclosure> {
    return planAcrossYears(await readOnce(reading, 'personnelInputs', () => this.personnelInputs(reading)), year);
  }

  /** Every fiscal year's personnel lines with their people: four queries whatever the number of years (two per year before: 22 at ten years). */
  private async personnelInputs(reading?: BudgetReading) {
    const [fiscalYears, fundingSources, lines, people] = await Promise.all([
      this.repo.listFiscalYears(this.db),
      this.fundingSources(reading),
      this.repo.listEnvelopeLines(this.db, 'personnel'),
      this.personnel.peopleByLineAllYears(this.db, 'paid'),
    ]);
    return fiscalYears.map((y) => ({
      year: y.year,
      lines: personnelInputs(
        lines.filter((l) => l.year === y.year),
        fundingSources,
        people.get(y.year) ?? new Map(),
      ),
    }));
  }

  protected fundingSources(reading?: BudgetReading) {
    return readOnce(reading, 'fundingSources', () => this.repo.listFundingSources(this.db));
  }
}
