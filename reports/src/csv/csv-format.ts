/**
 * CSV as French spreadsheets read it: `;` between fields (the comma is the decimal separator),
 * CRLF line ends, UTF-8 with a byte-order mark so Excel detects the encoding.
 */
export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';

/** Quotes a field when it holds a separator, a quote or a line break; neutralises formula injection. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // A cell starting with = + - @ (or a tab/CR) would be run as a formula by a spreadsheet.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map(csvField).join(CSV_SEPARATOR) + '\r\n';
}
