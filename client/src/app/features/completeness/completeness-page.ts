import { Clipboard } from '@angular/cdk/clipboard';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { periodShortLabel } from '@cn2r/shared';
import { AuthService } from '../../core/auth/auth-service';
import { campaignYears, yearFromQuery } from './campaign-year';
import { completenessRows, completenessSummary, filledText } from './completeness-grid';
import { SubmissionStatusChip } from './submission-status-chip';
import { yearCompleteness } from './year-completeness';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { LoadFailed } from '../../shared/loading/load-failed';
import { EmptyState } from '../../shared/loading/empty-state';

/**
 * Units × periods of a campaign: each form's status (word, icon and colour), how full it is,
 * whether it is late or changed since validation, with a link to it; then the late units with a
 * reminder text to copy. The coordination sees every unit, a unit lead their own.
 */
@Component({
  selector: 'app-completeness-page',
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
  templateUrl: './completeness-page.html',
  styleUrl: './completeness-page.scss',
  host: { class: 'page' },
})
export class CompletenessPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly clipboard = inject(Clipboard);
  private readonly snackBar = inject(MatSnackBar);

  /** Query parameter (withComponentInputBinding). */
  readonly annee = input<string>();

  private readonly currentYear = new Date().getFullYear();
  protected readonly years = campaignYears(this.currentYear);
  protected readonly year = computed(() => yearFromQuery(this.annee(), this.currentYear));
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly filledText = filledText;

  private readonly load = yearCompleteness(this.year);
  protected readonly completeness = this.load.completeness;
  protected readonly noCampaign = this.load.noCampaign;
  protected readonly loading = this.load.loading;
  protected readonly loadFailed = this.load.loadFailed;

  protected readonly rows = computed(() => {
    const data = this.completeness();
    return data ? completenessRows(data) : [];
  });
  protected readonly periods = computed(() => this.completeness()?.periods ?? []);
  protected readonly columns = computed(() => ['unit', ...this.periods().map((p) => p.period)]);
  protected readonly summary = computed(() => {
    const data = this.completeness();
    return data ? completenessSummary(data) : null;
  });
  protected readonly lateUnits = computed(() => {
    const data = this.completeness();
    if (!data) return [];
    return data.lateUnits.map((late) => ({
      ...late,
      unit: data.units.find((u) => u.id === late.unitId),
      periodLabels: late.periods.map((p) => data.periods.find((x) => x.period === p)?.label ?? p),
    }));
  });

  protected chooseYear(year: number): void {
    void this.router.navigate([], { queryParams: { annee: year }, queryParamsHandling: 'merge' });
  }

  protected retry(): void {
    this.load.retry();
  }

  protected shortLabel(period: string): string {
    return periodShortLabel(period);
  }

  protected copy(text: string, unitName: string): void {
    const copied = this.clipboard.copy(text);
    this.snackBar.open(
      copied ? `Texte de relance pour ${unitName} copié : collez-le dans votre message.` : 'La copie a échoué : sélectionnez le texte et copiez-le.',
      'Fermer',
      { duration: 5000 },
    );
  }
}
