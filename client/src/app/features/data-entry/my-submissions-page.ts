import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import type { Completeness, CompletenessCell, SubmissionStatus } from '@cn2r/shared';
import { AuthService } from '../../core/auth/auth-service';
import { campaignYears, yearFromQuery } from '../completeness/campaign-year';
import { filledText } from '../completeness/completeness-grid';
import { SubmissionStatusChip } from '../completeness/submission-status-chip';
import { yearCompleteness } from '../completeness/year-completeness';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { LoadFailed } from '../../shared/loading/load-failed';
import { EmptyState } from '../../shared/loading/empty-state';

export interface SubmissionRow {
  readonly unitId: number;
  readonly unitName: string;
  readonly period: string;
  readonly label: string;
  readonly dueOn: string;
  readonly cell: CompletenessCell | null;
}

/** The verb of a form's link, by status. */
export const actionLabels: Record<SubmissionStatus, string> = {
  not_started: 'Commencer la saisie',
  draft: 'Continuer la saisie',
  returned: 'Corriger la saisie',
  submitted: 'Consulter',
  validated: 'Consulter',
};

/** The rows of one unit: every period of the campaign, with its cell when the server sent one. */
export function submissionRows(completeness: Completeness, unitId: number): SubmissionRow[] {
  const unit = completeness.units.find((u) => u.id === unitId);
  if (!unit) return [];
  return completeness.periods.map((p) => ({
    unitId,
    unitName: unit.name,
    period: p.period,
    label: p.label,
    dueOn: p.dueOn,
    cell: completeness.cells.find((c) => c.unitId === unitId && c.period === p.period) ?? null,
  }));
}

/**
 * « Mes saisies »: a unit lead's units × the campaign's periods, with each form's status, due
 * date and a link to it. The coordination picks a unit. Year and unit travel in the URL.
 */
@Component({
  selector: 'app-my-submissions-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    LoadingSpinner,
    LoadFailed,
    EmptyState,
    DatePipe,
    RouterLink,
    MatTableModule,
    MatFormFieldModule,
    MatSelectModule,
    MatButtonModule,
    MatIconModule,
    SubmissionStatusChip,
  ],
  templateUrl: './my-submissions-page.html',
  styleUrl: './my-submissions-page.scss',
  host: { class: 'page' },
})
export class MySubmissionsPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** Query parameters (withComponentInputBinding). */
  readonly annee = input<string>();
  readonly centre = input<string>();

  private readonly currentYear = new Date().getFullYear();
  protected readonly years = campaignYears(this.currentYear);
  protected readonly year = computed(() => yearFromQuery(this.annee(), this.currentYear));
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly columns = ['period', 'dueOn', 'status', 'filled', 'action'];
  protected readonly actionLabels = actionLabels;
  protected readonly filledText = filledText;

  private readonly load = yearCompleteness(this.year);
  protected readonly completeness = this.load.completeness;
  protected readonly noCampaign = this.load.noCampaign;
  protected readonly loading = this.load.loading;
  protected readonly loadFailed = this.load.loadFailed;

  protected readonly selectedUnitId = computed(() => {
    const id = Number(this.centre());
    return Number.isInteger(id) && id > 0 ? id : null;
  });

  /** The units shown: the lead's own (the server sends only those), or the one the coordination picked. */
  protected readonly shownUnits = computed(() => {
    const completeness = this.completeness();
    if (!completeness) return [];
    if (!this.isAdmin()) return completeness.units;
    const selected = this.selectedUnitId();
    return completeness.units.filter((unit) => unit.id === selected);
  });

  protected readonly rowsByUnit = computed(() => {
    const completeness = this.completeness();
    return completeness ? this.shownUnits().map((unit) => ({ unit, rows: submissionRows(completeness, unit.id) })) : [];
  });

  protected chooseYear(year: number): void {
    void this.router.navigate([], { queryParams: { annee: year }, queryParamsHandling: 'merge' });
  }

  protected chooseUnit(unitId: number | null): void {
    void this.router.navigate([], { queryParams: { centre: unitId }, queryParamsHandling: 'merge' });
  }

  protected reload(): void {
    this.load.retry();
  }

  protected actionOf(row: SubmissionRow): string {
    return actionLabels[row.cell?.status ?? 'not_started'];
  }
}
