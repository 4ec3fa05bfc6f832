import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { AbstractControl, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { type Campaign, CreateCampaign } from '@cn2r/shared';
import { optionalTextControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { CampaignsApi, type NewCampaign } from './campaigns-api';

export interface CampaignCreateDialogData {
  /** Years that already have a campaign (one campaign per year). */
  readonly takenYears: readonly number[];
  readonly suggestedYear: number;
}

/** A new campaign: its year and, if wanted, a label; the server creates its periods. Closes with the campaign. */
@Component({
  selector: 'app-campaign-create-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatProgressBarModule, FormErrors],
  template: `
    <h2 mat-dialog-title>Nouvelle campagne</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Création en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <app-form-errors [messages]="formErrors()" />
        <mat-form-field class="full-width">
          <mat-label>Année</mat-label>
          <input matInput type="number" formControlName="year" required min="2018" max="2100" step="1" />
          <mat-hint>Une seule campagne par année</mat-hint>
          @if (form.controls.year.invalid) {
            <mat-error>{{ errorOf(form.controls.year, yearMessages) }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label>Libellé</mat-label>
          <input matInput formControlName="label" autocomplete="off" />
          <mat-hint>Facultatif. Par défaut : « Campagne {{ form.controls.year.value ?? 'AAAA' }} »</mat-hint>
          @if (form.controls.label.invalid) {
            <mat-error>{{ errorOf(form.controls.label) }}</mat-error>
          }
        </mat-form-field>
        <p class="help">
          Les périodes sont créées automatiquement : les quatre trimestres et l’année (et les mois si un indicateur est
          mensuel), chacune ouverte dès son premier jour, avec une échéance 30 jours après sa fin (60 jours pour
          l’année). La campagne commence « en préparation » : vous pourrez ajuster ces dates, puis l’ouvrir aux centres.
        </p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving()">Créer la campagne</button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: './campaign-dialog.scss',
})
export class CampaignCreateDialog extends FormDialogBase<Campaign> {
  private readonly api = inject(CampaignsApi);
  private readonly data = inject<CampaignCreateDialogData>(MAT_DIALOG_DATA);


  private readonly notTaken = (control: AbstractControl<number | null>): ValidationErrors | null =>
    control.value !== null && this.data.takenYears.includes(control.value) ? { taken: true } : null;

  protected readonly form = new FormGroup({
    year: new FormControl<number | null>(this.data.suggestedYear, {
      validators: [Validators.required, Validators.min(2018), Validators.max(2100), Validators.pattern(/^\d{4}$/), this.notTaken],
    }),
    label: optionalTextControl('', 200),
  });

  protected readonly yearMessages = {
    min: 'Une année de 2018 à 2100.',
    max: 'Une année de 2018 à 2100.',
    pattern: 'Une année de 2018 à 2100.',
    taken: 'Une campagne existe déjà pour cette année.',
  };

  protected submit(): void {
    if (!this.startSubmit()) return;
    const { year, label } = this.form.getRawValue();
    const parsed = this.parse(CreateCampaign, { year, label });
    if (!parsed) return;
    // Only what was given: without a label the server names the campaign, without periods it creates them.
    const body: NewCampaign = parsed.label ? parsed : { year: parsed.year };
    // « Une campagne existe déjà pour 2027. » above the form, the detail on the year.
    this.save(this.api.create(body), (campaign) => campaign);
  }
}
