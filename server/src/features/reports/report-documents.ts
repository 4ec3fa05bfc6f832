import type { ActivityReportData, FinancialReportData } from '@cn2r/shared';

/** The four pure builders of `reports/src/annual/` (data → document bytes), injected so a spec can make one fail half-way. */
export interface ReportBuilders {
  activityWorkbook(data: ActivityReportData): Promise<Buffer>;
  activityPdf(data: ActivityReportData): Promise<Buffer>;
  financialWorkbook(data: FinancialReportData): Promise<Buffer>;
  financialPdf(data: FinancialReportData): Promise<Buffer>;
}
