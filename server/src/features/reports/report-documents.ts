import type { AnnualWorkbookFormat, ApprovalCertificateData } from '@cn2r/reports';
import type { ActivityReportData, FinancialReportData } from '@cn2r/shared';

/**
 * The pure builders of `reports/src/annual/` (data → document bytes): the four documents and the
 * approval certificate, injected so a spec can make one fail half-way. The workbooks in `format`
 * (the current one when left out; an official version's own to verify it).
 */
export interface ReportBuilders {
  activityWorkbook(data: ActivityReportData, format?: AnnualWorkbookFormat): Promise<Buffer>;
  activityPdf(data: ActivityReportData): Promise<Buffer>;
  financialWorkbook(data: FinancialReportData, format?: AnnualWorkbookFormat): Promise<Buffer>;
  financialPdf(data: FinancialReportData): Promise<Buffer>;
  approvalCertificate(data: ApprovalCertificateData): Promise<Buffer>;
  /** Gets ready for builds about to come (the worker threads start while the data is read); nothing to do in-process. */
  warmUp?(): void;
}
