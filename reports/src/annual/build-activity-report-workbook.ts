import type { ActivityReportData } from '@cn2r/shared';
import { activityReportDocument } from './activity-report-document.js';
import { writeAnnualWorkbook, type AnnualWorkbookFormat } from './write-annual-workbook.js';

/** The activity report for the general assembly as an xlsx workbook; the same data and format give the same bytes. */
export function buildActivityReportWorkbook(data: ActivityReportData, format?: AnnualWorkbookFormat): Promise<Buffer> {
  return writeAnnualWorkbook(activityReportDocument(data), format);
}
