import type { ActivityReportData } from '@cn2r/shared';
import { activityReportDocument } from './activity-report-document.js';
import { writeAnnualPdf } from './write-annual-pdf.js';

/** The activity report for the general assembly as a PDF; the same data gives the same bytes. */
export function buildActivityReportPdf(data: ActivityReportData): Promise<Buffer> {
  return writeAnnualPdf(activityReportDocument(data));
}
