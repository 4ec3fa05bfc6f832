import type { Alignment, Border, Fill, Font } from 'exceljs';
import type { AnnualCellKind } from './annual-document.js';

/**
 * Number formats and styles of the annual reports (workbook and PDF). Formats use `,` for
 * thousands and `.` for decimals, as the file format requires: a French spreadsheet shows
 * `1 234 567,89 €` and `88,6 %`. A literal space (`# ##0`) would group millions wrongly.
 */
export const ANNUAL_NUMBER_FORMATS: Record<AnnualCellKind, string> = {
  text: '@',
  count: '#,##0',
  euros: '#,##0.00 "€"',
  /** The cell holds a fraction (0,886): the format shows it as a percentage. */
  percent: '0.0 %',
  etpt: '0.00',
  decimal: '#,##0.0',
  /** Per cell: a whole value as a count, else as a decimal (`cellDisplayKind`). */
  number: '#,##0.0',
  days: '#,##0',
  /** A change of a rate, in points: `+1,6 pt`. */
  points: '+0.0" pt";-0.0" pt";0.0" pt"',
};

export const ANNUAL_COLORS = {
  navy: '1F3864',
  blue: '2E75B6',
  lightBlue: 'DDEBF7',
  grey: 'F2F2F2',
  darkGrey: '595959',
  series: ['9DC3E6', '2E75B6', '1F3864'],
} as const;

const solid = (rgb: string): Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${rgb}` } });

export const ANNUAL_FILLS = {
  header: solid(ANNUAL_COLORS.navy),
  total: solid(ANNUAL_COLORS.lightBlue),
  zebra: solid(ANNUAL_COLORS.grey),
} as const;

export const ANNUAL_FONTS: Record<'title' | 'subtitle' | 'header' | 'body' | 'total' | 'note' | 'link', Partial<Font>> = {
  title: { name: 'Calibri', size: 16, bold: true, color: { argb: `FF${ANNUAL_COLORS.navy}` } },
  subtitle: { name: 'Calibri', size: 12, bold: true, color: { argb: `FF${ANNUAL_COLORS.navy}` } },
  header: { name: 'Calibri', size: 11, bold: true, color: { argb: 'FFFFFFFF' } },
  body: { name: 'Calibri', size: 11 },
  total: { name: 'Calibri', size: 11, bold: true },
  note: { name: 'Calibri', size: 9, italic: true, color: { argb: `FF${ANNUAL_COLORS.darkGrey}` } },
  link: { name: 'Calibri', size: 11, underline: true, color: { argb: `FF${ANNUAL_COLORS.blue}` } },
};

export const ANNUAL_ALIGN: Record<'wrap' | 'header' | 'right', Partial<Alignment>> = {
  wrap: { wrapText: true, vertical: 'top' },
  header: { wrapText: true, vertical: 'middle', horizontal: 'center' },
  right: { horizontal: 'right' },
};

const thin = { style: 'thin', color: { argb: 'FFBFBFBF' } } as const;
export const ANNUAL_BORDER: Partial<Border> & Record<'top' | 'bottom' | 'left' | 'right', Partial<Border>> = { top: thin, bottom: thin, left: thin, right: thin };

/** PDF: fonts, colours and the default style of pdfmake. */
export const PDF_STYLES = {
  title: { fontSize: 26, bold: true, color: `#${ANNUAL_COLORS.navy}` },
  subtitle: { fontSize: 14, color: `#${ANNUAL_COLORS.darkGrey}` },
  h1: { fontSize: 16, bold: true, color: `#${ANNUAL_COLORS.navy}`, margin: [0, 0, 0, 8] },
  h2: { fontSize: 12, bold: true, color: `#${ANNUAL_COLORS.blue}`, margin: [0, 10, 0, 4] },
  narrative: { fontSize: 10, lineHeight: 1.25, margin: [0, 0, 0, 8] },
  tableHeader: { bold: true, fontSize: 8.5, color: '#FFFFFF', fillColor: `#${ANNUAL_COLORS.navy}` },
  tableBody: { fontSize: 8.5 },
  tableTotal: { bold: true, fontSize: 8.5, fillColor: `#${ANNUAL_COLORS.lightBlue}` },
  note: { fontSize: 7.5, italics: true, color: `#${ANNUAL_COLORS.darkGrey}`, margin: [0, 2, 0, 0] },
  toc: { fontSize: 11, margin: [0, 3, 0, 3] },
} as const;
