import ExcelJS from 'exceljs';
import type { FinancialReportData } from '@cn2r/shared';
import { financialReportFixture, WORKED_EXAMPLE } from './annual-report-fixture.js';
import { buildFinancialSummaryWorkbook } from './build-financial-summary-workbook.js';
import { buildFinancialSummaryPdf } from './build-financial-summary-pdf.js';
import { financialSummaryDocument, GROUPING_COST_HEADER, MASKED_COST_NOTE, MASKED_COST_TEXT } from './financial-summary-document.js';
import { pdfPagesText } from './pdf-text.js';

/**
 * Staff costs in the financial summary for the general assembly: a cost (or an in-kind value)
 * over 1 or 2 people of the year is never printed, the rule is stated once per section, a column
 * with a masked cell has no total (the sum of the amounts shown would pass for the total), and the
 * « coût pour le groupement » says whose cost it is.
 */

async function read(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

function rowOf(sheet: ExcelJS.Worksheet, label: string, from = 1): ExcelJS.Row {
  for (let r = from; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === label) return sheet.getRow(r);
  throw new Error(`« ${label} » absent de ${sheet.name}`);
}

function cellsOf(sheet: ExcelJS.Worksheet): unknown[] {
  const values: unknown[] = [];
  sheet.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
  return values;
}

/** The fixture as a snapshot stored before the rule: every cost a number, no reason. */
function beforeTheRule(): FinancialReportData {
  const data = financialReportFixture();
  const strip = <T extends { costCents: number | null }>(g: T) => ({ ...g, costCents: g.costCents ?? 1_234_500, costMasked: null });
  return {
    ...data,
    staff: { ...data.staff, byCategory: data.staff.byCategory.map(strip), byFunder: data.staff.byFunder.map(strip) },
    inKind: { ...data.inKind, seconded: data.inKind.seconded.map((s) => ({ ...s, valueCents: s.valueCents ?? 2_000_000, valueMasked: null })) },
  };
}

describe('financial summary: staff costs of fewer than 3 people', () => {
  const data = financialReportFixture();
  const maskedCategories = data.staff.byCategory.filter((g) => g.costCents === null);
  const shownCategories = data.staff.byCategory.filter((g) => g.costCents !== null);

  it('the fixture has masked and shown groups (so the specs below can fail)', () => {
    expect(maskedCategories.map((g) => g.key)).toEqual(['medical', 'psychologist', 'paramedical', 'magistrate']);
    expect(maskedCategories.every((g) => g.costMasked === 'fewer_than_3_people')).toBeTrue();
    expect(shownCategories.length).toBeGreaterThan(0);
    expect(data.inKind.seconded.filter((s) => s.valueCents === null).map((s) => s.employerLabel)).toEqual(['CHU de Lille']);
  });

  describe('document', () => {
    const doc = financialSummaryDocument(data);
    const staff = doc.sections.find((s) => s.key === 'staff')!;
    const inKind = doc.sections.find((s) => s.key === 'in_kind')!;
    const [, byCategory, byFunder] = staff.tables;

    it('writes the masked text in place of the cost, keeps the ETPT, and drops the total of a column with a masked cell', () => {
      expect(byCategory.columns[3].header).toBe(GROUPING_COST_HEADER);
      expect(byCategory.rows.find((r) => r[0] === 'Paramédical')).toEqual(['Paramédical', jasmine.objectContaining({ display: '1,00' }), jasmine.objectContaining({ display: '0,00' }), MASKED_COST_TEXT]);
      expect(byCategory.rows.find((r) => r[0] === 'Administratif')![3]).toBe(5_456_789);
      expect(byCategory.columns[3].total).toBeUndefined();
      expect(byCategory.columns[1].total).toBe('sum');
      // No masked cell: the column keeps its total.
      expect(byFunder.rows.some((r) => r[3] === MASKED_COST_TEXT)).toBeFalse();
      expect(byFunder.columns[3].total).toBe('sum');
      const seconded = inKind.tables[0];
      expect(seconded.rows.find((r) => r[0] === 'CHU de Lille')![3]).toBe(MASKED_COST_TEXT);
      expect(seconded.columns[3].total).toBeUndefined();
      expect(seconded.columns[2].total).toBe('sum');
    });

    it('states the rule once per section, and says the grouping’s cost leaves out staff seconded without reimbursement', () => {
      const notes = (section: typeof staff) => section.tables.flatMap((t) => t.notes ?? []);
      expect(notes(staff).filter((n) => n === MASKED_COST_NOTE).length).toBe(1);
      expect(notes(inKind).filter((n) => n === MASKED_COST_NOTE).length).toBe(1);
      expect(notes(staff).join(' ')).toContain('mis à disposition sans remboursement');
      expect(GROUPING_COST_HEADER).toContain('rémunérés ou remboursés');
    });

    it('prints a snapshot stored before the rule as it is (its numbers, its totals, no note)', () => {
      const old = financialSummaryDocument(beforeTheRule());
      const tables = old.sections.flatMap((s) => s.tables);
      expect(tables.some((t) => t.rows.some((r) => r.includes(MASKED_COST_TEXT)))).toBeFalse();
      expect(tables.flatMap((t) => t.notes ?? [])).not.toContain(MASKED_COST_NOTE);
      expect(old.sections.find((s) => s.key === 'staff')!.tables[1].columns[3].total).toBe('sum');
    });
  });

  describe('workbook', () => {
    let workbook: ExcelJS.Workbook;
    beforeAll(async () => {
      workbook = await read(await buildFinancialSummaryWorkbook(data));
    });

    it('shows « masqué (moins de 3 personnes) » for the masked groups and the amount for the others', () => {
      const sheet = workbook.getWorksheet('Personnels')!;
      const title = rowOf(sheet, 'Par catégorie de personnel');
      expect(sheet.getCell(title.number + 1, 4).value).toBe(GROUPING_COST_HEADER);
      for (const g of maskedCategories) {
        const row = rowOf(sheet, g.label, title.number);
        expect(row.getCell(4).value).withContext(g.label).toBe(MASKED_COST_TEXT);
        expect(typeof row.getCell(2).value).withContext(g.label).toBe('number');
      }
      expect(rowOf(sheet, 'Administratif', title.number).getCell(4).value).toBe(54_567.89);
      const total = rowOf(sheet, 'Total', title.number);
      expect(total.getCell(2).formula).toMatch(/^SUM\(B\d+:B\d+\)$/);
      expect(total.getCell(4).value).toBeNull();
    });

    it('prints no masked amount anywhere in the staff and in-kind sheets, and the note once in each', () => {
      const hidden = [WORKED_EXAMPLE.psychiatristCents, WORKED_EXAMPLE.psychologistCents, WORKED_EXAMPLE.auxiliaryCents].map((c) => c / 100);
      const staff = cellsOf(workbook.getWorksheet('Personnels')!);
      for (const amount of hidden) expect(staff).withContext(String(amount)).not.toContain(amount);
      expect(staff.filter((v) => v === MASKED_COST_NOTE).length).toBe(1);
      const inKind = cellsOf(workbook.getWorksheet('Contributions en nature')!);
      expect(inKind.filter((v) => v === MASKED_COST_TEXT).length).toBe(1);
      expect(inKind.filter((v) => v === MASKED_COST_NOTE).length).toBe(1);
    });
  });

  describe('PDF', () => {
    let all: string;
    beforeAll(async () => {
      all = pdfPagesText(await buildFinancialSummaryPdf(data)).join('\n');
    });

    it('prints the masked text in the rows, no masked amount, and the note', () => {
      expect(all).toContain(`Paramédical | 1,00 | 0,00 | ${MASKED_COST_TEXT}`);
      expect(all).toContain(`Magistrat | 0,00 | 2,00 | ${MASKED_COST_TEXT}`);
      expect(all).toContain(`CHU de Lille | Établissement de santé | 2,50 | ${MASKED_COST_TEXT}`);
      expect(all).toContain('Administratif | 4,00 | 3,00 | 54\u00A0567,89\u00A0€');
      // The psychiatrist's pay appears only on the (public) MIG H15 budget line, never by category.
      const staffPages = all.slice(all.indexOf('Par catégorie de personnel'), all.indexOf('Suivi de la MIG H15', all.indexOf('Par catégorie de personnel')));
      expect(staffPages).not.toContain('100\u00A0602,74');
      expect(staffPages).not.toContain('51\u00A0428,57');
      expect(all).toContain(MASKED_COST_NOTE.slice(0, 40));
    });
  });
});
