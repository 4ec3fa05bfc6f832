import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { Router } from '@angular/router';
import {
  ACTIVITY_SECTION_KEYS,
  FINANCIAL_SECTION_KEYS,
  activitySectionLabels,
  financialSectionLabels,
  formatDateFr,
  reportVersionStatusLabels,
  type ReportFile,
  type ReportKind,
  type ReportNarrative,
  type ReportVersion,
  type ReportYearSummary,
} from '@cn2r/shared';
import { EMPTY, Subject, catchError, forkJoin, merge, of, switchMap, tap } from 'rxjs';
import { AuthService } from '../../core/auth/auth-service';
import { confirmAction } from '../../shared/confirm-dialog/confirm-dialog';
import { ApproveVersionDialog } from './approve-version-dialog';
import { NarrativeEditor } from './narrative-editor';
import { ReportsApi, certificateUrl, draftUrl, versionFileUrl } from './reports-api';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { LoadFailed } from '../../shared/loading/load-failed';
import { EmptyState } from '../../shared/loading/empty-state';
import { DraftDownload } from './draft-download';

const FILE_LABELS: Record<ReportFile, string> = {
  'activity.xlsx': 'Rapport d’activité (Excel)',
  'activity.pdf': 'Rapport d’activité (PDF)',
  'financial.xlsx': 'Bilan financier (Excel)',
  'financial.pdf': 'Bilan financier (PDF)',
};

/**
 * The board's page of the annual reports: per year, the drafts on live data, the narrative per
 * section, and the official versions — generated, presented to the general assembly, approved
 * (AG date, deliberation) or superseded — with their four frozen files, their sha256 and who did
 * what when. Finance officers see the financial summary only, and read.
 */
