import type { Fill, Font } from 'exceljs';

/**
 * Number formats and styles of the generic table workbook. Formats use `,` for thousands and `.`
 * for decimals, as the file format requires: a French spreadsheet shows them with its own
 * separators (`1 234 567,89 €`, `88,63 %`). A literal-space pattern (`# ##0`) would group
 * millions wrongly.
 */
export const TABLE_FORMATS = {
  euros: '#,##0.00 "€"',
  /** A real percentage (the cell holds 0.8863 for 88,63 %). */
  percent: '0.00 %',
  date: 'dd/mm/yyyy',
  integer: '#,##0',
  decimal: '#,##0.00',
  text: '@',
} as const;

const solid = (argb: string): Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

export const TABLE_FILLS = {
  header: solid('FF1F3864'),
  totals: solid('FFD9E1F2'),
} as const;

export const TABLE_FONTS: Record<'title' | 'subtitle' | 'header' | 'totals', Partial<Font>> = {
  title: { name: 'Calibri', size: 14, bold: true, color: { argb: 'FF1F3864' } },
  subtitle: { name: 'Calibri', size: 11, italic: true, color: { argb: 'FF404040' } },
  header: { name: 'Calibri', size: 11, bold: true, color: { argb: 'FFFFFFFF' } },
  totals: { name: 'Calibri', size: 11, bold: true },
};
