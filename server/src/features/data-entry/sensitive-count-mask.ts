import { SECONDARY_CELL_TEXT, suppressSmallCells, suppressionText, type CellValue, type DataEntryForm, type Indicator, type ValueHistoryEntry } from '@cn2r/shared';
import type { Knex } from 'knex';
import type { SensitiveCountRepository, SensitiveCountRow } from './sensitive-count-repository.js';

type Db = Knex | Knex.Transaction;

interface Cell {
  readonly indicatorId: number;
  readonly optionId: number | null;
  readonly value: CellValue;
}

/**
 * Small-cell suppression of a unit's form for the readers who get counts masked (board,
 * finance: `readsUnmaskedCounts` in shared/). A count of a sensitive dimension is hidden « < 5 »
 * (1 to 4) or « s » (secondary), with the same two-way table as the activity report: the units
 * (rows, keyed by code) × the options (columns, keyed by label) of one indicator and one period,
 * with the units' totals and the network's value of each option as printed margins, so that the
 * forms of all units read together and the report give no hidden count back by subtraction.
 */
export class SensitiveCountMask {
  constructor(private readonly repo: SensitiveCountRepository) {}

  async maskForm(db: Db, form: DataEntryForm): Promise<DataEntryForm> {
    const indicators = new Map<number, Indicator>([...form.indicators, ...form.finerIndicators].map((i) => [i.id, i]));
    const periods = [form.submission.period, form.previousPeriod.period, form.lastYear.period, ...new Set(form.finerValues.map((v) => v.period))];
    const network = await this.repo.validatedCounts(db, [...new Set(periods)]);
    const sensitiveIds = new Set(network.map((r) => r.indicatorId));
    for (const indicator of indicators.values()) if (indicator.dimension?.sensitive) sensitiveIds.add(indicator.id);
    if (sensitiveIds.size === 0) return form;
    const mask = <T extends Cell>(cells: readonly T[], period: string): T[] => maskUnitRow(form.unit, period, cells, network, indicators, sensitiveIds);
    const finerPeriods = [...new Set(form.finerValues.map((v) => v.period))];
    return {
      ...form,
      values: mask(form.values, form.submission.period),
      previousPeriod: { ...form.previousPeriod, values: mask(form.previousPeriod.values, form.previousPeriod.period) },
      lastYear: { ...form.lastYear, values: mask(form.lastYear.values, form.lastYear.period) },
      finerValues: finerPeriods.flatMap((p) => mask(form.finerValues.filter((v) => v.period === p), p)),
    };
  }

  async isSensitiveOption(db: Db, optionId: number): Promise<boolean> {
    return this.repo.isSensitiveOption(db, optionId);
  }

  /** The history of a value of a sensitive option: every past count hidden (« s »), since any of them, with the current total, would give one back. */
  maskHistory(entries: ValueHistoryEntry[], sensitive: boolean): ValueHistoryEntry[] {
    if (!sensitive) return entries;
    const hide = (v: CellValue): CellValue => (typeof v === 'number' ? SECONDARY_CELL_TEXT : v);
    return entries.map((e) => ({ ...e, before: hide(e.before), after: hide(e.after) }));
  }
}

/** One unit's cells of one period with the counts of sensitive options masked. */
function maskUnitRow<T extends Cell>(
  unit: DataEntryForm['unit'],
  period: string,
  cells: readonly T[],
  network: readonly SensitiveCountRow[],
  indicators: ReadonlyMap<number, Indicator>,
  sensitiveIds: ReadonlySet<number>,
): T[] {
  const out = [...cells];
  const ids = new Set(cells.filter((c) => c.optionId !== null && sensitiveIds.has(c.indicatorId)).map((c) => c.indicatorId));
  for (const indicatorId of ids) {
    const others = network.filter((r) => r.period === period && r.indicatorId === indicatorId && r.unitId !== unit.id);
    const indicator = indicators.get(indicatorId);
    const optionLabels = new Map<number, string>([...(indicator?.dimension?.options ?? []).map((o) => [o.id, o.label] as const), ...others.map((r) => [r.optionId, r.optionLabel] as const)]);
    const own = cells.map((c, i) => ({ c, i })).filter(({ c }) => c.indicatorId === indicatorId && c.optionId !== null);
    for (const { c } of own) if (!optionLabels.has(c.optionId!)) optionLabels.set(c.optionId!, String(c.optionId));
    const optionIds = [...optionLabels.keys()].sort((a, b) => optionLabels.get(a)!.localeCompare(optionLabels.get(b)!) || a - b);
    const unitCodes = [unit.code, ...new Set(others.map((r) => r.unitCode))].filter((code, i, all) => all.indexOf(code) === i).sort();
    const additive = indicator?.optionsAdditive ?? others[0]?.additive ?? true;
    const number = (v: CellValue | undefined): number | null => (typeof v === 'number' ? v : null);
    const result = suppressSmallCells({
      cells: unitCodes.map((code) =>
        optionIds.map((optionId) =>
          code === unit.code ? number(own.find(({ c }) => c.optionId === optionId)?.c.value) : (others.find((r) => r.unitCode === code && r.optionId === optionId)?.value ?? null),
        ),
      ),
      sensitive: () => true,
      rowTotals: additive,
      columnTotals: additive,
      grandTotal: additive,
      sensitiveColumnTotals: true,
      rowKeys: unitCodes,
      columnKeys: optionIds.map((id) => optionLabels.get(id)!),
    });
    const row = unitCodes.indexOf(unit.code);
    for (const { c, i } of own) {
      const text = suppressionText(result.cells[row][optionIds.indexOf(c.optionId!)]);
      // The last validated value is masked with the value: for these readers both are the validated count.
      if (text !== null) out[i] = { ...c, value: text, ...('validatedValue' in c && { validatedValue: text }) };
    }
  }
  return out;
}