@Component({
  selector: 'app-reports-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DraftDownload,
    LoadingSpinner,
    LoadFailed,
    EmptyState,
    DatePipe,
    MatButtonModule,
    MatExpansionModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    NarrativeEditor,
  ],
  templateUrl: './reports-page.html',
  styleUrl: './reports-page.scss',
  host: { class: 'page' },
})
export class ReportsPage {
  private readonly api = inject(ReportsApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly reload$ = new Subject<void>();

  /** Query parameter (withComponentInputBinding). */
  readonly annee = input<string>();

  protected readonly canWrite = computed(() => this.auth.can('reports.write'));
  /** Finance officers: the financial summary only. */
  protected readonly reports = computed<ReportKind[]>(() => (this.auth.can('reports.activity.read') ? ['activity', 'financial'] : ['financial']));
  protected readonly files = computed<ReportFile[]>(() => this.reports().flatMap((r) => [`${r}.xlsx`, `${r}.pdf`] as ReportFile[]));
  protected readonly fileLabels = FILE_LABELS;

  protected readonly years = signal<ReportYearSummary[]>([]);
  protected readonly year = computed(() => {
    const asked = Number(this.annee());
    const years = this.years().map((y) => y.year);
    if (years.includes(asked)) return asked;
    // By default the last full year: the one the general assembly approves.
    const last = new Date().getFullYear() - 1;
    return years.includes(last) ? last : (years[0] ?? null);
  });
  protected readonly versions = signal<ReportVersion[]>([]);
  protected readonly narratives = signal<ReportNarrative[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadFailed = signal(false);
  protected readonly generating = signal(false);
  protected readonly busy = signal<number | null>(null);
  protected readonly approved = computed(() => this.versions().find((v) => v.status === 'approved') ?? null);
  protected readonly columns = ['number', 'status', 'steps', 'files', 'actions'];

  protected readonly sections = computed(() =>
    this.reports().map((report) => ({
      report,
      title: report === 'activity' ? 'Rapport d’activité' : 'Bilan financier',
      sections: (report === 'activity' ? ACTIVITY_SECTION_KEYS : FINANCIAL_SECTION_KEYS).map((key) => ({
        key,
        label: report === 'activity' ? activitySectionLabels[key as keyof typeof activitySectionLabels] : financialSectionLabels[key as keyof typeof financialSectionLabels],
      })),
    })),
  );

  constructor() {
    this.api
      .years()
      .pipe(
        catchError(() => {
          this.loadFailed.set(true);
          this.loading.set(false);
          return EMPTY;
        }),
        takeUntilDestroyed(),
      )
      .subscribe((years) => {
        this.years.set(years);
        if (years.length === 0) this.loading.set(false);
      });
    merge(toObservable(this.year), this.reload$)
      .pipe(
        switchMap(() => {
          const year = this.year();
          if (year === null) return EMPTY;
          this.loadFailed.set(false);
          return forkJoin({ versions: this.api.versions(year), narratives: this.api.narratives(year) }).pipe(
            catchError(() => {
              this.loadFailed.set(true);
              this.loading.set(false);
              return EMPTY;
            }),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe(({ versions, narratives }) => {
        this.versions.set(versions);
        this.narratives.set(narratives);
        this.loading.set(false);
      });
  }

  protected chooseYear(year: number): void {
    void this.router.navigate([], { queryParams: { annee: year }, queryParamsHandling: 'merge' });
  }

  protected retry(): void {
    this.loading.set(true);
    this.reload$.next();
  }

  protected draftUrl(file: ReportFile): string {
    return draftUrl(this.year()!, file);
  }

  protected statusLabel(status: ReportVersion['status']): string {
    return reportVersionStatusLabels[status];
  }

  protected readonly certificateUrl = certificateUrl;

  protected fileUrl(version: ReportVersion, file: ReportFile): string {
    return versionFileUrl(version, file);
  }

  protected sha(version: ReportVersion, file: ReportFile): string {
    return version.files.find((f) => f.file === file)?.sha256 ?? '';
  }

  protected narrativeOf(report: ReportKind, section: string): ReportNarrative | undefined {
    return this.narratives().find((n) => n.report === report && n.section === section);
  }

  protected narrativeSaved(saved: ReportNarrative | undefined): void {
    if (!saved) {
      this.reload$.next();
      return;
    }
    this.narratives.update((list) => [...list.filter((n) => !(n.report === saved.report && n.section === saved.section)), saved]);
    this.snackBar.open('Texte enregistré. Il figurera dans les brouillons et dans la prochaine version officielle.', 'Fermer', { duration: 4000 });
  }

  /** « Rapport d’activité — Perspectives »: the sections whose narrative is still empty. */
  protected readonly emptySections = computed(() => {
    const written = new Set(this.narratives().filter((n) => n.body.trim() !== '').map((n) => `${n.report}/${n.section}`));
    return this.sections().flatMap((r) => r.sections.filter((s) => !written.has(`${r.report}/${s.key}`)).map((s) => `${r.title} — ${s.label}`));
  });

  protected generate(): void {
    const year = this.year()!;
    const empty = this.emptySections();
    const base =
      'Les données validées et les textes de ce jour seront figés dans une nouvelle version numérotée, avec le rapport d’activité et le bilan financier en Excel et en PDF. Sa couverture indique la prochaine assemblée générale enregistrée dans « Gouvernance », à laquelle elle est soumise. La génération prend quelques secondes ; les autres utilisateurs peuvent continuer à travailler.';
    confirmAction(this.dialog, {
      title: `Générer la version officielle des rapports ${year}`,
      message:
        empty.length === 0
          ? base
          : `${base} ${empty.length === 1 ? 'Une section n’a pas de texte : elle paraîtra' : `${empty.length} sections n’ont pas de texte : elles paraîtront`} sans commentaire dans la version officielle.`,
      items: empty,
      itemsLabel: 'Sections sans texte',
      confirmLabel: empty.length === 0 ? 'Générer' : 'Générer quand même',
    })
      .pipe(
        switchMap((confirmed) => {
          if (!confirmed) return EMPTY;
          this.generating.set(true);
          return this.api.generate(year).pipe(
            catchError(() => {
              this.generating.set(false);
              return EMPTY;
            }),
          );
        }),
      )
      .subscribe((version) => {
        this.generating.set(false);
        const submitted = version.submittedTo ? `, soumise à l’assemblée générale du ${formatDateFr(version.submittedTo.heldOn)}` : '';
        this.snackBar.open(`Version ${version.number} générée${submitted} : ses quatre fichiers sont figés.`, 'Fermer', { duration: 5000 });
        this.reload$.next();
      });
  }

  protected present(version: ReportVersion): void {
    confirmAction(this.dialog, {
      title: `Marquer la version ${version.number} présentée à l’AG`,
      message: `La version ${version.number} des rapports ${version.year} sera marquée présentée à l’assemblée générale. Elle pourra ensuite être approuvée ou remplacée.`,
      confirmLabel: 'Marquer présentée',
    })
      .pipe(switchMap((confirmed) => (confirmed ? this.run(version, this.api.present(version)) : EMPTY)))
      .subscribe((saved) => this.snackBar.open(`Version ${saved.number} présentée à l’AG.`, 'Fermer', { duration: 4000 }));
  }

  protected supersede(version: ReportVersion): void {
    confirmAction(this.dialog, {
      title: `Remplacer la version ${version.number}`,
      message: `La version ${version.number} sera marquée remplacée : elle reste consultable mais ne pourra plus être présentée ni approuvée.`,
      confirmLabel: 'Marquer remplacée',
      destructive: true,
    })
      .pipe(switchMap((confirmed) => (confirmed ? this.run(version, this.api.supersede(version)) : EMPTY)))
      .subscribe((saved) => this.snackBar.open(`Version ${saved.number} remplacée.`, 'Fermer', { duration: 4000 }));
  }

  protected approve(version: ReportVersion): void {
    this.dialog
      .open<ApproveVersionDialog, ReportVersion, ReportVersion>(ApproveVersionDialog, { data: version, width: '520px' })
      .afterClosed()
      .subscribe((approved) => {
        if (!approved) return;
        this.snackBar.open(`Version ${approved.number} approuvée : elle ne changera plus.`, 'Fermer', { duration: 5000 });
        this.reload$.next();
      });
  }

  private run(version: ReportVersion, request: ReturnType<ReportsApi['present']>) {
    this.busy.set(version.number);
    return request.pipe(
      tap(() => {
        this.busy.set(null);
        this.reload$.next();
      }),
      catchError(() => {
        this.busy.set(null);
        this.reload$.next();
        return of();
      }),
    );
  }
}
