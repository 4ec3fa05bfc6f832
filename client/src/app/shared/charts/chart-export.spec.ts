import { exportFileName, sheetName, tableToCsv, tableToXlsx } from './chart-export';
import type { DataTable } from './chart-model';
import { formatValue, tickFormatter } from './french-format';

const squash = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('French formats of the charts', () => {
  it('formats counts, decimals, euros from cents and percent from basis points', () => {
    expect(squash(formatValue('count', 10900))).toBe('10 900');
    expect(squash(formatValue('decimal', 0.8))).toBe('0,80');
    expect(squash(formatValue('count', 640.5))).toBe('640,5');
    expect(squash(formatValue('cents', 24815476))).toBe('248 154,76 €');
    expect(squash(formatValue('basisPoints', 8863))).toBe('88,63 %');
    expect(formatValue('count', null)).toBe('—');
  });

  it('formats axis ticks in fr-FR, euros without cents', () => {
    expect(squash(tickFormatter('cents')(28000000))).toBe('280 000 €');
    expect(squash(tickFormatter('count')(1500))).toBe('1 500');
    expect(squash(tickFormatter('basisPoints')(5000))).toBe('50 %');
    expect(tickFormatter('count')('T1 2025')).toBe('T1 2025');
  });
});

describe('chart exports', () => {
  const table: DataTable = {
    caption: 'Exécution par ligne',
    rowHeader: 'Ligne',
    kind: 'cents',
    columns: ['Payé', 'Engagé; reste'],
    rows: [
      { label: 'MIG H15 "psychiatre"', values: [12000000, 12345] },
      { label: 'Déplacements', values: [null, -50] },
    ],
  };

  it('writes CSV for a French spreadsheet: BOM, « ; », decimal commas, units in the headers, quoted when needed', () => {
    expect(tableToCsv(table)).toBe(
      '\uFEFFLigne;Payé (€);"Engagé; reste (€)"\r\n"MIG H15 ""psychiatre""";120000,00;123,45\r\nDéplacements;;-0,50\r\n',
    );
  });

  it('puts each key figure’s unit in its label when the kinds are mixed', () => {
    const csv = tableToCsv({
      caption: 'Chiffres clés',
      rowHeader: 'Indicateur',
      kind: 'count',
      columns: ['Valeur'],
      rows: [
        { label: 'Patients', values: [880], kind: 'count' },
        { label: 'Taux', values: [8863], kind: 'basisPoints' },
      ],
    });
    expect(csv).toBe('\uFEFFIndicateur;Valeur\r\nPatients;880\r\nTaux (%);88,63\r\n');
  });

  it('writes an xlsx workbook with the caption, headers and numbers in French formats', async () => {
    const blob = await tableToXlsx(table);
    expect(blob.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const exceljs = await import('exceljs');
    const Workbook = exceljs.Workbook ?? (exceljs as unknown as { default: typeof exceljs }).default.Workbook;
    const workbook = new Workbook();
    await workbook.xlsx.load(await blob.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Exécution par ligne');
    expect(sheet.getCell('A1').value).toBe('Exécution par ligne');
    expect(sheet.getRow(2).values).toEqual([undefined, 'Ligne', 'Payé (€)', 'Engagé; reste (€)'] as never);
    expect(sheet.getCell('B3').value).toBe(120000);
    expect(sheet.getCell('B3').numFmt).toBe('#,##0.00 "€"');
    expect(sheet.getCell('C4').value).toBe(-0.5);
    expect(sheet.getCell('B4').value).toBeNull();
  });

  it('names files and sheets safely', () => {
    expect(exportFileName('Complétude : centres × périodes 2025', 'csv')).toBe('completude-centres-periodes-2025.csv');
    const name = sheetName('ETP par financeur [2025] / réseau entier et plus encore');
    expect(name.length).toBeLessThanOrEqual(31);
    expect(name).toMatch(/^ETP par financeur\s+2025\s+rés/);
    expect(name).not.toMatch(/[:\\/?*[\]]/);
    expect(sheetName('???')).toBe('Données');
  });
});
