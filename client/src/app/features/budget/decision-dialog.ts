import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  type BudgetDecision,
  type BudgetLine,
  CreateBudgetDecision,
  DecisionKind,
  UpdateBudgetDecision,
  decisionKindLabels,
  formatEuros,
} from '@cn2r/shared';
import { provideFrenchDatepickerIntl } from '../../core/i18n/french-datepicker-intl';
import { requiredControl, requiredDateControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { isoDateOrNull } from '../../shared/forms/iso-date-or-null';
import { MoneyInput, moneyErrorMessage } from '../../shared/money-input/money-input';
import { BudgetApi } from './budget-api';

export interface DecisionDialogData {
  readonly year: number;
  readonly lines: readonly BudgetLine[];
  /** null to prepare a new draft. */
  readonly decision: BudgetDecision | null;
  /** Kinds that can still be created (one BI per year). */
  readonly kinds: readonly DecisionKind[];
  readonly date: string;
}

export type DecisionDialogResult = { readonly outcome: 'saved'; readonly decision: BudgetDecision } | { readonly outcome: 'conflict' };

type EntryGroup = FormGroup<{
  lineId: FormControl<number | null>;
  aeDeltaCents: FormControl<number | null>;
  cpDeltaCents: FormControl<number | null>;
}>;

/**
 * A draft budget decision (BI, BR, transfer): its date, reference, rationale and one entry per
 * line changing AE and CP (negative to remove credits). The rules (AE = CP for personnel, a
 * transfer sums to zero…) are checked on adoption by the server. Closes with the saved draft.
 */
@Component({
  selector: 'app-decision-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatDatepickerModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MoneyInput,
    FormErrors,
  ],
  providers: [provideFrenchDatepickerIntl()],
  template: `
    <h2 mat-dialog-title>{{ data.decision ? 'Modifier le brouillon ' + data.decision.code : 'Nouvelle décision budgétaire (' + data.year + ')' }}</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <app-form-errors [messages]="formErrors()" />
        <div class="row">
          <mat-form-field>
            <mat-label>Nature de la décision</mat-label>
            <mat-select formControlName="kind" required>
              @for (kind of kindOptions; track kind) {
                <mat-option [value]="kind">{{ kindLabels[kind] }}</mat-option>
              }
            </mat-select>
            @if (form.controls.kind.invalid) {
              <mat-error>{{ errorOf(form.controls.kind) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Date de la décision</mat-label>
            <input matInput [matDatepicker]="picker" formControlName="decidedOn" required autocomplete="off" />
            <mat-hint>JJ/MM/AAAA</mat-hint>
            <mat-datepicker-toggle matIconSuffix [for]="picker" />
            <mat-datepicker #picker />
            @if (form.controls.decidedOn.invalid) {
              <mat-error>{{ errorOf(form.controls.decidedOn) }}</mat-error>
            }
          </mat-form-field>
        </div>
        <mat-form-field class="full-width">
          <mat-label>Référence</mat-label>
          <input matInput formControlName="reference" autocomplete="off" />
          <mat-hint>Facultatif : délibération de l’assemblée générale…</mat-hint>
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label>Exposé des motifs</mat-label>
          <textarea matInput formControlName="rationale" rows="2"></textarea>
        </mat-form-field>

        <fieldset class="entries">
          <legend>Lignes modifiées (AE et CP, négatif pour retirer des crédits)</legend>
          @for (entry of entries.controls; track entry; let i = $index) {
            <div class="row entry" [formGroup]="entry">
              <mat-form-field>
                <mat-label>Ligne {{ i + 1 }}</mat-label>
                <mat-select formControlName="lineId" required>
                  @for (line of data.lines; track line.id) {
                    <mat-option [value]="line.id">{{ line.code }} — {{ line.label }}</mat-option>
                  }
                </mat-select>
                @if (isPersonnel(entry.controls.lineId.value)) {
                  <mat-hint>Personnel : AE = CP</mat-hint>
                }
                @if (entry.controls.lineId.invalid) {
                  <mat-error>{{ errorOf(entry.controls.lineId) }}</mat-error>
                }
              </mat-form-field>
              <mat-form-field>
                <mat-label>Variation d’AE, ligne {{ i + 1 }}</mat-label>
                <input matInput appMoneyInput allowNegative formControlName="aeDeltaCents" required />
                @if (entry.controls.aeDeltaCents.invalid) {
                  <mat-error>{{ moneyErrorOf(entry.controls.aeDeltaCents) }}</mat-error>
                }
              </mat-form-field>
              <mat-form-field>
                <mat-label>Variation de CP, ligne {{ i + 1 }}</mat-label>
                <input matInput appMoneyInput allowNegative formControlName="cpDeltaCents" required />
                @if (entry.controls.cpDeltaCents.invalid) {
                  <mat-error>{{ moneyErrorOf(entry.controls.cpDeltaCents) }}</mat-error>
                }
              </mat-form-field>
              <button mat-icon-button type="button" (click)="removeEntry(i)" [disabled]="entries.length === 1" [attr.aria-label]="'Retirer la ligne ' + (i + 1)">
                <mat-icon>delete</mat-icon>
              </button>
            </div>
          }
          <button mat-stroked-button type="button" (click)="addEntry()">
            <mat-icon>add</mat-icon>
            Ajouter une ligne
          </button>
          <p class="help" aria-live="polite">Total : AE {{ euros(totals().ae) }}, CP {{ euros(totals().cp) }}{{ isTransfer() ? ' (un virement est à somme nulle)' : '' }}</p>
        </fieldset>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving()">Enregistrer le brouillon</button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: './budget-dialog.scss',
  styles: `
    .entries {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-small);
      padding: 8px 12px;
    }
    .entry {
      align-items: flex-start;
    }
  `,
})
export class DecisionDialog extends FormDialogBase<DecisionDialogResult> {
  private readonly api = inject(BudgetApi);
  protected readonly data = inject<DecisionDialogData>(MAT_DIALOG_DATA);
  protected override readonly conflict = { outcome: 'conflict' } as const;

  protected readonly moneyErrorOf = moneyErrorMessage;
  protected readonly euros = (cents: number) => formatEuros(cents);
  protected readonly kindLabels = decisionKindLabels;
  protected readonly kindOptions = this.data.decision ? [this.data.decision.kind] : this.data.kinds;

  private readonly decision = this.data.decision;
  private readonly entry = (lineId: number | null = null, ae: number | null = null, cp: number | null = null): EntryGroup =>
    new FormGroup({
      lineId: requiredControl<number>(lineId),
      aeDeltaCents: requiredControl<number>(ae),
      cpDeltaCents: requiredControl<number>(cp),
    });

  protected readonly entries = new FormArray<EntryGroup>(
    this.decision ? this.decision.entries.map((e) => this.entry(e.lineId, e.aeDeltaCents, e.cpDeltaCents)) : [this.entry()],
  );

  protected readonly form = new FormGroup({
    kind: new FormControl<DecisionKind | null>(
      { value: this.decision?.kind ?? this.data.kinds[0] ?? null, disabled: this.decision !== null },
      { validators: [Validators.required] },
    ),
    decidedOn: requiredDateControl(this.decision?.decidedOn ?? this.data.date),
    reference: new FormControl(this.decision?.reference ?? '', { nonNullable: true }),
    rationale: new FormControl(this.decision?.rationale ?? '', { nonNullable: true }),
    entries: this.entries,
  });

  private readonly value = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  protected readonly totals = computed(() => {
    const entries = this.value().entries ?? [];
    return entries.reduce((t, e) => ({ ae: t.ae + (e?.aeDeltaCents ?? 0), cp: t.cp + (e?.cpDeltaCents ?? 0) }), { ae: 0, cp: 0 });
  });
  protected readonly isTransfer = computed(() => (this.value().kind ?? this.decision?.kind) === 'transfer');

  protected isPersonnel(lineId: number | null): boolean {
    return this.data.lines.find((line) => line.id === lineId)?.envelope === 'personnel';
  }

  protected addEntry(): void {
    this.entries.push(this.entry());
  }

  protected removeEntry(index: number): void {
    this.entries.removeAt(index);
  }

  protected submit(): void {
    if (!this.startSubmit()) return;
    const value = this.form.getRawValue();
    const common = {
      decidedOn: isoDateOrNull(value.decidedOn),
      reference: value.reference,
      rationale: value.rationale,
      entries: value.entries,
    };
    if (this.decision) {
      const body = this.parse(UpdateBudgetDecision, { ...common, version: this.decision.version });
      if (!body) return;
      this.save(this.api.updateDecision(this.decision.id, body), (decision) => ({ outcome: 'saved', decision }));
    } else {
      const body = this.parse(CreateBudgetDecision, { ...common, year: this.data.year, kind: value.kind });
      if (!body) return;
      this.save(this.api.createDecision(body), (decision) => ({ outcome: 'saved', decision }));
    }
  }
}
