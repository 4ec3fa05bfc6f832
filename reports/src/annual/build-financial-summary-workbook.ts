import type { FinancialReportData } from '@cn2r/shared';
import { financialSummaryDocument } from './financial-summary-document.js';
import { writeAnnualWorkbook, type AnnualWorkbookFormat } from './write-annual-workbook.js';

/** The financial summary for the general assembly as an xlsx workbook; the same data and format give the same bytes. */
export function buildFinancialSummaryWorkbook(data: FinancialReportData, format?: AnnualWorkbookFormat): Promise<Buffer> {
  return writeAnnualWorkbook(financialSummaryDocument(data), format);
}
