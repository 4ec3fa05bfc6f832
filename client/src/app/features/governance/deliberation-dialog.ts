import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { CreateGovernanceDeliberation, type GovernanceDeliberation, type GovernanceMeeting } from '@cn2r/shared';
import { provideFrenchDatepickerIntl } from '../../core/i18n/french-datepicker-intl';
import { fromIsoDate } from '../../shared/dates/iso-date';
import { requiredControl, requiredDateControl, requiredTextControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { isoDateOrNull } from '../../shared/forms/iso-date-or-null';
import { GovernanceApi } from './governance-api';
import { type GovernanceDialogResult, saved } from './governance-dialog-result';

export interface DeliberationDialogData {
  readonly deliberation: GovernanceDeliberation | null;
  /** The meetings that may adopt it (those of the year shown). */
  readonly meetings: readonly GovernanceMeeting[];
  /** A suggested number for a new deliberation (the next of the year). */
  readonly suggestedNumber?: string;
}

/** Records or edits a deliberation: its number (AAAA-NN), the meeting, the date, the title and the vote. */
@Component({
  selector: 'app-deliberation-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, DatePipe, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatDatepickerModule, MatButtonModule, MatProgressBarModule, FormErrors],
  providers: [provideFrenchDatepickerIntl()],
  styleUrl: './governance-dialog.scss',
  template: `
    <h2 mat-dialog-title>{{ original ? 'Modifier la délibération ' + original.number : 'Nouvelle délibération' }}</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <app-form-errors [messages]="formErrors()" />
        <div class="form-grid">
          <mat-form-field>
            <mat-label>Numéro</mat-label>
            <input matInput formControlName="number" required autocomplete="off" maxlength="8" />
            <mat-hint>AAAA-NN, par exemple 2025-07</mat-hint>
            @if (form.controls.number.invalid) {
              <mat-error>{{ errorOf(form.controls.number, numberMessages) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Séance</mat-label>
            <mat-select formControlName="meetingId" required>
              @for (m of data.meetings; track m.id) {
                <mat-option [value]="m.id">{{ m.bodyName }} du {{ m.heldOn | date: 'dd/MM/yyyy' }}</mat-option>
              }
            </mat-select>
            @if (form.controls.meetingId.invalid) {
              <mat-error>{{ errorOf(form.controls.meetingId) }}</mat-error>
            }
          </mat-form-field>
        </div>
        <mat-form-field class="full-width">
          <mat-label>Intitulé</mat-label>
          <input matInput formControlName="title" required autocomplete="off" />
          @if (form.controls.title.invalid) {
            <mat-error>{{ errorOf(form.controls.title) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Date</mat-label>
          <input matInput [matDatepicker]="picker" formControlName="adoptedOn" required autocomplete="off" />
          <mat-hint>JJ/MM/AAAA</mat-hint>
          <mat-datepicker-toggle matIconSuffix [for]="picker" />
          <mat-datepicker #picker />
          @if (form.controls.adoptedOn.invalid) {
            <mat-error>{{ errorOf(form.controls.adoptedOn) }}</mat-error>
          }
        </mat-form-field>
        <div class="form-grid">
          <mat-form-field>
            <mat-label>Voix pour</mat-label>
            <input matInput type="number" formControlName="votesFor" required min="0" />
            @if (form.controls.votesFor.invalid) {
              <mat-error>{{ errorOf(form.controls.votesFor) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Voix contre</mat-label>
            <input matInput type="number" formControlName="votesAgainst" required min="0" />
            @if (form.controls.votesAgainst.invalid) {
              <mat-error>{{ errorOf(form.controls.votesAgainst) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Abstentions</mat-label>
            <input matInput type="number" formControlName="abstentions" required min="0" />
            @if (form.controls.abstentions.invalid) {
              <mat-error>{{ errorOf(form.controls.abstentions) }}</mat-error>
            }
          </mat-form-field>
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving()">{{ original ? 'Enregistrer' : 'Enregistrer la délibération' }}</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class DeliberationDialog extends FormDialogBase<GovernanceDialogResult> {
  private readonly api = inject(GovernanceApi);
  protected readonly data = inject<DeliberationDialogData>(MAT_DIALOG_DATA);
  protected readonly original = this.data.deliberation;
  protected override readonly conflict = { outcome: 'conflict' } as const;
  protected readonly numberMessages = { pattern: 'Le numéro s’écrit AAAA-NN, par exemple 2025-07.' };

  protected readonly form = new FormGroup({
    number: new FormControl(this.original?.number ?? this.data.suggestedNumber ?? '', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/^\d{4}-\d{2,3}$/)],
    }),
    meetingId: requiredControl<number>(this.original?.meetingId ?? null),
    adoptedOn: requiredDateControl(this.original?.adoptedOn),
    title: requiredTextControl(this.original?.title ?? '', 500),
    votesFor: new FormControl<number | null>(this.original?.votesFor ?? null, { validators: [Validators.required, Validators.min(0)] }),
    votesAgainst: new FormControl<number | null>(this.original?.votesAgainst ?? 0, { validators: [Validators.required, Validators.min(0)] }),
    abstentions: new FormControl<number | null>(this.original?.abstentions ?? 0, { validators: [Validators.required, Validators.min(0)] }),
  });

  constructor() {
    super();
    // A new deliberation takes the date of the meeting chosen, unless a date was typed.
    this.form.controls.meetingId.valueChanges.subscribe((id) => {
      const meeting = this.data.meetings.find((m) => m.id === id);
      if (meeting && !this.form.controls.adoptedOn.value) this.form.controls.adoptedOn.setValue(fromIsoDate(meeting.heldOn));
    });
  }

  protected submit(): void {
    if (!this.startSubmit()) return;
    const v = this.form.getRawValue();
    const body = this.parse(CreateGovernanceDeliberation, { ...v, adoptedOn: isoDateOrNull(v.adoptedOn) ?? '' });
    if (!body) return;
    this.saveEdit(
      this.original,
      body,
      { create: (fields) => this.api.createDeliberation(fields), update: (id, changes) => this.api.updateDeliberation(id, changes) },
      saved,
    );
  }
}
