import { buildActivityReportPdf, buildActivityReportWorkbook, buildApprovalCertificate, buildFinancialSummaryPdf, buildFinancialSummaryWorkbook } from '@cn2r/reports';
import type { ReportBuilders } from './report-documents.js';

/** The pure builders of `reports/src/annual/`: data → the same bytes for the same data. */
export const annualReportBuilders: ReportBuilders = {
  activityWorkbook: buildActivityReportWorkbook,
  activityPdf: buildActivityReportPdf,
  financialWorkbook: buildFinancialSummaryWorkbook,
  financialPdf: buildFinancialSummaryPdf,
  approvalCertificate: buildApprovalCertificate,
};
