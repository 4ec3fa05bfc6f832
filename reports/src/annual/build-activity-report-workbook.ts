import type { ActivityReportData } from '@cn2r/shared';
import { activityReportDocument } from './activity-report-document.js';
import { writeAnnualWorkbook } from './write-annual-workbook.js';

/** The activity report for the general assembly as an xlsx workbook; the same data gives the same bytes. */
export function buildActivityReportWorkbook(data: ActivityReportData): Promise<Buffer> {
  return writeAnnualWorkbook(activityReportDocument(data));
}
