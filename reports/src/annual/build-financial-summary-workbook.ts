import type { FinancialReportData } from '@cn2r/shared';
import { financialSummaryDocument } from './financial-summary-document.js';
import { writeAnnualWorkbook } from './write-annual-workbook.js';

/** The financial summary for the general assembly as an xlsx workbook; the same data gives the same bytes. */
export function buildFinancialSummaryWorkbook(data: FinancialReportData): Promise<Buffer> {
  return writeAnnualWorkbook(financialSummaryDocument(data));
}
