import type { FinancialReportData } from '@cn2r/shared';
import { financialSummaryDocument } from './financial-summary-document.js';
import { writeAnnualPdf } from './write-annual-pdf.js';

/** The financial summary for the general assembly as a PDF; the same data gives the same bytes. */
export function buildFinancialSummaryPdf(data: FinancialReportData): Promise<Buffer> {
  return writeAnnualPdf(financialSummaryDocument(data));
}
