import { HttpErrorResponse } from '@angular/common/http';
import { DatePipe, NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  type Campaign,
  type CampaignExtension,
  type CampaignStatus,
  type Unit,
  UpdateCampaign,
  campaignStatusLabels,
  periodLabel,
} from '@cn2r/shared';
import { EMPTY, Observable, catchError, filter, map, of, switchMap, tap } from 'rxjs';
import { isStaleVersion, toApiError } from '../../core/http/api-error';
import { provideFrenchDatepickerIntl } from '../../core/i18n/french-datepicker-intl';
import { confirmAction } from '../../shared/confirm-dialog/confirm-dialog';
import { fromIsoDate, toIsoDate } from '../../shared/dates/iso-date';
import { applyFieldErrors } from '../../shared/forms/apply-field-errors';
import { controlErrorMessage } from '../../shared/forms/control-error-message';
import { UnitsApi } from '../units/units-api';
import { byPeriodOrder, campaignStatusClasses, frenchDate } from './campaign-status';
import { CampaignsApi } from './campaigns-api';
import { ExtensionDialog, type ExtensionDialogData } from './extension-dialog';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { LoadFailed } from '../../shared/loading/load-failed';
import { EmptyState } from '../../shared/loading/empty-state';
import { IconAction } from '../../shared/table/icon-action';

export const STALE_CAMPAIGN_MESSAGE =
  'Cette campagne a été modifiée par quelqu’un d’autre entre-temps. Elle a été rechargée : reprenez votre modification.';

type PeriodForm = FormGroup<{
  period: FormControl<string>;
  opensOn: FormControl<Date | null>;
  dueOn: FormControl<Date | null>;
}>;

/** What each status change means for the units, asked before it is made. */
const STATUS_CHANGES: Record<CampaignStatus, { target: CampaignStatus; button: string; title: string; message: string; destructive: boolean }> = {
  draft: {
    target: 'open',
    button: 'Ouvrir la campagne',
    title: 'Ouvrir la campagne {year} ?',
    message:
      'Les centres pourront saisir et transmettre leurs données de {year}, pour chaque période à partir de sa date d’ouverture et jusqu’à son échéance (ou la prolongation accordée).',
    destructive: false,
  },
  open: {
    target: 'closed',
    button: 'Clôturer la campagne',
    title: 'Clôturer la campagne {year} ?',
    message:
      'La saisie s’arrête : les centres ne pourront plus saisir, corriger ni transmettre leurs données de {year}, même avec une prolongation. Vous pourrez rouvrir la campagne si nécessaire.',
    destructive: true,
  },
  closed: {
    target: 'open',
    button: 'Rouvrir la campagne',
    title: 'Rouvrir la campagne {year} ?',
    message: 'Les centres pourront de nouveau saisir, corriger et transmettre leurs données de {year}.',
    destructive: false,
  },
};

const STATUS_EXPLANATIONS: Record<CampaignStatus, string> = {
  draft: 'En préparation : les centres ne peuvent pas encore saisir. Vérifiez les dates des périodes, puis ouvrez la campagne.',
  open: 'Ouverte : les centres saisissent et transmettent leurs données, chaque période à partir de sa date d’ouverture.',
  closed: 'Clôturée : la saisie est arrêtée pour tous les centres.',
};

