import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { type Campaign, type CampaignExtension, PutExtension, type Unit, periodLabel } from '@cn2r/shared';
import { map, startWith } from 'rxjs';
import { provideFrenchDatepickerIntl } from '../../core/i18n/french-datepicker-intl';
import { toIsoDate } from '../../shared/dates/iso-date';
import { optionalTextControl, requiredControl, requiredDateControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { byPeriodOrder, frenchDate } from './campaign-status';
import { CampaignsApi } from './campaigns-api';

export interface ExtensionDialogData {
  readonly campaign: Campaign;
  readonly units: readonly Unit[];
  /** The extension to change; null to grant a new one. */
  readonly extension: CampaignExtension | null;
}

/** Grants a unit a later due date for one period of the campaign. Closes with the campaign as saved. */
@Component({
  selector: 'app-extension-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatDatepickerModule,
    MatButtonModule,
    MatProgressBarModule,
    FormErrors,
  ],
  providers: [provideFrenchDatepickerIntl()],
  template: `
    <h2 mat-dialog-title>{{ original ? 'Modifier la prolongation' : 'Accorder une prolongation' }}</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <app-form-errors [messages]="formErrors()" />
        <mat-form-field class="full-width">
          <mat-label>Centre</mat-label>
          <mat-select formControlName="unitId" required>
            @for (unit of units; track unit.id) {
              <mat-option [value]="unit.id">{{ unit.code }} — {{ unit.name }}</mat-option>
            }
          </mat-select>
          @if (form.controls.unitId.invalid) {
            <mat-error>{{ errorOf(form.controls.unitId) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label>Période</mat-label>
          <mat-select formControlName="period" required>
            @for (period of periods; track period.period) {
              <mat-option [value]="period.period">{{ periodName(period.period) }} — échéance {{ french(period.dueOn) }}</mat-option>
            }
          </mat-select>
          @if (form.controls.period.invalid) {
            <mat-error>{{ errorOf(form.controls.period) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label>Nouvelle échéance</mat-label>
          <input matInput [matDatepicker]="picker" formControlName="dueOn" required autocomplete="off" />
          <mat-hint>
            JJ/MM/AAAA{{ normalDueOn() ? ' — après l’échéance normale du ' + french(normalDueOn()!) : '' }}
          </mat-hint>
          <mat-datepicker-toggle matIconSuffix [for]="picker" />
          <mat-datepicker #picker />
          @if (form.controls.dueOn.invalid) {
            <mat-error>{{ errorOf(form.controls.dueOn) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label>Motif</mat-label>
          <textarea matInput formControlName="reason" rows="3"></textarea>
          <mat-hint>Facultatif. Visible par la coordination (ex. départ du secrétariat, panne du logiciel métier)</mat-hint>
          @if (form.controls.reason.invalid) {
            <mat-error>{{ errorOf(form.controls.reason) }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving()">
          {{ original ? 'Enregistrer' : 'Accorder la prolongation' }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: './campaign-dialog.scss',
})
export class ExtensionDialog extends FormDialogBase<Campaign> {
  private readonly api = inject(CampaignsApi);
  private readonly data = inject<ExtensionDialogData>(MAT_DIALOG_DATA);
  protected readonly original = this.data.extension;

  protected readonly units = [...this.data.units].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  protected readonly periods = [...this.data.campaign.periods].sort(byPeriodOrder);
  protected readonly french = frenchDate;

  protected readonly form = new FormGroup({
    unitId: requiredControl<number>(this.original?.unitId ?? null),
    period: requiredControl<string>(this.original?.period ?? null),
    dueOn: requiredDateControl(this.original?.dueOn),
    reason: optionalTextControl(this.original?.reason ?? '', 500),
  });

  // The unit and period of an extension being changed are fixed (disabled): their errors go above the form.
  protected override readonly disabledFieldsAbove = true;

  private readonly period = toSignal(
    this.form.controls.period.valueChanges.pipe(startWith(this.form.controls.period.value), map((period) => period)),
    { requireSync: true },
  );
  /** The period's due date for every other unit. */
  protected readonly normalDueOn = computed(() => this.periods.find((p) => p.period === this.period())?.dueOn ?? null);

  constructor() {
    super();
    // An extension is keyed by unit and period: changing it means removing it and granting another.
    if (this.original) {
      this.form.controls.unitId.disable();
      this.form.controls.period.disable();
    }
  }

  protected periodName(period: string): string {
    return periodLabel(period);
  }

  protected submit(): void {
    if (!this.startSubmit()) return;
    const { unitId, period, dueOn, reason } = this.form.getRawValue();
    const due = toIsoDate(dueOn!);
    const normal = this.normalDueOn();
    if (normal && due <= normal) {
      this.form.controls.dueOn.setErrors({ server: `La nouvelle échéance doit suivre l’échéance normale (${frenchDate(normal)}).` });
      return;
    }
    const body = this.parse(PutExtension, { dueOn: due, reason });
    if (!body) return;
    const request = this.api.putExtension(this.data.campaign.id, unitId!, period!, body);
    this.save(request, (campaign) => campaign);
  }
}
