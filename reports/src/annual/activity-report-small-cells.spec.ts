import type { ActivityReportData } from '@cn2r/shared';
import { activityReportDocument, maskActivityReportData } from './activity-report-document.js';
import { activityReportFixture } from './annual-report-fixture.js';
import { isSensitive, isSuppressed, SMALL_CELL_NOTE, type AnnualCell, type AnnualDocument } from './annual-document.js';

/** What a reader of the document can read: a number, or nothing (hidden, empty). */
const printed = (cell: AnnualCell): number | null => (cell === null || typeof cell === 'string' ? null : isSuppressed(cell) ? null : isSensitive(cell) ? cell.sensitive : typeof cell === 'number' ? cell : null);

/** The data of the annexes as the document prints them: unit → indicator → option (null: total) → [N-1, N]. */
function annexCells(doc: AnnualDocument, data: ActivityReportData, code: string) {
  const annexes = doc.sections.find((s) => s.key === 'annexes')!;
  return data.annexes.map((annex, i) => {
    const table = annexes.tables[i];
    // The table shows no internal code: its rows are the annex's rows, in order.
    const rows = table.rows.filter((_, r) => annex.rows[r].indicatorCode === code);
    return { unitCode: annex.unitCode, rows: rows.map((row) => ({ option: row[1] as string, n1: row[2], n: row[3] })) };
  });
}

describe('activity report: small-cell suppression that a subtraction cannot undo', () => {
  /** The fixture with one unit whose « Attentat » count is 4 next to a printed total: the 419 − 415 = 4. */
  function withSmallCount(): ActivityReportData {
    const data = activityReportFixture();
    const evt = data.networkActivity.find((i) => i.code === 'ACT_EVT')!;
    expect(evt.disaggregation!.sensitive).toBeTrue();
    return data;
  }

  it('leaves no hidden count of the annexes that one row equation (the unit’s total) or one column equation (the network’s value of the option) gives back', () => {
    const data = withSmallCount();
    const doc = activityReportDocument(data);
    const cells = annexCells(doc, data, 'ACT_EVT');
    const network = doc.sections.find((s) => s.key === 'network_activity')!.tables.find((t) => t.title?.startsWith('Nouveaux patients par type d’événement ('))!;
    expect(network).withContext('the network table of ACT_EVT by event type').toBeDefined();
    let primaries = 0;
    let secondaries = 0;
    for (const unit of cells) {
      const total = unit.rows.find((r) => r.option === 'Total')!;
      const options = unit.rows.filter((r) => r.option !== 'Total');
      for (const year of ['n', 'n1'] as const) {
        const hidden = options.filter((o) => o[year] !== null && printed(o[year]) === null);
        primaries += hidden.filter((o) => !(o[year] as { secondary?: true }).secondary).length;
        secondaries += hidden.filter((o) => (o[year] as { secondary?: true }).secondary).length;
        // Row equation: the unit's total printed and exactly one option hidden would give it back.
        if (printed(total[year]) !== null) expect(hidden.length).withContext(`${unit.unitCode} ${year}`).not.toBe(1);
      }
    }
    expect(primaries).toBeGreaterThan(0);
    expect(secondaries).toBeGreaterThan(0);
    // Column equations for N: the network's value of each option (printed) minus the units' printed values.
    network.rows.forEach((row) => {
      const option = row[0] as string;
      const column = cells.map((u) => u.rows.find((r) => r.option === option)!.n);
      const hidden = column.filter((c) => c !== null && printed(c) === null).length;
      if (printed(row[1]) !== null) expect(hidden).withContext(option).not.toBe(1);
    });
    // Every sensitive count of 1 to 4 of the data is hidden somewhere it is printed.
    for (const annex of data.annexes) {
      for (const row of annex.rows.filter((r) => r.sensitive && r.n !== null && r.n >= 1 && r.n <= 4)) {
        const cell = cells.find((u) => u.unitCode === annex.unitCode)!.rows.find((r) => r.option === row.optionLabel && row.indicatorCode === 'ACT_EVT');
        if (cell) expect(printed(cell.n)).toBeNull();
      }
    }
  });

  it('recovers nothing by 419 − 415: a unit’s option of 4 next to its printed total hides a second option of the unit', () => {
    const data = withSmallCount();
    const annex = data.annexes[0];
    const options = annex.rows.filter((r) => r.indicatorCode === 'ACT_EVT' && r.optionLabel !== null);
    const small = options.find((r) => r.n !== null && r.n >= 1 && r.n <= 4)!;
    expect(small).withContext('the fixture has a small count in the first unit').toBeDefined();
    const doc = activityReportDocument(data);
    const unit = annexCells(doc, data, 'ACT_EVT')[0];
    const total = printed(unit.rows.find((r) => r.option === 'Total')!.n)!;
    const shown = unit.rows.filter((r) => r.option !== 'Total').map((r) => printed(r.n));
    // The subtraction the issue made gives a sum of at least two hidden counts, never the small one alone.
    const rest = total - shown.reduce<number>((s, v) => s + (v ?? 0), 0);
    expect(shown.filter((v) => v === null).length).toBeGreaterThanOrEqual(2);
    expect(rest).not.toBe(small.n!);
  });

  it('states the rule once in the whole document', () => {
    const doc = activityReportDocument(withSmallCount());
    const notes = doc.sections.flatMap((s) => s.tables.flatMap((t) => t.notes ?? [])).filter((n) => n === SMALL_CELL_NOTE);
    expect(notes.length).toBe(1);
  });
});

describe('maskActivityReportData (the live data for the board)', () => {
  it('nulls exactly the counts the document hides, and says so', () => {
    const data = activityReportFixture();
    const masked = maskActivityReportData(data);
    const doc = activityReportDocument(data);
    expect(masked.smallCellNote).toBe(SMALL_CELL_NOTE);
    const hiddenInDoc = annexCells(doc, data, 'ACT_EVT').flatMap((u) => u.rows.filter((r) => r.n !== null && printed(r.n) === null).map((r) => `${u.unitCode}|${r.option}`));
    const nulledInData = masked.annexes.flatMap((a) =>
      a.rows.filter((r, i) => r.indicatorCode === 'ACT_EVT' && r.n === null && data.annexes.find((x) => x.unitCode === a.unitCode)!.rows[i].n !== null).map((r) => `${a.unitCode}|${r.optionLabel ?? 'Total'}`),
    );
    expect(hiddenInDoc.length).toBeGreaterThan(0);
    expect(nulledInData.sort()).toEqual(hiddenInDoc.sort());
    // The per-unit options of the network section are nulled the same way.
    const evt = masked.networkActivity.find((i) => i.code === 'ACT_EVT')!;
    const nulledByUnit = evt.byUnit.flatMap((u) => u.options.filter((o) => o.value === null).map((o) => `${u.unitCode}|${o.optionLabel}`));
    expect(nulledByUnit.sort()).toEqual(hiddenInDoc.filter((k) => !k.endsWith('|Total')).sort());
    // No small sensitive count is left anywhere in the masked data.
    const small = (v: number | null) => v !== null && v >= 1 && v <= 4;
    expect(masked.annexes.flatMap((a) => a.rows).filter((r) => r.sensitive && (small(r.n) || small(r.n1))).length).toBe(0);
    expect(evt.byUnit.flatMap((u) => u.options).filter((o) => small(o.value)).length).toBe(0);
  });
});
