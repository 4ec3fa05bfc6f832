import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ApproveReportVersion, PutReportNarrative, ReportFile, ReportKind, ReportNarrative, ReportVersion, ReportYearSummary } from '@cn2r/shared';
import type { Observable } from 'rxjs';
import { handles } from '../../core/http/handled-errors';

/** The annual reports' API: years and versions, narratives, generation and status of the official versions. */
@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly http = inject(HttpClient);

  years(): Observable<ReportYearSummary[]> {
    return this.http.get<ReportYearSummary[]>('/api/reports/years');
  }

  versions(year: number): Observable<ReportVersion[]> {
    return this.http.get<ReportVersion[]>(`/api/reports/${year}/versions`);
  }

  narratives(year: number): Observable<ReportNarrative[]> {
    return this.http.get<ReportNarrative[]>(`/api/reports/${year}/narratives`);
  }

  /** A stale version (409) is handled by the editor: it reloads the text. */
  saveNarrative(year: number, report: ReportKind, section: string, body: PutReportNarrative): Observable<ReportNarrative> {
    return this.http.put<ReportNarrative>(`/api/reports/${year}/narratives/${report}/${section}`, body, { context: handles(409) });
  }

  generate(year: number): Observable<ReportVersion> {
    return this.http.post<ReportVersion>(`/api/reports/${year}/versions`, {});
  }

  present(version: ReportVersion): Observable<ReportVersion> {
    return this.http.post<ReportVersion>(`/api/reports/${version.year}/versions/${version.number}/present`, { version: version.version });
  }

  supersede(version: ReportVersion): Observable<ReportVersion> {
    return this.http.post<ReportVersion>(`/api/reports/${version.year}/versions/${version.number}/supersede`, { version: version.version });
  }

  /** 409 and 422 are shown in the dialog. */
  approve(version: ReportVersion, body: ApproveReportVersion): Observable<ReportVersion> {
    return this.http.post<ReportVersion>(`/api/reports/${version.year}/versions/${version.number}/approve`, body, { context: handles(409, 422) });
  }
}

/** Where a draft document (live data) is downloaded. */
export const draftUrl = (year: number, file: ReportFile) => `/api/reports/${year}/${file}`;
/** Where the approval certificate of an approved version is downloaded. */
export const certificateUrl = (version: Pick<ReportVersion, 'year' | 'number'>) => `/api/reports/${version.year}/versions/${version.number}/certificate.pdf`;
/** Where a file of an official version is downloaded (always the same bytes). */
export const versionFileUrl = (version: Pick<ReportVersion, 'year' | 'number'>, file: ReportFile) => `/api/reports/${version.year}/versions/${version.number}/files/${file}`;
