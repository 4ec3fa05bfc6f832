import type { Alignment, Fill, Font } from 'exceljs';

/**
 * Number formats and styles of the collection workbook. Formats use `,` for thousands and `.` for
 * decimals, as the file format requires: a French spreadsheet shows them with its own separators
 * (`1 234`, `12,5`). A literal space (`# ##0`) would not group thousands properly.
 */
export const NUMBER_FORMATS = {
  whole: '#,##0',
  /** At least one decimal shown, up to four (what the database keeps). */
  decimal: '#,##0.0###',
  percentage: '0.0###" %"',
  text: '@',
} as const;

const solid = (argb: string): Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

export const FILLS = {
  header: solid('FF1F3864'),
  /** The cells to fill: the only ones the import reads as input. */
  input: solid('FFFFF2CC'),
  locked: solid('FFD9D9D9'),
  identity: solid('FFF2F2F2'),
} as const;

export const FONTS: Record<'header' | 'title' | 'subtitle' | 'locked' | 'code' | 'body' | 'bold', Partial<Font>> = {
  header: { name: 'Calibri', size: 11, bold: true, color: { argb: 'FFFFFFFF' } },
  title: { name: 'Calibri', size: 16, bold: true, color: { argb: 'FF1F3864' } },
  subtitle: { name: 'Calibri', size: 12, bold: true, color: { argb: 'FF1F3864' } },
  locked: { name: 'Calibri', size: 11, color: { argb: 'FF7F7F7F' } },
  code: { name: 'Consolas', size: 10 },
  body: { name: 'Calibri', size: 11 },
  bold: { name: 'Calibri', size: 11, bold: true },
};

export const ALIGN: Record<'wrap' | 'center' | 'top', Partial<Alignment>> = {
  wrap: { wrapText: true, vertical: 'top' },
  center: { horizontal: 'center', vertical: 'middle', wrapText: true },
  top: { vertical: 'top' },
};

/** Sheet protection without password: it guards against slips, not against a determined user (the import checks everything again). */
export const PROTECTION = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
} as const;