/** One campaign: its label, its status, the dates of its periods and the extensions granted. */
@Component({
  selector: 'app-campaign-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    IconAction,
    LoadingSpinner,
    LoadFailed,
    EmptyState,
    DatePipe,
    NgTemplateOutlet,
    RouterLink,
    ReactiveFormsModule,
    MatTableModule,
    MatFormFieldModule,
    MatInputModule,
    MatDatepickerModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
  ],
  providers: [provideFrenchDatepickerIntl()],
  templateUrl: './campaign-detail-page.html',
  styleUrls: ['./campaigns.scss', './campaign-detail-page.scss'],
  host: { class: 'page' },
})
export class CampaignDetailPage {
  private readonly api = inject(CampaignsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  /** Route parameter, bound by the router. */
  readonly id = input.required<number, string | number>({ transform: (value) => Number(value) });

  protected readonly campaign = signal<Campaign | null>(null);
  protected readonly loading = signal(true);
  protected readonly notFound = signal(false);
  protected readonly loadFailed = signal(false);
  /** What is being saved, to show progress and block a second click. */
  protected readonly saving = signal<'label' | 'status' | 'periods' | 'extension' | null>(null);
  protected readonly formErrors = signal<string[]>([]);
  protected readonly errorOf = controlErrorMessage;

  /** Unit names for the extensions; a failed load shows unit numbers (the snackbar told why). */
  protected readonly units = toSignal(inject(UnitsApi).list().pipe(catchError(() => of<Unit[]>([]))), {
    initialValue: [] as Unit[],
  });
  private readonly unitNames = computed(() => new Map(this.units().map((unit) => [unit.id, unit.name])));

  protected readonly form = new FormGroup({
    label: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
    periods: new FormArray<PeriodForm>([]),
  });
  private readonly formValue = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });

  /** The rows of the periods table: a new array each time the campaign is shown, for the table to see new controls. */
  protected readonly periodRows = signal<PeriodForm[]>([]);
  protected readonly periodColumns = ['period', 'opensOn', 'dueOn', 'extensions'];
  protected readonly extensionColumns = ['unit', 'period', 'normalDueOn', 'dueOn', 'reason', 'actions'];

  protected readonly editable = computed(() => this.campaign()?.status !== 'closed');
  protected readonly statusLabel = computed(() => {
    const campaign = this.campaign();
    return campaign ? campaignStatusLabels[campaign.status] : '';
  });
  protected readonly statusClass = computed(() => {
    const campaign = this.campaign();
    return campaign ? campaignStatusClasses[campaign.status] : '';
  });
  protected readonly statusExplanation = computed(() => {
    const campaign = this.campaign();
    return campaign ? STATUS_EXPLANATIONS[campaign.status] : '';
  });
  protected readonly statusButton = computed(() => {
    const campaign = this.campaign();
    return campaign ? STATUS_CHANGES[campaign.status].button : '';
  });
  protected readonly labelChanged = computed(() => {
    const campaign = this.campaign();
    return campaign !== null && this.formValue().label.trim() !== campaign.label;
  });
  protected readonly periodsChanged = computed(() => {
    const campaign = this.campaign();
    if (!campaign) return false;
    const saved = new Map(campaign.periods.map((period) => [period.period, period]));
    return this.formValue().periods.some((row) => {
      const before = saved.get(row.period);
      const iso = (date: Date | null) => (date && !isNaN(date.getTime()) ? toIsoDate(date) : null);
      return !before || iso(row.opensOn) !== before.opensOn || iso(row.dueOn) !== before.dueOn;
    });
  });
  protected readonly extensions = computed(() =>
    [...(this.campaign()?.extensions ?? [])].sort(
      (a, b) => byPeriodOrder(a, b) || this.unitName(a.unitId).localeCompare(this.unitName(b.unitId), 'fr'),
    ),
  );

  constructor() {
    toObservable(this.id)
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.notFound.set(false);
          this.loadFailed.set(false);
        }),
        switchMap((id) => this.fetch(id)),
        takeUntilDestroyed(),
      )
      .subscribe((campaign) => this.show(campaign));
  }

  private fetch(id: number): Observable<Campaign> {
    return this.api.get(id).pipe(
      catchError((response: unknown) => {
        this.loading.set(false);
        if (response instanceof HttpErrorResponse && response.status === 404) this.notFound.set(true);
        else this.loadFailed.set(true);
        return EMPTY;
      }),
    );
  }

  protected reload(): void {
    this.loading.set(true);
    this.loadFailed.set(false);
    this.fetch(this.id()).subscribe((campaign) => this.show(campaign));
  }

  /** Shows the campaign as saved: the forms start again from it. */
  private show(campaign: Campaign): void {
    this.campaign.set(campaign);
    this.loading.set(false);
    this.formErrors.set([]);
    const periods = this.form.controls.periods;
    periods.clear({ emitEvent: false });
    for (const period of [...campaign.periods].sort(byPeriodOrder)) {
      periods.push(
        new FormGroup({
          period: new FormControl(period.period, { nonNullable: true }),
          opensOn: new FormControl<Date | null>(fromIsoDate(period.opensOn), { validators: [Validators.required] }),
          dueOn: new FormControl<Date | null>(fromIsoDate(period.dueOn), { validators: [Validators.required] }),
        }),
        { emitEvent: false },
      );
    }
    if (campaign.status === 'closed') periods.disable({ emitEvent: false });
    else periods.enable({ emitEvent: false });
    this.periodRows.set([...periods.controls]);
    this.form.markAsPristine();
    this.form.markAsUntouched();
    this.form.controls.label.reset(campaign.label); // emits: the change trackers start again from here
  }

  protected periodName(period: string): string {
    return periodLabel(period);
  }

  protected unitName(unitId: number): string {
    return this.unitNames().get(unitId) ?? `Centre n° ${unitId}`;
  }

  protected normalDueOn(extension: CampaignExtension): string | null {
    return this.campaign()?.periods.find((period) => period.period === extension.period)?.dueOn ?? null;
  }

  protected extensionCount(period: string): number {
    return this.campaign()?.extensions.filter((extension) => extension.period === period).length ?? 0;
  }

  // ---- Label ----

  protected saveLabel(): void {
    const campaign = this.campaign();
    const control = this.form.controls.label;
    control.markAsTouched();
    if (!campaign || this.saving() || control.invalid || !this.labelChanged()) return;
    this.patch(campaign, { label: control.value, version: campaign.version }, 'label', 'Libellé enregistré.');
  }

  // ---- Status ----

  protected changeStatus(): void {
    const campaign = this.campaign();
    if (!campaign || this.saving()) return;
    const change = STATUS_CHANGES[campaign.status];
    const fill = (text: string) => text.replaceAll('{year}', String(campaign.year));
    confirmAction(this.dialog, {
      title: fill(change.title),
      message: fill(change.message),
      confirmLabel: change.button.replace(' la campagne', ''),
      destructive: change.destructive,
    })
      .pipe(filter(Boolean))
      .subscribe(() => {
        const done = change.target === 'closed' ? 'clôturée' : campaign.status === 'closed' ? 'rouverte' : 'ouverte';
        this.patch(campaign, { status: change.target, version: campaign.version }, 'status', `Campagne ${campaign.year} ${done}.`);
      });
  }

  // ---- Periods ----

  protected savePeriods(): void {
    const campaign = this.campaign();
    const periods = this.form.controls.periods;
    periods.markAllAsTouched();
    if (!campaign || this.saving() || periods.invalid || !this.periodsChanged()) return;
    const parsed = UpdateCampaign.safeParse({
      periods: periods.getRawValue().map((row) => ({
        period: row.period,
        opensOn: row.opensOn ? toIsoDate(row.opensOn) : '',
        dueOn: row.dueOn ? toIsoDate(row.dueOn) : '',
      })),
      version: campaign.version,
    });
    if (!parsed.success) {
      this.formErrors.set(
        applyFieldErrors(this.form, parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message }))),
      );
      return;
    }
    this.patch(campaign, parsed.data, 'periods', 'Dates des périodes enregistrées.');
  }

  protected resetPeriods(): void {
    const campaign = this.campaign();
    if (campaign) this.show(campaign);
  }

  private patch(campaign: Campaign, changes: UpdateCampaign, what: 'label' | 'status' | 'periods', done: string): void {
    this.saving.set(what);
    this.formErrors.set([]);
    this.api.update(campaign.id, changes).subscribe({
      next: (saved) => {
        this.saving.set(null);
        this.show(saved);
        this.snackBar.open(done, 'Fermer', { duration: 5000 });
      },
      error: (response: unknown) => {
        this.saving.set(null);
        if (!(response instanceof HttpErrorResponse)) throw response;
        const error = toApiError(response);
        if (error.status !== 409 && error.status !== 422) return; // the snackbar told
        if (isStaleVersion(error)) {
          this.snackBar.open(STALE_CAMPAIGN_MESSAGE, 'Fermer', { duration: 12000, panelClass: 'snackbar-error' });
          this.reload();
          return;
        }
        // « Une période ouverte ne peut plus commencer plus tard », « L’échéance doit suivre l’ouverture. »…
        this.formErrors.set([error.message, ...applyFieldErrors(this.form, error.fields)]);
      },
    });
  }

  // ---- Extensions ----

  protected openExtension(extension: CampaignExtension | null = null): void {
    const campaign = this.campaign();
    if (!campaign) return;
    this.dialog
      .open<ExtensionDialog, ExtensionDialogData, Campaign>(ExtensionDialog, {
        data: { campaign, units: this.units(), extension },
        width: '600px',
        maxWidth: '95vw',
      })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.show(saved);
        this.snackBar.open(extension ? 'Prolongation modifiée.' : 'Prolongation accordée.', 'Fermer', { duration: 5000 });
      });
  }

  protected removeExtension(extension: CampaignExtension): void {
    const campaign = this.campaign();
    if (!campaign || this.saving()) return;
    const normal = this.normalDueOn(extension);
    confirmAction(this.dialog, {
      title: 'Retirer la prolongation ?',
      message:
        `${this.unitName(extension.unitId)} devra transmettre ses données de la période « ${periodLabel(extension.period)} » ` +
        `à l’échéance normale${normal ? ` (${frenchDate(normal)})` : ''}, et non plus le ${frenchDate(extension.dueOn)}.`,
      confirmLabel: 'Retirer',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        tap(() => this.saving.set('extension')),
        switchMap(() => this.api.removeExtension(campaign.id, extension.unitId, extension.period)),
      )
      .subscribe({
        next: () => {
          this.saving.set(null);
          this.snackBar.open('Prolongation retirée.', 'Fermer', { duration: 5000 });
          this.reload();
        },
        error: () => this.saving.set(null), // the snackbar told
      });
  }
}
